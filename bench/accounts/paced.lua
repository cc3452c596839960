-- GET /userInfo with the bench token, each connection waiting BENCH_DELAY_MS (default 10) between requests:
-- a paced probe (about connections * 1000 / delay requests/s) rather than a flood, so that its p99 shows
-- how long a request waits behind the sign-in load, not behind the probe's own queue.
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "10")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
function delay()
  return delay_ms
end
