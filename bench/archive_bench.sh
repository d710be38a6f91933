#!/usr/bin/env bash
# Carrying images by file: berth-cli export + import vs skopeo copy --all
# to and from oci-archive:, between two docker-registry 2.8.2 instances on
# loopback, same run: the 2-platform 1 GiB image of copy_bench.sh, each
# tool's export then import (fresh destinations), berth-cli's peak RSS;
# the index must arrive byte-identical.
# Usage: bench/archive_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
cli="$build/app/berth-cli/berth-cli"
. bench/server_common.sh
. bench/moving_common.sh
src=$(registry source); dst_skopeo=$(registry skopeo); dst_berth=$(registry berth)
make_two_platform_image "$src" bench/app v1
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" DOCKER_CONFIG="$work/home/.docker"
mkdir -p "$HOME"
sync

echo "== skopeo: export to oci-archive, import from it (1 GiB, 2 platforms, 16 layers)"
t0=$(now)
skopeo --insecure-policy copy --all --src-tls-verify=false -q \
  "docker://$src/bench/app:v1" "oci-archive:$work/skopeo.tar:v1"
t1=$(now)
skopeo --insecure-policy copy --all --dest-tls-verify=false -q \
  "oci-archive:$work/skopeo.tar:v1" "docker://$dst_skopeo/bench/app:v1"
t2=$(now)
skopeo_s=$(secs "$t0" "$t2")
echo "skopeo: export $(secs "$t0" "$t1") s, import $(secs "$t1" "$t2") s, total $skopeo_s s"
rm -f "$work/skopeo.tar"; sync

echo "== berth-cli: export, import (same image, same source, a fresh destination)"
t0=$(now)
/usr/bin/time -f '%M' -o "$work/rss-export" "$cli" export -q "$src/bench/app:v1" "$work/berth.tar"
t1=$(now)
/usr/bin/time -f '%M' -o "$work/rss-import" "$cli" import -q "$work/berth.tar" "$dst_berth/bench/app:v1"
t2=$(now)
berth_s=$(secs "$t0" "$t2")
echo "berth-cli: export $(secs "$t0" "$t1") s (peak RSS $(awk '{printf "%.1f", $1/1024}' "$work/rss-export") MB)," \
  "import $(secs "$t1" "$t2") s (peak RSS $(awk '{printf "%.1f", $1/1024}' "$work/rss-import") MB), total $berth_s s"
awk -v s="$skopeo_s" -v b="$berth_s" 'BEGIN { printf "ratio: %.2fx skopeo'"'"'s speed\n", s / b }'

for dst in "$dst_skopeo" "$dst_berth"; do
  a=$(skopeo inspect --raw --tls-verify=false "docker://$src/bench/app:v1" | sha256sum)
  b=$(skopeo inspect --raw --tls-verify=false "docker://$dst/bench/app:v1" | sha256sum)
  [ "$a" = "$b" ] && echo "index byte-identical at $dst" || echo "index DIFFERS at $dst"
done
