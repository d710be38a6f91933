#!/usr/bin/env bash
# Storage benchmark (issue: storage engine). A generated store of
# 2,000 repositories / 10,000 manifests / 50,000 blobs:
#   berth-registry garbage-collect --dry-run  vs  docker-registry garbage-collect --dry-run
#   berth-registry inspect                    vs  find ROOT | wc -l
# with peak RSS of each (GNU time's %M).
# Usage: bench/storage_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/berth-bench-make-store" "$work/root" 2000 10000 50000
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n' "$work/root" > "$work/config.yml"
sync
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || true
  read -r secs kb < <(tail -1 "$work/time")
  printf '%-46s %7.2f s  %7.1f MB peak RSS\n' "$label" "$secs" "$(echo "$kb/1024" | bc -l)"
}
# Warm the page cache once so every tool sees the same cache state.
find "$work/root" >/dev/null
for round in 1 2 3; do
echo "-- round $round"
run "find ROOT | wc -l" sh -c "find '$work/root' | wc -l"
run "berth-registry inspect" "$build/app/berth-registry/berth-registry" inspect "$work/root"
run "berth-registry garbage-collect --dry-run" "$build/app/berth-registry/berth-registry" garbage-collect --dry-run "$work/root"
tail -1 "$work/out" | head -1
grep -E 'blobs marked' "$work/out" || true
run "docker-registry garbage-collect --dry-run" docker-registry garbage-collect --dry-run "$work/config.yml"
grep -E 'blobs marked' "$work/out" || true
run "berth-registry garbage-collect --dry-run -m" "$build/app/berth-registry/berth-registry" garbage-collect --dry-run -m "$work/root"
grep -E 'blobs marked' "$work/out" || true
run "docker-registry garbage-collect --dry-run -m" docker-registry garbage-collect --dry-run --delete-untagged "$work/config.yml"
grep -E 'blobs marked' "$work/out" || true
done
