-- POST /signin, successful sign-ins of the accounts benchuser1..N (N = $BENCH_USERS), taken in turn: the
-- throttle counts a sign-in being checked as a failure until its password is found right, so one account
-- signing in more than throttle.account-address-failures (5) times at once from one address gets 429.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local users = tonumber(os.getenv("BENCH_USERS")) or 1
local threads = 0

function setup(thread)
  thread:set("first", threads * 7919)
  threads = threads + 1
end

local sent = 0

function request()
  local user = ((first or 0) + sent) % users + 1
  sent = sent + 1
  return wrk.format(nil, nil, nil, string.format('{"username":"benchuser%d","password":"bench-password"}', user))
end
