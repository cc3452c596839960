-- POST /signin with the bench account's credentials (a successful sign-in: the throttle row its attempt writes is taken back).
wrk.method = "POST"
wrk.body = '{"username":"benchuser","password":"bench-password"}'
wrk.headers["Content-Type"] = "application/json"
