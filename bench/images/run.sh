#!/usr/bin/env bash
# Photos benchmark (issue 4), on this machine, in one run:
#  (a) POST /upload of a ~200 KB JPEG at 16 connections, local backend: MB/s and p99,
#      against writing the same bytes to the same disk the way the backend does (16 threads);
#  (b) GET of an uploaded image at 64 connections, against Vert.x's bare static-file route on the same file.
# Writes bench/images/RESULTS.md. Needs wrk (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/server.sh
load_start=$(cut -d" " -f1-3 /proc/loadavg)
jar=target/xphoto-server.jar
[ -f "$jar" ] || ./run.sh build
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
bare_port=$((port + 1))
server_pid=""
bare_pid=""
cleanup() {
  [ -n "$bare_pid" ] && kill "$bare_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_server
token=$(signed_in_token)

size=$(java bench/images/MakeJpeg.java "$work/photo.jpg" 200000)
echo "JPEG of $size bytes"

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1" | ms; }

echo "warm-up: 15 s of uploads (the JIT compiles the upload path: measured cold, C2 took a third of the CPU)"
BENCH_JPEG="$work/photo.jpg" BENCH_TOKEN="$token" wrk -t2 -c16 -d15s -s bench/images/upload.lua "$base/upload" > /dev/null
echo "(a) uploads: 16 connections, 20 s"
BENCH_JPEG="$work/photo.jpg" BENCH_TOKEN="$token" wrk -t2 -c16 -d20s --latency -s bench/images/upload.lua "$base/upload" > "$work/upload.txt"
upload_rate=$(rate "$work/upload.txt"); upload_p99=$(p99 "$work/upload.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/upload.txt"); non2xx=${non2xx:-0}
upload_mbs=$(awk -v r="$upload_rate" -v s="$size" 'BEGIN {printf "%.1f", r * s / 1e6}')
read -r disk_rate disk_mbs disk_p99 < <(java bench/images/DiskWrite.java "$work/disk" "$work/photo.jpg" 16 20)
upload_ratio=$(awk -v a="$upload_mbs" -v b="$disk_mbs" 'BEGIN {printf "%.2f", a / b}')

url=$(curl -sf "$base/images" -H "Authorization: Bearer $token" | sed -E 's/.*"urls":\["([^"]+)".*/\1/')
path="/objects/${url##*/}"
echo "(b) GET $path: 64 connections, 15 s each (after 5 s of warm-up each)"
wrk -t2 -c64 -d5s "$base$path" > /dev/null
wrk -t2 -c64 -d15s --latency "$base$path" > "$work/get.txt"
java -cp "$jar" bench/images/BareStaticServer.java "$bare_port" "$work/data/objects" > "$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$bare_port$path" -o /dev/null && break; sleep 0.5; done
wrk -t2 -c64 -d5s "http://127.0.0.1:$bare_port$path" > /dev/null
wrk -t2 -c64 -d15s --latency "http://127.0.0.1:$bare_port$path" > "$work/bare.txt"
get_rate=$(rate "$work/get.txt"); get_p99=$(p99 "$work/get.txt")
bare_rate=$(rate "$work/bare.txt"); bare_p99=$(p99 "$work/bare.txt")
get_ratio=$(awk -v a="$get_rate" -v b="$bare_rate" 'BEGIN {printf "%.2f", a / b}')
blocked=$(grep -c "Thread blocked" "$work/server.log" || true)

verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v >= t) ? "met" : "missed"}'; }
cat > bench/images/RESULTS.md <<RESULTS
# Photos benchmark results

Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),
server, load generator and baselines on the same machine. Command: \`bench/images/run.sh\`.

| measure | xphoto | baseline | ratio | target |
|---|---|---|---|---|
| upload of a $size-byte JPEG, 16 connections | $upload_mbs MB/s ($upload_rate req/s), p99 $upload_p99 ms, non-2xx $non2xx | same bytes written to the same disk by 16 threads: $disk_mbs MB/s, p99 $disk_p99 ms | $upload_ratio | ≥ 0.5: $(verdict "$upload_ratio" 0.5) |
| GET of that image, 64 connections | $get_rate req/s, p99 $get_p99 ms | Vert.x bare static route: $bare_rate req/s, p99 $bare_p99 ms | $get_ratio | |

Blocked-thread warnings in the server log: $blocked.

An upload is: multipart parsing with the size limit, the structural check and metadata strip on a worker,
the object written through the storage verticle (temporary file and rename), the row inserted in
PostgreSQL, the URL built: every upload is durable in the database before it is answered. The disk
baseline writes the same bytes the same way without any of the rest (and, like the backend, without fsync).
Each load is preceded by a warm-up. Load average of the machine (1, 5, 15 min) at the start of the run:
$load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Other work on the machine disturbs the figures.
RESULTS
bench/summarize.sh
cat bench/images/RESULTS.md
