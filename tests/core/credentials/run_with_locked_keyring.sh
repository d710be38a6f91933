#!/usr/bin/env bash
# Like run_with_keyring.sh, but the gnome-keyring-daemon has no login
# keyring and no way to prompt for one: the Secret Service refuses every
# write, as on a desktop whose keyring was never set up (a real keychain
# that says no, not a stand-in).
set -euo pipefail
export HOME="$(mktemp -d)"
export XDG_DATA_HOME="$HOME/.local/share" XDG_RUNTIME_DIR="$HOME/run" XDG_CONFIG_HOME="$HOME/.config"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$HOME"' EXIT
exec dbus-run-session -- bash -c '
  eval "$(gnome-keyring-daemon --start --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"' _ "$@"
