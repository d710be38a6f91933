#!/usr/bin/env bash
# berth-registry against hostile loads (the security test's two resource
# findings), release build on loopback:
#   slow uploads: 900 uploads each sending 768 KiB slowly and holding the
#     connection; the server's peak RSS, and its RSS once all have closed;
#   idle flood: 1,000 idle sockets from 16 loopback addresses, reopened
#     when the server closes them; nine `curl /v2/` probes meanwhile, their
#     worst time.
# Usage: bench/hostile_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
. bench/server_common.sh

port=$(free_port)
"$build/app/berth-registry/berth-registry" serve --root "$work/root" --addr "127.0.0.1:$port" \
  --log-level warn 2>"$work/log" & pids+=($!); pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
ulimit -n "$(ulimit -Hn)"
python3 bench/hostile_load.py "$port" "$pid"
