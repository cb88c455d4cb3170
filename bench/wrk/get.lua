-- GET /customers/{id} over random existing ids.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local ids = read_lines(os.getenv("BENCH_IDS"))

request = function()
  return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(#ids)])
end
