#!/usr/bin/env bash
# Registry client benchmark (issue: foundation and client).
# One repository of N tags (N distinct manifests) in a local docker-registry
# 2.8.2; compares:
#   - wrk -c16 on one manifest GET (the server's ceiling),
#   - a sequential `skopeo inspect` loop over 50 tags (scaled to N),
#   - Berth's client fetching every tag's manifest + config (size, created).
# Usage: bench/client_bench.sh [BUILD_DIR=build/release] [N=500]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
count="${2:-500}"
work=$(mktemp -d)
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

port=$((20000 + RANDOM % 30000))
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 30000)); done
cat > "$work/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/root
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
echo $! >"$work/pid"
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

echo "generating $count images…"
"$build/bench/berth-bench-make-layout" "$work/layout" "$count" >/dev/null
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$work/policy.json"
echo "pushing with skopeo (2 at a time)…"
seq -f 't%04g' 0 $((count - 1)) | xargs -P2 -I{} skopeo --policy "$work/policy.json" copy -q \
  --dest-tls-verify=false "oci:$work/layout:{}" "docker://127.0.0.1:$port/bench/app:{}"

accept='application/vnd.oci.image.manifest.v1+json'
echo
echo "== wrk -t2 -c16 -d5s GET manifest by tag"
wrk -t2 -c16 -d5s -H "Accept: $accept" "http://127.0.0.1:$port/v2/bench/app/manifests/t0001" | grep -E 'Requests/sec'
config=$(curl -s -H "Accept: $accept" "http://127.0.0.1:$port/v2/bench/app/manifests/t0001" | grep -o '"config":{[^}]*}' | grep -o 'sha256:[0-9a-f]*')
echo "== wrk -t2 -c16 -d5s GET config blob"
wrk -t2 -c16 -d5s "http://127.0.0.1:$port/v2/bench/app/blobs/$config" | grep -E 'Requests/sec'

echo
echo "== skopeo inspect, 50 tags sequentially"
start=$(date +%s.%N)
for i in $(seq -f '%04g' 0 49); do
  skopeo inspect --tls-verify=false "docker://127.0.0.1:$port/bench/app:t$i" >/dev/null
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$count" 'BEGIN { printf "50 tags: %.2f s  -> scaled to %d: %.1f s\n", e-s, n, (e-s)*n/50 }'

echo
echo "== Berth client: list + manifest + config for every tag (first visit, then cached revisit)"
"$build/bench/berth-bench-client-describe" "http://127.0.0.1:$port" bench/app 16
