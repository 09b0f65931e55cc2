#!/bin/sh
# Packages the extension into a .vsix with the persona-ls binary bundled, offline: vsce runs
# from node_modules (npm ci first), with --no-dependencies (the bundle in out/ has them all),
# and talks to no marketplace.
#
#   PERSONA_LS_BIN     the binary to bundle (default: ../../target/release/persona-ls)
#   PERSONA_LS_TARGET  the vsce platform target (default: linux-x64, the binary's platform)
set -eu
cd "$(dirname "$0")/.."
export npm_config_yes=true

bin="${PERSONA_LS_BIN:-../../target/release/persona-ls}"
target="${PERSONA_LS_TARGET:-linux-x64}"
if [ ! -f "$bin" ]; then
  echo "package.sh: no server binary at $bin; run 'cargo build --release' in the repository root or set PERSONA_LS_BIN" >&2
  exit 1
fi
if [ ! -x node_modules/.bin/vsce ]; then
  echo "package.sh: node_modules/.bin/vsce is missing; run 'npm ci' first" >&2
  exit 1
fi

exe=persona-ls
case "$target" in win32-*) exe=persona-ls.exe ;; esac
rm -rf server
mkdir -p "server/$target"
cp "$bin" "server/$target/$exe"
# The release binary keeps its symbols; the .vsix does not need them.
if command -v strip >/dev/null 2>&1 && [ "$target" = linux-x64 ]; then
  strip "server/$target/$exe" 2>/dev/null || true
fi
chmod 755 "server/$target/$exe"

version=$(node -p "require('./package.json').version")
out="persona-ls-$target-$version.vsix"
rm -f "$out"
# vsce runs `vscode:prepublish` (npm run compile) itself.
node_modules/.bin/vsce package --no-dependencies --allow-missing-repository --target "$target" --out "$out"
ls -l "$out"
