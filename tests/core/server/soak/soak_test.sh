#!/usr/bin/env bash
# Soak: a bounded mixed load on berth-registry for DURATION seconds (wrk,
# loopback): no request may fail, RSS must not trend upwards, and no file
# descriptor may leak (/proc/PID/fd before and after).
# Usage: soak_test.sh BERTH_REGISTRY [DURATION=60]
set -euo pipefail
binary=$1
duration=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/berth-soak.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$binary" serve --root "$work/data" --addr 127.0.0.1:0 --port-file "$work/port" \
  --delete-enabled --log-level warn 2>"$work/serve.log" &
pid=$!
deadline=$((SECONDS + 20))
while [ ! -s "$work/port" ] && [ $SECONDS -lt $deadline ]; do sleep 0.05; done  # poll, bounded
[ -s "$work/port" ] || { echo "FAIL: the registry did not start"; cat "$work/serve.log"; exit 1; }
url="http://127.0.0.1:$(cat "$work/port")"

sha() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }
head -c $((4 * 1024 * 1024)) /dev/urandom > "$work/layer"
printf '{"architecture":"amd64","os":"linux"}' > "$work/config"
printf 'small soak blob' > "$work/small"
for f in layer config; do
  curl -sf -X POST -H 'Content-Type: application/octet-stream' --data-binary "@$work/$f" \
    "$url/v2/soak/app/blobs/uploads/?digest=$(sha "$work/$f")" -o /dev/null
done
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
  "$(sha "$work/config")" "$(stat -c %s "$work/config")" "$(sha "$work/layer")" "$(stat -c %s "$work/layer")" > "$work/manifest"
curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
  --data-binary "@$work/manifest" "$url/v2/soak/app/manifests/v1" -o /dev/null

fds() { ls "/proc/$pid/fd" | wc -l; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
# Warm up (thread pool, caches), then the baseline.
wrk -t2 -c16 -d3s -s "$here/mixed.lua" "$url" -- "$(cat "$work/manifest")" "$(sha "$work/layer")" \
  "$(cat "$work/small")" "$(sha "$work/small")" > /dev/null
fds_before=$(fds)

wrk -t2 -c16 -d"${duration}s" --timeout 10s -s "$here/mixed.lua" "$url" -- "$(cat "$work/manifest")" \
  "$(sha "$work/layer")" "$(cat "$work/small")" "$(sha "$work/small")" > "$work/wrk.txt" &
wrk_pid=$!
samples=()
while kill -0 "$wrk_pid" 2>/dev/null; do
  samples+=("$(rss)")
  # one RSS sample per ~second: waiting on wrk with a bound, not a synchronisation sleep
  timeout 1 tail --pid="$wrk_pid" -f /dev/null || true
done
wait "$wrk_pid"
cat "$work/wrk.txt"

failures=0
check() { local what=$1; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi; }
requests=$(awk '/^soak:/ {print $2}' "$work/wrk.txt")
socket_errors=$(awk '/^soak:/ {print $4}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/wrk.txt")
check "load ran (${requests:-0} requests)" test "${requests:-0}" -gt 1000
check "no socket errors (${socket_errors:-?})" test "${socket_errors:-1}" -eq 0
check "no non-2xx answers (${non2xx:-0})" test "${non2xx:-0}" -eq 0

n=${#samples[@]}
third=$((n / 3))
if [ "$third" -ge 2 ]; then
  first=$(printf '%s\n' "${samples[@]:0:$third}" | awk '{s+=$1} END {print int(s/NR)}')
  last=$(printf '%s\n' "${samples[@]:$((n - third)):$third}" | awk '{s+=$1} END {print int(s/NR)}')
  echo "# RSS: first third ${first} kB, last third ${last} kB, ${n} samples"
  check "RSS has no upward trend (last third <= first third * 1.2 + 4 MB)" \
    test "$last" -le $((first * 12 / 10 + 4096))
else
  echo "FAIL - too few RSS samples ($n)"; failures=$((failures + 1))
fi

# Connections close once wrk is gone; poll (bounded) until the count settles.
deadline=$((SECONDS + 30))
while [ "$(fds)" -gt "$fds_before" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
fds_after=$(fds)
check "no file descriptor leak (before $fds_before, after $fds_after)" test "$fds_after" -le "$fds_before"
grep -iE "error|leak" "$work/serve.log" | head -5 || true
[ "$failures" -eq 0 ] && echo "soak passed" || { echo "$failures soak check(s) failed"; exit 1; }
