# Sourced by bench/*/run.sh: the server from the fat jar, on $port with its data under $work, and an
# activated, signed-in account. Expects $jar, $work and $port; sets $server_pid and $base.

start_server() {
  setup/assets.sh models .cache/models # the server does not start without its face models
  echo "starting the server (data in $work/data)"
  XPHOTO_DATA_DIR="$work/data" XPHOTO_MODEL_DIR="$PWD/.cache/models" XPHOTO_HTTP_PORT=$port \
    XPHOTO_HTTP_ACCESS_LOG=false java ${BENCH_JAVA_OPTS:-} -jar "$jar" > "$work/server.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 120); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done
  curl -sf "$base/health" >/dev/null || { cat "$work/server.log"; exit 1; }
}

# Signs up "$1" (email "$1@example.org", password "bench-password") and follows the activation link the
# server logs (no SMTP configured).
activated_account() {
  local name=$1 link=""
  curl -sf -XPOST "$base/signup" -d "{\"username\":\"$name\",\"email\":\"$name@example.org\",\"password\":\"bench-password\",\"repeat_password\":\"bench-password\"}" >/dev/null
  for _ in $(seq 50); do
    link=$(grep -A20 "to $name@example.org," "$work/server.log" | grep -o "http://localhost:$port/active_account?[^ ]*" | head -1 || true)
    [ -n "$link" ] && break
    sleep 0.2
  done
  curl -sf "${link/localhost/127.0.0.1}" >/dev/null
}

# Activates "benchuser", signs in, and prints the JWT.
signed_in_token() {
  activated_account benchuser
  curl -sf -XPOST "$base/signin" -d '{"username":"benchuser","password":"bench-password"}' \
    | sed -E 's/.*"JWTToken":"([^"]+)".*/\1/'
}
