# Sourced by the server benchmarks (server_bench.sh, hostile_bench.sh,
# mirror_bench.sh): a work directory and the processes started into
# `pids`, both gone on exit; a free loopback port; a monolithic blob push.
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { local p; while :; do p=$((20000 + RANDOM % 30000)); (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }

upload() { # base url, repository, file, digest
  local loc sep
  loc=$(curl -sf -X POST -D - "$1/v2/$2/blobs/uploads/" -o /dev/null | awk -F': ' 'tolower($1)=="location"{print $2}' | tr -d '\r')
  case "$loc" in http*) ;; *) loc="$1$loc";; esac
  sep='?'; case "$loc" in *\?*) sep='&';; esac
  curl -sf -X PUT -T "$3" -H 'Content-Type: application/octet-stream' "$loc${sep}digest=$4" -o /dev/null
}
