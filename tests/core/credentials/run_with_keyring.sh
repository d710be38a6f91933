#!/usr/bin/env bash
# Runs a test binary inside its own D-Bus session with a real, unlocked
# gnome-keyring-daemon (Secret Service), so keychain tests touch no user keyring.
set -euo pipefail
export HOME="$(mktemp -d)"
export XDG_DATA_HOME="$HOME/.local/share" XDG_RUNTIME_DIR="$HOME/run" XDG_CONFIG_HOME="$HOME/.config"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$HOME"' EXIT
exec dbus-run-session -- bash -c '
  eval "$(printf "berth-test-password" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"' _ "$@"
