-- POST /upload with one JPEG as multipart/form-data. Set BENCH_JPEG and BENCH_TOKEN in the environment.
local file = io.open(os.getenv("BENCH_JPEG"), "rb")
local jpeg = file:read("*all")
file:close()
local boundary = "----xphoto-bench-boundary"
wrk.method = "POST"
wrk.body = "--" .. boundary .. "\r\n"
  .. "Content-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
  .. "Content-Type: image/jpeg\r\n\r\n"
  .. jpeg .. "\r\n--" .. boundary .. "--\r\n"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
