#!/usr/bin/env bash
# test_package.sh BUILD_DIR VERSION — see CMakeLists.txt next to it.
set -euo pipefail
build=$1
version=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/berth-package-test.XXXXXX")
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}

echo "# cpack (DEB, TGZ) from $build"
( cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ) \
  || { cat "$work/cpack.log"; echo "FAIL - cpack"; exit 1; }
arch=$(dpkg --print-architecture)
deb="$work/out/berth_${version}_${arch}.deb"
tgz=$(ls "$work"/out/berth_"${version}"_*.tar.gz 2>/dev/null | head -1 || true)
check "deb is named berth_${version}_${arch}.deb" test -f "$deb"
check "tar.gz was produced" test -n "$tgz"
[ -f "$deb" ] || { ls -l "$work/out"; exit 1; }

info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
check "Package: berth" test "$(field Package)" = berth
check "Version: $version" test "$(field Version)" = "$version"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
check "Section and Maintainer set" test -n "$(field Section)" -a -n "$(field Maintainer)"
depends=$(field Depends)
echo "# Depends: $depends"
for lib in libc6 libstdc++6 libqt6core6 libqt6network6 libqt6widgets6 libqt6svg6 \
           libqt6keychain1 libssl3 libmicrohttpd12 libyaml-cpp0.7 libcrypt1; do
  check "Depends names $lib" bash -c \
    'tr "," "\n" <<<"$1" | sed "s/^ *//; s/ .*//" | grep -qxF "$2"' _ "$depends" "$lib"
done
check "Depends names no -dev package" bash -c '! grep -q -- "-dev" <<<"$1"' _ "$depends"
check "description is present" grep -q "Description: " <<<"$info"
description=$(field Description)
check "the long description does not repeat the synopsis" \
  test "$(sed -n 1p <<<"$description")" != "$(sed -n 2p <<<"$description" | sed 's/^ //')"
check "no description line starts with ';' (a CMake list joined)" \
  bash -c '! grep -q "^ *;" <<<"$1"' _ "$description"
check "Section is admin" test "$(field Section)" = admin
# Debian's own check: no error and no warning (informational tags aside).
check "lintian reports no error or warning" bash -c \
  'lintian --fail-on error,warning "$1" 2>&1 | grep -v "root privileges"; exit "${PIPESTATUS[0]}"' _ "$deb"

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/berth ./usr/bin/berth-registry ./usr/bin/berth-cli \
            ./usr/share/applications/io.github.berth.Berth.desktop \
            ./usr/share/metainfo/io.github.berth.Berth.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/io.github.berth.Berth.svg \
            ./usr/share/man/man1/berth-registry.1.gz ./usr/share/man/man1/berth.1.gz \
            ./usr/share/man/man1/berth-cli.1.gz \
            ./usr/lib/systemd/user/berth-registry.service \
            ./usr/share/doc/berth/copyright ./usr/share/doc/berth/changelog.gz; do
  check "contains $path" grep -qxF "$path" <<<"$contents"
done
for size in 16 24 32 48 64 128 256; do
  check "contains ${size}x${size} PNG icon" \
    grep -qxF "./usr/share/icons/hicolor/${size}x${size}/apps/io.github.berth.Berth.png" <<<"$contents"
done
check "nothing under /usr/local, no tests, benches or headers" \
  bash -c '! grep -E "^\./usr/local|test|bench|\.h$|\.a$" <<<"$1"' _ "$contents"

root="$work/root"
dpkg-deb -x "$deb" "$root"
check "the changelog's newest entry is this version" bash -c \
  'zcat "$1" | head -1 | grep -qF "berth ($2)"' _ "$root/usr/share/doc/berth/changelog.gz" "$version"
check "binaries are stripped" bash -c '! file -L "$1/usr/bin/berth" "$1/usr/bin/berth-registry" "$1/usr/bin/berth-cli" | grep -q "not stripped"' _ "$root"
for size in 16 256; do
  check "${size}px icon is a ${size}x${size} PNG" bash -c \
    'file "$1" | grep -q "PNG image data, $2 x $2"' _ \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/io.github.berth.Berth.png" "$size"
done

check "berth --version prints berth $version (no display needed)" \
  test "$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/usr/bin/berth" --version)" = "berth $version"
check "berth-registry --version prints berth-registry $version" \
  test "$("$root/usr/bin/berth-registry" --version)" = "berth-registry $version"
check "berth-cli --version prints berth-cli $version (no display needed)" \
  test "$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/usr/bin/berth-cli" --version)" = "berth-cli $version"

data="$work/data"
mkdir -p "$data"
"$root/usr/bin/berth-registry" serve --addr 127.0.0.1:0 --root "$data" \
  --port-file "$work/port" 2>"$work/serve.log" &
server_pid=$!
deadline=$((SECONDS + 20))
while [ ! -s "$work/port" ] && [ $SECONDS -lt $deadline ] && kill -0 "$server_pid" 2>/dev/null; do
  sleep 0.05   # polling for the port file with a deadline, not a synchronisation sleep
done
if [ -s "$work/port" ]; then
  port=$(cat "$work/port")
  headers=$(curl -sS -D - -o /dev/null "http://127.0.0.1:$port/v2/" || true)
  check "unpacked berth-registry answers GET /v2/ with 200" grep -q "^HTTP/1.1 200" <<<"$headers"
  check "…with Docker-Distribution-Api-Version: registry/2.0" \
    grep -qi "^Docker-Distribution-Api-Version: registry/2.0" <<<"$headers"
else
  echo "FAIL - berth-registry serve did not start:"; cat "$work/serve.log"
  failures=$((failures + 1))
fi

check "desktop-file-validate accepts the desktop file" \
  bash -c 'out=$(desktop-file-validate "$1" 2>&1); echo -n "$out"; [ -z "$out" ]' _ \
  "$root/usr/share/applications/io.github.berth.Berth.desktop"
check "appstreamcli validate accepts the metainfo" \
  appstreamcli validate --no-net --no-color "$root/usr/share/metainfo/io.github.berth.Berth.metainfo.xml"
for page in berth-registry berth berth-cli; do
  check "man page $page renders without groff warnings" bash -c \
    'out=$(zcat "$1" | groff -man -ww -z 2>&1); echo -n "$out"; [ -z "$out" ]' _ \
    "$root/usr/share/man/man1/$page.1.gz"
done
check "systemd unit runs berth-registry serve" \
  grep -q "^ExecStart=/usr/bin/berth-registry serve" "$root/usr/lib/systemd/user/berth-registry.service"

tcontents=$(tar -tzf "$tgz")
check "tar.gz carries the three binaries" bash -c \
  'grep -q "/bin/berth$" <<<"$1" && grep -q "/bin/berth-registry$" <<<"$1" && grep -q "/bin/berth-cli$" <<<"$1"' _ "$tcontents"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all package checks passed"
