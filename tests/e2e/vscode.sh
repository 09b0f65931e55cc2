#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server (VS Code 1.100 in the
# browser) with the packaged .vsix installed, driven by Playwright in Debian's Chromium.
#
#   tests/e2e/vscode.sh
#
# It installs what it needs (Debian packages, code-server from npm into a private prefix,
# playwright-core), builds the release server and the .vsix, opens a workspace with a broken
# persona and checks, as a person would see them: the Problems panel, completion after
# `model: `, hover on a key, a quick fix, a settings change, "Persona: Restart server", a
# Cursor rule (.mdc), the server log and personaLs.server.path; across files, the Problems
# panel listing the unknown-reference of an agent never opened (workspace/diagnostic), F12
# on a `skills:` entry opening the SKILL.md, and F2 there renaming the skill (the preload, the
# folder and the `name` on disk after "File: Save All"). Screenshots go to
# tests/e2e/screenshots/vscode-*.png. Exits non-zero on any failure.
#
# Environment:
#   PERSONA_E2E_CACHE  where code-server is installed (default ~/.cache/persona-ls-e2e);
#                      keeping it makes the next run fast
#   PERSONA_LS_BIN     use this server binary instead of building target/release/persona-ls
#   KEEP=1             keep the temporary workspace, profile and logs
set -euo pipefail

start=$(date +%s)
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/e2e/vscode"
ext="$root/editors/vscode"
shots="$root/tests/e2e/screenshots"
cache="${PERSONA_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/persona-ls-e2e}"

CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json), whose
# postinstall downloads ripgrep v13.0.0-10 from GitHub unless the tarball is already in
# $TMPDIR/vscode-ripgrep-cache-1.15.11/ (lib/download.js). We put Debian's rg there.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_TAG=v13.0.0-10
RIPGREP_TARGET=x86_64-unknown-linux-musl

export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { echo; echo "== $* ($(( $(date +%s) - start ))s)"; }
die() { echo "vscode.sh: $*" >&2; exit 1; }
# shellcheck source=tests/e2e/lib.sh
. "$root/tests/e2e/lib.sh"

# npm ci in $1, skipped while its package-lock.json is the one last installed there.
npm_ci_cached() {
  if cmp -s "$1/package-lock.json" "$1/node_modules/.e2e-lock" 2>/dev/null; then
    echo "node_modules up to date"
  else
    (cd "$1" && npm ci --no-audit --no-fund >/dev/null)
    cp "$1/package-lock.json" "$1/node_modules/.e2e-lock"
  fi
}

run=""
code_pid=""
drive_pid=""
cleanup() {
  local status=$?
  # Only the process groups this script started (setsid below): code-server with its extension
  # host and the persona-ls server, and the Playwright driver with its Chromium.
  for pid in $drive_pid $code_pid; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in $drive_pid $code_pid; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ -n "$run" ] && [ -d "$run" ]; then
    if [ "$status" -ne 0 ] && [ -f "$run/code-server.log" ]; then
      echo "--- code-server log (last 40 lines)"; tail -n 40 "$run/code-server.log" || true
    fi
    if [ "${KEEP:-}" = 1 ]; then echo "kept $run"; else rm -rf "$run"; fi
  fi
  echo
  echo "vscode.sh: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start ))s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "system packages"
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "needs linux x86_64 (the bundled server and the ripgrep seed are linux-x64)"
command -v node >/dev/null || die "needs node (v20: code-server $CODE_SERVER_VERSION requires it)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || die "code-server $CODE_SERVER_VERSION needs Node 20, found $(node --version)"
# chromium for Playwright; the -dev packages, pkg-config and a C++ toolchain for code-server's
# native modules (kerberos, node-pty, spdlog, ...); ripgrep to seed @vscode/ripgrep.
packages="chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep build-essential curl"
command -v python3 >/dev/null || packages="$packages python3"  # node-gyp runs it
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# node-gyp would download Node's headers for the native modules; use the local ones instead.
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$(dirname "$(dirname "$(command -v node)")")/include/node/node.h" ]; then
  export npm_config_nodedir
  npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")")
fi
chromium_bin=$(command -v chromium || true)
[ -n "$chromium_bin" ] || die "chromium is not installed"
node --version; "$chromium_bin" --version 2>/dev/null || true; rg --version | sed -n 1p

step "code-server $CODE_SERVER_VERSION (npm, private prefix $cache)"
prefix="$cache/code-server-$CODE_SERVER_VERSION"
code_server="$prefix/node_modules/.bin/code-server"
if [ -f "$prefix/.complete" ] && [ -x "$code_server" ]; then
  echo "cached"
else
  mkdir -p "$cache"
  tmp="$cache/tmp"
  rm -rf "$prefix.partial" "$tmp"
  mkdir -p "$prefix.partial" "$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION" "$tmp/rg"
  cp "$(command -v rg)" "$tmp/rg/rg"
  tar czf "$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/ripgrep-$RIPGREP_TAG-$RIPGREP_TARGET.tar.gz" -C "$tmp/rg" rg
  echo '{"name": "code-server-e2e", "private": true}' > "$prefix.partial/package.json"
  # A local install, not `npm install -g`: code-server's postinstall runs `npm install` in
  # lib/vscode, and under -g that inner install inherits npm_config_global=true, ignores the
  # shrinkwrap and fails. --unsafe-perm is what its postinstall asks for when run as root.
  # TMPDIR is where @vscode/ripgrep looks for its cached download.
  (cd "$prefix.partial" && TMPDIR="$tmp" nice -n 10 npm install --no-save --unsafe-perm \
      "code-server@$CODE_SERVER_VERSION" > "$cache/code-server-install.log" 2>&1) \
    || { tail -n 40 "$cache/code-server-install.log"; die "npm install code-server failed (log: $cache/code-server-install.log)"; }
  rg_bin="$prefix.partial/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  [ -x "$rg_bin" ] || die "code-server installed without ripgrep ($rg_bin): did @vscode/ripgrep change version?"
  rm -rf "$prefix" "$tmp"
  mv "$prefix.partial" "$prefix"
  # Installed in a side folder and moved into place when complete, so that an interrupted
  # install is never taken for a cached one (node_modules' links are relative: moving is safe).
  touch "$prefix/.complete"
fi
"$code_server" --version | sed -n 1p

step "playwright-core (npm ci in tests/e2e/vscode)"
npm_ci_cached "$here"
node -p "'playwright-core ' + require('$here/node_modules/playwright-core/package.json').version"

step "release server"
release_binary
[ -x "$bin" ] || die "no server binary at $bin"
server_bin="$bin"

step "extension: npm ci, compile, test, package"
npm_ci_cached "$ext"
(cd "$ext" && npm test --silent >/dev/null) || { (cd "$ext" && npm test); die "npm test failed"; }
(cd "$ext" && PERSONA_LS_BIN="$server_bin" npm run --silent package)
vsix="$ext/persona-ls-linux-x64-$(node -p "require('$ext/package.json').version").vsix"
[ -f "$vsix" ] || die "no .vsix"

step "profile, workspace and extension install"
run=$(mktemp -d "${TMPDIR:-/tmp}/persona-ls-vscode.XXXXXX")
export XDG_CONFIG_HOME="$run/xdg-config" XDG_STATE_HOME="$run/xdg-state" \
  XDG_CACHE_HOME="$run/xdg-cache" XDG_DATA_HOME="$run/xdg-data"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" \
  "$run/user-data/User" "$run/extensions" "$run/ws/.claude/agents" "$run/ws/.cursor/rules"
cat > "$run/user-data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.colorTheme": "Default Dark Modern",
  "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "git.enabled": false,
  "chat.commandCenter.enabled": false,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 300,
  "window.restoreWindows": "none",
  "personaLs.server.logLevel": "info",
  "personaLs.trace.server": "off"
}
EOF
# The Remote settings (code-server's machine settings), where personaLs.server.path goes.
mkdir -p "$run/user-data/Machine"
printf '{\n  "files.trimTrailingWhitespace": false\n}\n' > "$run/user-data/Machine/settings.json"
# Across files (lib.sh new_skill_project): the skill `lint-rules`, and planner.md, which no check
# opens, preloading a skill nobody declares. Its reviewer.md is replaced just below.
new_skill_project "$run/ws"
# The broken persona: `color: purpel` (invalid-value) and no `description` (missing-required-key);
# it preloads `lint-rules` (line 4), for F12.
cat > "$run/ws/.claude/agents/reviewer.md" <<'EOF'
---
name: reviewer
color: purpel
skills: [lint-rules]
---

You review pull requests for correctness, tests and style, and say what to change.
EOF
# A Cursor rule (.mdc, which the extension opens as Markdown) with a wrong type.
cat > "$run/ws/.cursor/rules/style.mdc" <<'EOF'
---
description: House style for TypeScript
globs: "src/**/*.ts"
alwaysApply: yes
---

Use strict mode and named exports.
EOF
"$code_server" --user-data-dir "$run/user-data" --extensions-dir "$run/extensions" \
  --install-extension "$vsix" --force > "$run/install.log" 2>&1 || { cat "$run/install.log"; die "--install-extension failed"; }
"$code_server" --user-data-dir "$run/user-data" --extensions-dir "$run/extensions" --list-extensions --show-versions 2>/dev/null \
  | grep -q '^persona-ls.persona-ls@' || die "the extension is not listed after installing"
installed=$(ls -d "$run/extensions"/persona-ls.persona-ls-*)
[ -x "$installed/server/linux-x64/persona-ls" ] || echo "note: the installed server binary lost its executable bit (the extension restores it)"

step "code-server on 127.0.0.1"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid "$code_server" --auth none --bind-addr "127.0.0.1:$port" \
  --user-data-dir "$run/user-data" --extensions-dir "$run/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$run/ws" > "$run/code-server.log" 2>&1 &
code_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  kill -0 "$code_pid" 2>/dev/null || { cat "$run/code-server.log"; die "code-server exited"; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || die "code-server did not come up"
echo "listening on http://127.0.0.1:$port"

step "Playwright drives VS Code"
mkdir -p "$shots"
rm -f "$shots"/vscode-*.png
CODE_URL="http://127.0.0.1:$port" WORKSPACE="$run/ws" SHOTS="$shots" CHROMIUM="$chromium_bin" \
  SERVER_PATH="$server_bin" \
  setsid timeout 300 node "$here/drive.mjs" &
drive_pid=$!
drive_status=0
wait "$drive_pid" || drive_status=$?
drive_pid=""
[ "$drive_status" -eq 0 ] || die "the editor checks failed (exit $drive_status); screenshots in $shots"
ls "$shots"/vscode-*.png
