# Sourced by the moving-images benchmarks (copy_bench.sh, archive_bench.sh)
# after server_common.sh (its `work`, `pids`, `free_port`, `upload`):
# `registry NAME` starts a docker-registry on loopback (with
# BENCH_ENGINE=berth: berth-registry of $build, the same config) and prints
# its host:port; make_two_platform_image HOST REPOSITORY TAG pushes there a
# 2-platform index of 1 GiB: per platform 8 random 64 MiB layers and a config.
wait_up() { for _ in $(seq 100); do curl -fs "$1/v2/" >/dev/null && return; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b-a }'; }

registry() { # name -> base url (started into pids)
  local port; port=$(free_port)
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/$1" "$port" > "$work/$1.yml"
  if [ "${BENCH_ENGINE:-distribution}" = berth ]; then
    "$build/app/berth-registry/berth-registry" serve "$work/$1.yml" >"$work/$1.log" 2>&1 & pids+=($!)
  else
    docker-registry serve "$work/$1.yml" >"$work/$1.log" 2>&1 & pids+=($!)
  fi
  wait_up "http://127.0.0.1:$port"
  echo "127.0.0.1:$port"
}
put_manifest() { # host, repository, reference, media type, file
  curl -sf -X PUT -H "Content-Type: $4" --data-binary "@$5" "http://$1/v2/$2/manifests/$3" -o /dev/null
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

make_two_platform_image() { # host, repository, tag
  local src="$1" repo="$2" tag="$3" children="" layers arch i d c m
  for arch in amd64 arm64; do
    layers=""
    for i in $(seq 8); do
      head -c $((64 * 1024 * 1024)) /dev/urandom > "$work/layer"
      d="sha256:$(sha "$work/layer")"
      upload "http://$src" "$repo" "$work/layer" "$d"
      layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$d\",\"size\":$((64 * 1024 * 1024))}"
    done
    printf '{"architecture":"%s","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}' "$arch" > "$work/config"
    c="sha256:$(sha "$work/config")"
    upload "http://$src" "$repo" "$work/config" "$c"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
      "$c" "$(stat -c %s "$work/config")" "$layers" > "$work/manifest-$arch"
    m="sha256:$(sha "$work/manifest-$arch")"
    put_manifest "$src" "$repo" "$m" application/vnd.oci.image.manifest.v1+json "$work/manifest-$arch"
    children+="${children:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"$m\",\"size\":$(stat -c %s "$work/manifest-$arch"),\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
  done
  rm -f "$work/layer"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$children" > "$work/index"
  put_manifest "$src" "$repo" "$tag" application/vnd.oci.image.index.v1+json "$work/index"
}
