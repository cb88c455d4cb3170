-- A fixed URL (first page, deep cursor page): the URL on wrk's command line is the request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
