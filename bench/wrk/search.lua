-- GET /customers?q=<misspelled name or city from the data> (terms.tsv column 1: what a user types).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local terms = {}
for _, line in ipairs(read_lines(os.getenv("BENCH_TERMS"))) do
  terms[#terms + 1] = "/api/v1/customers?q=" .. urlencode(split_tab(line)[1])
end

request = function()
  return wrk.format("GET", terms[math.random(#terms)])
end
