#!/usr/bin/env bash
# Issue 12 item 7: our multipart parser (MultipartFiles + MultipartParser) against Vert.x's own streaming upload
# handling (setExpectMultipart(true) + uploadHandler), same limits, in one server (bench/images/MultipartAB.java,
# one event loop): POST of a ~200 KB JPEG as multipart/form-data at 16 connections, after a warm-up of each,
# in alternating 5 s slices A (ours), B (Vert.x), A, B, ... (4 each). Writes bench/images/MULTIPART-AB.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=target/xphoto-server.jar
./run.sh jar
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

javac -proc:none -nowarn -cp "$jar" -d "$work/classes" bench/images/MultipartAB.java
java -cp "$jar:$work/classes" io.xphoto.api.MultipartAB "$port" > "$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 60); do grep -q listening "$work/server.log" && break; sleep 0.5; done
size=$(java bench/images/MakeJpeg.java "$work/photo.jpg" 200000)
echo "JPEG of $size bytes"

# Both routes keep the limits: a 2 MB file and 21 files are refused (413), 20 files pass.
head -c 2000000 /dev/urandom > "$work/big.bin"
many() { for i in $(seq "$1"); do printf -- '-F f%d=@%s ' "$i" "$work/photo.jpg"; done; }
for route in ours vertx; do
  one=$(curl -s -o /dev/null -w '%{http_code}' -F "file=@$work/photo.jpg" "$base/$route")
  big=$(curl -s -o /dev/null -w '%{http_code}' -F "file=@$work/big.bin" "$base/$route")
  # shellcheck disable=SC2046
  f21=$(curl -s -o /dev/null -w '%{http_code}' $(many 21) "$base/$route")
  # shellcheck disable=SC2046
  f20=$(curl -s -o /dev/null -w '%{http_code}' $(many 20) "$base/$route")
  echo "  /$route: one JPEG $one, 2 MB file $big, 21 files $f21, 20 files $f20"
  [ "$one $big $f21 $f20" = "200 413 413 200" ] || { echo "limits not kept by /$route" >&2; exit 1; }
done

load() { # $1: route, $2: seconds, $3: output
  BENCH_JPEG="$work/photo.jpg" BENCH_TOKEN=unused wrk -t2 -c16 -d"$2"s --latency -s bench/images/upload.lua \
    "$base/$1" > "$3"
}
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1" | ms; }
non2xx() { awk '/Non-2xx/ {s += $NF} END {print s + 0}' "$1"; }

echo "warm-up: 2 × 10 s of each route, alternating"
for round in 1 2; do load ours 10 /dev/null; load vertx 10 /dev/null; done
rows=""
for slice in 1 2 3 4; do
  for route in ours vertx; do
    load "$route" 5 "$work/$route-$slice.txt"
    line="$(rate "$work/$route-$slice.txt") $(p99 "$work/$route-$slice.txt") $(non2xx "$work/$route-$slice.txt")"
    echo "$line" >> "$work/$route.txt"
    echo "  slice $slice /$route: req/s p99-ms non-2xx: $line"
    rows="$rows| $slice | $([ "$route" = ours ] && echo "A, ours" || echo "B, Vert.x") | $(echo "$line" | awk '{print $1 " | " $2 " | " $3}') |
"
  done
done
# median of 4 = mean of the middle two; spread = (max - min) / median
stats() { sort -g | awk '{v[NR] = $1} END {m = (v[2] + v[3]) / 2; printf "%.1f %.1f %.1f %.1f\n", m, v[1], v[4], (v[4] - v[1]) * 100 / m}'; }
read -r a_med a_min a_max a_spread < <(awk '{print $1}' "$work/ours.txt" | stats)
read -r b_med b_min b_max b_spread < <(awk '{print $1}' "$work/vertx.txt" | stats)
read -r a_p99 _ _ _ < <(awk '{print $2}' "$work/ours.txt" | stats)
read -r b_p99 _ _ _ < <(awk '{print $2}' "$work/vertx.txt" | stats)
diff=$(awk -v a="$a_med" -v b="$b_med" 'BEGIN {printf "%+.1f", (a - b) * 100 / b}')
noise=$(awk -v a="$a_spread" -v b="$b_spread" 'BEGIN {printf "%.1f", (a > b ? a : b)}')
verdict=$(awk -v d="$diff" -v n="$noise" 'BEGIN {d = d < 0 ? -d : d; print (d <= n) ? "within the noise" : "beyond the noise"}')
echo "ours $a_med req/s (spread $a_spread %), Vert.x $b_med req/s (spread $b_spread %): ours $diff %, $verdict"

cat > bench/images/MULTIPART-AB.md <<RESULTS
# Multipart A/B: our parser against Vert.x's streaming uploads

Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),
server (one event loop) and wrk on the same machine. Command: \`bench/images/multipart-ab.sh\`.

POST of a $size-byte JPEG as multipart/form-data (\`upload.lua\`), 16 connections, to one server
(\`MultipartAB.java\`) with two routes that read the files into memory with the same limits (1 MiB per
file, 20 files, 413 past either, as the body streams; checked before the load): A, \`/ours\`, is
\`MultipartFiles\` with \`MultipartParser\`; B, \`/vertx\`, is \`setExpectMultipart(true)\` +
\`uploadHandler\`, each upload's chunks appended to a \`Buffer\`, then the \`byte[]\` our routes hold.
After 2 × 10 s of warm-up of each, alternating 5 s slices A, B, A, B, ... (4 each).

| slice | route | req/s | p99 ms | non-2xx |
|---|---|---|---|---|
$rows
| | A, ours | B, Vert.x |
|---|---|---|
| median req/s | $a_med | $b_med |
| slowest – fastest slice | $a_min – $a_max | $b_min – $b_max |
| spread, (fastest − slowest) / median | $a_spread % | $b_spread % |
| median p99 ms | $a_p99 | $b_p99 |

Ours against Vert.x: $diff % requests/s; the larger spread (the noise) is $noise %: **$verdict**.

Load average of the machine (1, 5, 15 min) at the start of the run: $load_start; at the end:
$(cut -d' ' -f1-3 /proc/loadavg). Other work on the machine disturbs the figures.
RESULTS
cat bench/images/MULTIPART-AB.md
