#!/usr/bin/env bash
# Accounts benchmark (issue 3), on this machine, in one run:
#  (a) GET /userInfo with a valid token at 64 connections: requests/s and p99,
#      against Vert.x's bare JSON route (BareJsonServer.java, same number of event loops);
#  (b) POST /signin (successful sign-ins) at 4 connections per core: sign-ins/s,
#      against the raw Argon2id rate of io.xphoto.accounts.PasswordHasher on one thread per core;
#  (c) GET /userInfo p99 from a paced probe (10 connections, 10 ms apart: ~1000 req/s, paced.lua) while
#      (b)'s sign-in load keeps every core busy, and the blocked-thread warnings of the server log.
# Writes bench/accounts/RESULTS.md. Needs wrk (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/server.sh
jar=target/xphoto-server.jar
./run.sh jar
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

cores=$(nproc)
load_start=$(cut -d" " -f1-3 /proc/loadavg)
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
bare_port=$((port + 1))
server_pid=""
bare_pid=""
load_pid=""
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  [ -n "$bare_pid" ] && kill "$bare_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

start_server
token=$(signed_in_token)
curl -sf "$base/userInfo" -H "Authorization: Bearer $token" >/dev/null
# the sign-ins take these accounts in turn (signin.lua): one account signing in more than 5 times at once
# from one address is throttled
export BENCH_USERS=$((4 * cores))
for i in $(seq "$BENCH_USERS"); do activated_account "benchuser$i"; done

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1" | ms; }
non2xx() { local n; n=$(awk '/Non-2xx/ {print $NF}' "$1"); echo "${n:-0}"; }
errors() { local n; n=$(awk '/Socket errors/ {s=0; for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) s+=$i; print s}' "$1"); echo "${n:-0}"; }

echo "warm-up: 10 s of /userInfo and /signin"
wrk -t2 -c64 -d5s "$base/userInfo" -H "Authorization: Bearer $token" > /dev/null
wrk -t2 -c$((4 * cores)) -d5s -s bench/accounts/signin.lua "$base/signin" > /dev/null

echo "(a) /userInfo: 64 connections, 15 s each, xphoto then the bare JSON route"
wrk -t2 -c64 -d15s --latency "$base/userInfo" -H "Authorization: Bearer $token" > "$work/userinfo.txt"
java -cp "$jar" bench/accounts/BareJsonServer.java "$bare_port" > "$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$bare_port/userInfo" -o /dev/null && break; sleep 0.5; done
wrk -t2 -c64 -d5s "http://127.0.0.1:$bare_port/userInfo" > /dev/null
wrk -t2 -c64 -d15s --latency "http://127.0.0.1:$bare_port/userInfo" > "$work/bare.txt"
kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true; bare_pid=""
info_rate=$(rate "$work/userinfo.txt"); info_p99=$(p99 "$work/userinfo.txt"); info_non2xx=$(non2xx "$work/userinfo.txt")
bare_rate=$(rate "$work/bare.txt"); bare_p99=$(p99 "$work/bare.txt")
info_ratio=$(awk -v a="$info_rate" -v b="$bare_rate" 'BEGIN {printf "%.2f", a / b}')

# The two rates are measured in alternating 5 s slices (4 each), so that a change in the machine's load
# touches both alike: measured one after the other, the ratio moved between 0.79 and 1.05 over five runs.
echo "(b) /signin: $((4 * cores)) connections, against the raw Argon2id rate on $cores threads: 4 × 5 s of each, alternating"
for slice in 1 2 3 4; do
  wrk -t2 -c$((4 * cores)) -d5s --latency -s bench/accounts/signin.lua "$base/signin" > "$work/signin-$slice.txt"
  java -cp "$jar" bench/accounts/HashRate.java "$cores" 5 > "$work/hash-$slice.txt"
done
signin_rate=$(for f in "$work"/signin-?.txt; do rate "$f"; done | awk '{s += $1} END {printf "%.2f", s / NR}')
signin_p99=$(for f in "$work"/signin-?.txt; do p99 "$f"; echo; done | sort -g | tail -n 1)
signin_non2xx=$(for f in "$work"/signin-?.txt; do non2xx "$f"; echo; done | awk '{s += $1} END {print s + 0}')
hash_rate=$(cat "$work"/hash-?.txt | awk '{s += $1} END {printf "%.2f", s / NR}')
signin_ratio=$(awk -v a="$signin_rate" -v b="$hash_rate" 'BEGIN {printf "%.2f", a / b}')

echo "(c) /userInfo paced at ~1000 req/s, 20 s, under the sign-in load of (b)"
wrk -t1 -c$((4 * cores)) -d30s -s bench/accounts/signin.lua "$base/signin" > "$work/signin-load.txt" &
load_pid=$!
sleep 5
load_cpu_before=$(awk '/^cpu / {print $2+$3+$4+$6+$7+$8, $5}' /proc/stat)
BENCH_TOKEN="$token" BENCH_DELAY_MS=10 wrk -t1 -c10 -d20s --latency -s bench/accounts/paced.lua "$base/userInfo" > "$work/loaded.txt"
load_cpu_after=$(awk '/^cpu / {print $2+$3+$4+$6+$7+$8, $5}' /proc/stat)
wait "$load_pid" || true; load_pid=""
busy=$(echo "$load_cpu_before $load_cpu_after" | awk '{b=$3-$1; i=$4-$2; printf "%.0f", 100 * b / (b + i)}')
loaded_rate=$(rate "$work/loaded.txt"); loaded_p99=$(p99 "$work/loaded.txt"); loaded_non2xx=$(non2xx "$work/loaded.txt")
load_signin_rate=$(rate "$work/signin-load.txt")
blocked=$(grep -c "Thread blocked" "$work/server.log" || true)

verdict_ge() { awk -v v="$1" -v t="$2" 'BEGIN {print (v >= t) ? "met" : "missed"}'; }
verdict_le() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t) ? "met" : "missed"}'; }
cat > bench/accounts/RESULTS.md <<RESULTS
# Accounts benchmark results

Run $(date -u +%Y-%m-%dT%H:%MZ) on $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),
server, load generator and baselines on the same machine. Command: \`bench/accounts/run.sh\`.

| measure | xphoto | baseline | ratio | target |
|---|---|---|---|---|
| (a) GET /userInfo with a token, 64 connections | $info_rate req/s, p99 $info_p99 ms, non-2xx $info_non2xx | Vert.x bare JSON route: $bare_rate req/s, p99 $bare_p99 ms | $info_ratio | ≥ 0.6: $(verdict_ge "$info_ratio" 0.6) |
| (b) POST /signin, $((4 * cores)) connections | $signin_rate sign-ins/s, p99 $signin_p99 ms, non-2xx $signin_non2xx | raw Argon2id verifications (PasswordHasher, $cores threads): $hash_rate /s | $signin_ratio | ≥ 0.85: $(verdict_ge "$signin_ratio" 0.85) |
| (c) GET /userInfo paced at ~1000 req/s (10 connections, 10 ms apart), during sign-ins at $((4 * cores)) connections ($load_signin_rate sign-ins/s, CPU $busy % busy) | $loaded_rate req/s, p99 $loaded_p99 ms, non-2xx $loaded_non2xx | | | p99 ≤ 20 ms: $(verdict_le "$loaded_p99" 20) |

Blocked-thread warnings in the server log: $blocked (target 0).

/userInfo is: the request id, the query and HEAD checks, the bearer check (the claims' types and times,
the HS256 signature through vertx-auth-jwt, the revoked-token map), the JSON answer. The bare route answers
the same JSON with nothing else. A sign-in is: the JSON body, one statement reading the account and the
throttling state and counting the attempt (PostgreSQL, through the DB verticle), one Argon2id verification
(m=19 MiB, t=2, p=1) on the hashing worker pool, the attempt taken back (a second statement), a JWT issued;
the sign-ins take $((4 * cores)) accounts in turn (one account signing in more than 5 times at once from one
address is throttled). The hash baseline runs the same PasswordHasher.verify in a loop on one thread per core, nothing else;
(b) alternates 5 s of each, four times (means of the slices; the p99 is the worst slice's).
Each load is preceded by a warm-up; wrk runs on the same cores as the server. In (c) the probe is paced
(wrk's \`delay()\`), not a flood: a flooding probe measures its own queue on two cores, not the wait behind
the sign-ins. Load average of the machine (1, 5, 15 min) at the start of the run: $load_start; at the end:
$(cut -d' ' -f1-3 /proc/loadavg). Other work on the machine disturbs the figures.
RESULTS
bench/summarize.sh
cat bench/accounts/RESULTS.md
