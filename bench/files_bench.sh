#!/usr/bin/env bash
# Seeing inside an image without pulling it: berth-cli files (every layer
# streamed from the registry through libarchive into an index, two layers
# at a time) against what a shell user does on the same machine, same run:
#   1. `gzip -dc layer | tar -t` over the layer files one after another
#      (the goal: berth-cli ≥ 0.8× its throughput, from the registry);
#   2. `skopeo copy docker://… dir:` then `tar -tzf` on each layer (the
#      goal: berth-cli ≥ 2× faster);
#   3. berth-cli files again, every layer from the index cache (≤ 100 ms
#      to a full listing is the app's goal; the process start is counted).
# The image: 10 gzip layers of ~175 MiB each (base64 text in 64 KiB files:
# gzip -1 keeps ~76%; 1.7 GiB in all), in docker-registry 2.8.2 on
# loopback. Usage: bench/files_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
cli="$build/app/berth-cli/berth-cli"
. bench/server_common.sh
. bench/moving_common.sh
src=$(registry source)
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" \
  DOCKER_CONFIG="$work/home/.docker"
mkdir -p "$HOME" "$work/layers"

echo "== making 10 layers (gzip -1) and pushing them"
layers="" diffs="" total=0
for i in $(seq 10); do
  dir="$work/tree$i"; mkdir -p "$dir/l$i"
  head -c $((170 * 1024 * 1024)) /dev/urandom | base64 -w 0 | split -b 65536 -a 4 - "$dir/l$i/f"
  tar -C "$dir" -cf "$work/layer.tar" "l$i"; rm -rf "$dir"
  diffs+="${diffs:+,}\"sha256:$(sha "$work/layer.tar")\""
  gzip -1 -c "$work/layer.tar" > "$work/layers/$i.tar.gz"; rm -f "$work/layer.tar"
  d="sha256:$(sha "$work/layers/$i.tar.gz")"; s=$(stat -c %s "$work/layers/$i.tar.gz"); total=$((total + s))
  upload "http://$src" bench/files "$work/layers/$i.tar.gz" "$d"
  layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$d\",\"size\":$s}"
done
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" > "$work/config"
c="sha256:$(sha "$work/config")"; upload "http://$src" bench/files "$work/config" "$c"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
  "$c" "$(stat -c %s "$work/config")" "$layers" > "$work/manifest"
put_manifest "$src" bench/files v1 application/vnd.oci.image.manifest.v1+json "$work/manifest"
mib=$(awk -v b="$total" 'BEGIN { printf "%.0f", b / 1048576 }')
echo "image: 10 layers, $mib MiB compressed"
sync

echo "== 1. gzip -dc | tar -t, layer after layer (files already on disk)"
t0=$(now)
for i in $(seq 10); do gzip -dc "$work/layers/$i.tar.gz" | tar -t > /dev/null; done
t1=$(now); tar_s=$(secs "$t0" "$t1")
echo "gzip|tar: $tar_s s ($(awk -v m="$mib" -v s="$tar_s" 'BEGIN { printf "%.0f", m / s }') MiB/s)"

echo "== 2. skopeo copy to dir: + tar -tzf each layer"
t0=$(now)
skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$src/bench/files:v1" "dir:$work/skopeo"
for f in "$work"/skopeo/*; do
  case "$(basename "$f")" in manifest.json|version) continue;; esac
  tar -tzf "$f" > /dev/null 2>&1 || true # the config is no tar
done
t1=$(now); skopeo_s=$(secs "$t0" "$t1"); rm -rf "$work/skopeo"
echo "skopeo+tar: $skopeo_s s"

echo "== berth-cli files (no cache: every layer streamed from the registry)"
t0=$(now)
/usr/bin/time -f '%M %P' -o "$work/rss" "$cli" files -q --insecure "$src/bench/files:v1" > "$work/listing"
t1=$(now); berth_s=$(secs "$t0" "$t1")
echo "berth-cli files: $berth_s s ($(awk -v m="$mib" -v s="$berth_s" 'BEGIN { printf "%.0f", m / s }') MiB/s)," \
  "$(wc -l < "$work/listing") entries, peak RSS $(awk '{printf "%.1f MB, CPU %s", $1/1024, $2}' "$work/rss")"

echo "== 3. berth-cli files again (every layer from the index cache)"
t0=$(now)
"$cli" files -q --insecure "$src/bench/files:v1" > /dev/null
t1=$(now); cached_s=$(secs "$t0" "$t1")
echo "berth-cli files, cached: $cached_s s"

echo "== summary"
echo "vs gzip|tar: $(awk -v a="$tar_s" -v b="$berth_s" 'BEGIN { printf "%.2f", a / b }')× its throughput (goal ≥ 0.8×)"
echo "vs skopeo+tar: $(awk -v a="$skopeo_s" -v b="$berth_s" 'BEGIN { printf "%.2f", a / b }')× faster (goal ≥ 2×)"
echo "cached listing: $cached_s s for the whole process (goal ≤ 0.1 s to a full tree)"
