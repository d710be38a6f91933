#!/usr/bin/env bash
# Moving images: berth-cli copy vs skopeo copy --all, between two
# docker-registry 2.8.2 instances on loopback, same run:
#   a 2-platform image of 1 GiB (8 layers of 64 MiB per platform) copied
#   from one registry to the other by each (fresh destinations), with
#   berth-cli's peak RSS; berth-cli again once everything is there; and a
#   promotion to another tag inside the destination (0 blob bytes).
# BENCH_ENGINE=berth runs all three registries as berth-registry instead
# (its push fsyncs but is not bounded by distribution's push rate).
# Usage: [BENCH_ENGINE=berth] bench/copy_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
cli="$build/app/berth-cli/berth-cli"
. bench/server_common.sh
. bench/moving_common.sh
src=$(registry source); dst_skopeo=$(registry skopeo); dst_berth=$(registry berth)

# The image: per platform 8 random 64 MiB layers and a config.
make_two_platform_image "$src" bench/app v1

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" DOCKER_CONFIG="$work/home/.docker"
mkdir -p "$HOME"
echo "== skopeo copy --all (1 GiB, 2 platforms, 16 layers)"
t0=$(now)
skopeo --insecure-policy copy --all --src-tls-verify=false --dest-tls-verify=false -q \
  "docker://$src/bench/app:v1" "docker://$dst_skopeo/bench/app:v1"
t1=$(now); skopeo_s=$(secs "$t0" "$t1"); echo "skopeo: $skopeo_s s"

echo "== berth-cli copy (same image, same source, a fresh destination)"
t0=$(now)
/usr/bin/time -f '%M' -o "$work/rss" "$cli" copy -q --parallel "${BENCH_PARALLEL:-4}" "$src/bench/app:v1" "$dst_berth/bench/app:v1"
t1=$(now); berth_s=$(secs "$t0" "$t1")
echo "berth-cli: $berth_s s, peak RSS $(awk '{printf "%.1f", $1/1024}' "$work/rss") MB"
awk -v s="$skopeo_s" -v b="$berth_s" 'BEGIN { printf "ratio: %.2fx faster than skopeo\n", s / b }'

echo "== berth-cli copy again (everything there)"
t0=$(now); "$cli" copy -q "$src/bench/app:v1" "$dst_berth/bench/app:v1"; t1=$(now)
echo "re-copy: $(secs "$t0" "$t1") s"

echo "== promote inside the destination (v1 -> 1.0)"
t0=$(now); "$cli" copy -q "$dst_berth/bench/app:v1" "$dst_berth/bench/app:1.0"; t1=$(now)
echo "promote: $(secs "$t0" "$t1") s, blob PUT/PATCH bodies during it: $(grep -cE '"(PUT|PATCH) /v2/bench/app/blobs/' "$work/berth.log" || true) (of all copies)"

for dst in "$dst_skopeo" "$dst_berth"; do
  a=$(skopeo inspect --raw --tls-verify=false "docker://$src/bench/app:v1" | sha256sum)
  b=$(skopeo inspect --raw --tls-verify=false "docker://$dst/bench/app:v1" | sha256sum)
  [ "$a" = "$b" ] && echo "index byte-identical at $dst" || echo "index DIFFERS at $dst"
done
