#!/usr/bin/env bash
# Renders a `tmux capture-pane -p -e` capture (text with SGR colour codes) to a PNG:
# aha (Debian) turns it into HTML, headless Chromium (Debian) takes the screenshot.
# Used by tests/e2e/neovim.sh and tests/e2e/helix.sh.
#
#   render-png.sh CAPTURE.ansi OUT.png COLUMNS ROWS [BACKGROUND [FOREGROUND]]
#
# BACKGROUND / FOREGROUND: the editor's default colours (CSS), for the cells the capture leaves
# uncoloured (default: a dark terminal, #1c1c1c / #d0d0d0).
set -euo pipefail
ansi="$1" out="$2" cols="$3" rows="$4" bg="${5:-#1c1c1c}" fg="${6:-#d0d0d0}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# DejaVu Sans Mono: 0.602 em per cell. 16 px font, 19 px lines.
font=16 line=19 pad=8
width=$(awk -v c="$cols" -v f="$font" -v p="$pad" 'BEGIN { printf "%d", c * f * 0.602 + 2 * p + 0.999 }')
height=$((rows * line + 2 * pad))

{
    printf '<!DOCTYPE html><html><head><meta charset="utf-8"><style>\n'
    printf 'html,body{margin:0;background:%s;overflow:hidden}\n' "$bg"
    printf 'pre{margin:0;padding:%dpx;color:%s;font:%dpx/%dpx "DejaVu Sans Mono",monospace;white-space:pre}\n' "$pad" "$fg" "$font" "$line"
    printf '</style></head><body><pre>'
    aha --no-header <"$ansi"
    printf '</pre></body></html>\n'
} >"$tmp/capture.html"

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$tmp/profile" \
    --window-size="$width,$height" --screenshot="$out" "file://$tmp/capture.html" \
    >"$tmp/chromium.log" 2>&1 || {
    cat "$tmp/chromium.log" >&2
    exit 1
}
test -s "$out"
