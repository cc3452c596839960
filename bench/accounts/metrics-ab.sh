#!/usr/bin/env bash
# The cost of metrics on GET /userInfo: two servers from the fat jar (./run.sh jar first), one with metrics and one
# with XPHOTO_METRICS_ENABLED=false, measured in alternating 5 s wrk slices (64 connections), so that both see the
# same machine. Prints one line per slice: variant, requests/s, p99, load average.
set -euo pipefail
cd /work/wt-metrics
source bench/server.sh
jar=target/xphoto-server.jar
root=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT
declare -A bases tokens
for variant in on off; do
  work="$root/$variant"; mkdir -p "$work"
  port=$((20000 + RANDOM % 20000))
  if [ "$variant" = off ]; then export XPHOTO_METRICS_ENABLED=false; else unset XPHOTO_METRICS_ENABLED; fi
  start_server
  pids+=("$server_pid")
  bases[$variant]=$base
  tokens[$variant]=$(signed_in_token)
done
unset XPHOTO_METRICS_ENABLED
for variant in on off; do
  wrk -t2 -c64 -d5s "${bases[$variant]}/userInfo" -H "Authorization: Bearer ${tokens[$variant]}" > /dev/null
done
for slice in 1 2 3 4; do
  for variant in on off; do
    rate=$(wrk -t2 -c64 -d5s --latency "${bases[$variant]}/userInfo" -H "Authorization: Bearer ${tokens[$variant]}" \
      | awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r, p}')
    echo "slice $slice $variant $rate $(cut -d' ' -f1 /proc/loadavg)"
  done
done
grep -c 'Blocked' "$root"/*/server.log || true
