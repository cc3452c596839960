-- POST /signin with the bench account's credentials (a successful sign-in: throttling counts failures only).
wrk.method = "POST"
wrk.body = '{"username":"benchuser","password":"bench-password"}'
wrk.headers["Content-Type"] = "application/json"
