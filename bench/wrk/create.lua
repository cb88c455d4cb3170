-- POST /customers with unique bodies: realistic name/phone/city, an email unique per run, thread and request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local rows = {}
for _, line in ipairs(read_lines(os.getenv("BENCH_POST"))) do rows[#rows + 1] = split_tab(line) end
local run = os.getenv("BENCH_RUN")
local n = 0
wrk.headers["Content-Type"] = "application/json"

request = function()
  n = n + 1
  local r = rows[math.random(#rows)]
  local body = string.format(
    '{"kind":"company","name":"%s","email":"bench.%s.%d.%d@example.com","phone":"%s","type":"lead","tags":["bench"],"address":{"city":"%s","country":"%s"}}',
    r[1], run, tid or 0, n, r[2], r[3], r[4])
  return wrk.format("POST", "/api/v1/customers", nil, body)
end
