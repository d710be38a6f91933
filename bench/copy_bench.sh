#!/usr/bin/env bash
# Moving images: berth-cli copy vs skopeo copy --all, between two
# docker-registry 2.8.2 instances on loopback, same run:
#   a 2-platform image of 1 GiB (8 layers of 64 MiB per platform) copied
#   from one registry to the other by each (fresh destinations), with
#   berth-cli's peak RSS; berth-cli again once everything is there; and a
#   promotion to another tag inside the destination (0 blob bytes).
# Usage: bench/copy_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
cli="$build/app/berth-cli/berth-cli"
. bench/server_common.sh
wait_up() { for _ in $(seq 100); do curl -fs "$1/v2/" >/dev/null && return; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b-a }'; }

registry() { # name -> base url (started into pids)
  local port; port=$(free_port)
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/$1" "$port" > "$work/$1.yml"
  docker-registry serve "$work/$1.yml" >"$work/$1.log" 2>&1 & pids+=($!)
  wait_up "http://127.0.0.1:$port"
  echo "127.0.0.1:$port"
}
src=$(registry source); dst_skopeo=$(registry skopeo); dst_berth=$(registry berth)

put_manifest() { # host, repository, reference, media type, file
  curl -sf -X PUT -H "Content-Type: $4" --data-binary "@$5" "http://$1/v2/$2/manifests/$3" -o /dev/null
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# The image: per platform 8 random 64 MiB layers and a config.
children=""
for arch in amd64 arm64; do
  layers=""
  for i in $(seq 8); do
    head -c $((64 * 1024 * 1024)) /dev/urandom > "$work/layer"
    d="sha256:$(sha "$work/layer")"
    upload "http://$src" bench/app "$work/layer" "$d"
    layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$d\",\"size\":$((64 * 1024 * 1024))}"
  done
  printf '{"architecture":"%s","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}' "$arch" > "$work/config"
  c="sha256:$(sha "$work/config")"
  upload "http://$src" bench/app "$work/config" "$c"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
    "$c" "$(stat -c %s "$work/config")" "$layers" > "$work/manifest-$arch"
  m="sha256:$(sha "$work/manifest-$arch")"
  put_manifest "$src" bench/app "$m" application/vnd.oci.image.manifest.v1+json "$work/manifest-$arch"
  children+="${children:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"$m\",\"size\":$(stat -c %s "$work/manifest-$arch"),\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
done
rm -f "$work/layer"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$children" > "$work/index"
put_manifest "$src" bench/app v1 application/vnd.oci.image.index.v1+json "$work/index"

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
