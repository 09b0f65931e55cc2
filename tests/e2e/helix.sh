#!/usr/bin/env bash
# End-to-end test of the Helix integration (editors/helix) in the real editor.
#
# Helix is Debian trixie's `hx` package. This machine runs an older Debian, so the script never
# touches the system's apt sources: it gives apt a private configuration (its own sources.list
# naming trixie, its own state and cache folders), downloads `hx` and the trixie libc6 and
# libgcc-s1 it needs with `apt-get download`, unpacks them with `dpkg-deb -x` into a private
# root and runs hx with trixie's own loader (`ld-linux-x86-64.so.2 --library-path ...`). The
# download is kept in target/e2e/helix (PERSONA_E2E_CACHE) for the next run.
#
# Helix runs in tmux with a temporary ~/.config/helix built from editors/helix/languages.toml
# (only `command` changed, to the release binary). The script types what a person would and
# reads the screen with `tmux capture-pane`:
#   1. the diagnostic for `color: purpel` shows at the end of line 4, and in full under the line
#      with the cursor on it (saved: tests/e2e/screenshots/helix-capture.{txt,ansi}, helix.png);
#   2. the diagnostics picker (space d) lists it: WARN invalid-value;
#   3. hover (space k) on `color` shows its docs;
#   4. completion after `model: ` offers `opus`, and accepting it writes `model: opus`;
#   5. the code action (space a) "Change to `purple`" fixes the line;
#   6. with a `config` section (rules: invalid-value = "error") the picker says ERROR, and a
#      Cursor rule (*.mdc) gets its diagnostic;
#   7. across files, in a second project (lib.sh new_skill_project): the workspace diagnostics
#      picker (space D) lists the unknown-reference of an agent never opened; `gd` on a
#      `skills:` entry opens the SKILL.md at its `name`; a rename (space r) from there, then
#      `:write-all`, leaves the agent's preload and the skill's folder and `name` renamed on
#      disk (Helix keeps the buffer on screen at the old path: see the comment there).
#
#   tests/e2e/helix.sh                    build, test, capture
#   tests/e2e/helix.sh --png              also install aha (Debian) to render the PNG
#   PERSONA_LS_BIN=path tests/e2e/helix.sh   use an already built binary
#   PERSONA_E2E_DEBIAN_MIRROR=URL         the Debian mirror (default: the one the system uses)
#
# Exit status: 0 when every check passed, non-zero otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shots="$here/screenshots"

png=auto
for arg in "$@"; do
    case "$arg" in
        --png) png=yes ;;
        *) echo "usage: $0 [--png]" >&2; exit 2 ;;
    esac
done

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
t_start="$(now)"

# 1. Helix from Debian trixie, with a private apt configuration ---------------------------------
cache="${PERSONA_E2E_CACHE:-$root/target/e2e/helix}"
hxroot="$cache/root"
aptdir="$cache/apt"

# The Debian mirror the system already uses (only package registries are reachable here).
debian_mirror() {
    if [ -n "${PERSONA_E2E_DEBIAN_MIRROR:-}" ]; then
        echo "$PERSONA_E2E_DEBIAN_MIRROR"
        return
    fi
    local uri
    uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' |
        grep -E '/debian/?$' | head -n1 || true)"
    if [ -z "$uri" ]; then
        uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' |
            grep -E '/debian/?$' | head -n1 || true)"
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

t="$(now)"
if [ ! -x "$hxroot/usr/lib/hx/hx" ]; then
    mirror="$(debian_mirror)"
    echo "== downloading Helix from Debian trixie ($mirror), private apt configuration in $aptdir"
    rm -rf "$aptdir" "$hxroot"
    mkdir -p "$aptdir/etc/apt.conf.d" "$aptdir/etc/preferences.d" "$aptdir/state/lists/partial" \
        "$aptdir/cache/archives/partial" "$aptdir/debs"
    touch "$aptdir/state/status"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
        >"$aptdir/etc/sources.list"
    apt_private=(
        -o "Dir::Etc::sourcelist=$aptdir/etc/sources.list"
        -o "Dir::Etc::sourceparts=-"
        -o "Dir::Etc::parts=$aptdir/etc/apt.conf.d"
        -o "Dir::Etc::preferences=$aptdir/etc/preferences"
        -o "Dir::Etc::preferencesparts=$aptdir/etc/preferences.d"
        -o "Dir::State=$aptdir/state"
        -o "Dir::State::status=$aptdir/state/status"
        -o "Dir::Cache=$aptdir/cache"
        -o "Acquire::Check-Valid-Until=false"
        -o "Acquire::Languages=none"
        -o "APT::Sandbox::User=root"
        -o "Debug::NoLocking=1"
    )
    if ! apt-get "${apt_private[@]}" -q update >"$aptdir/update.log" 2>&1 ||
        grep -qE '^(E:|W: Failed)' "$aptdir/update.log"; then
        cat "$aptdir/update.log" >&2
        echo "FAIL: the mirror $mirror does not serve trixie (set PERSONA_E2E_DEBIAN_MIRROR)" >&2
        exit 1
    fi
    (cd "$aptdir/debs" && apt-get "${apt_private[@]}" -q download hx libc6 libgcc-s1 >/dev/null)
    mkdir -p "$hxroot"
    for deb in "$aptdir/debs"/*.deb; do
        dpkg-deb -x "$deb" "$hxroot"
        echo "   $(basename "$deb")"
    done
fi
loader="$hxroot/usr/lib64/ld-linux-x86-64.so.2"
[ -e "$loader" ] || loader="$hxroot/lib64/ld-linux-x86-64.so.2"
hx_cmd=("$loader" --library-path "$hxroot/lib/x86_64-linux-gnu:$hxroot/usr/lib/x86_64-linux-gnu"
    "$hxroot/usr/lib/hx/hx")
export HELIX_RUNTIME="$hxroot/usr/lib/hx/runtime"
echo "== $("${hx_cmd[@]}" --version) (Debian trixie hx $(dpkg-deb -f "$aptdir"/debs/hx_*.deb Version 2>/dev/null), trixie loader) [$(since "$t")]"

# 2. The release binary ----------------------------------------------------------------------
release_binary

# 3. A user's setup, in temporary folders -----------------------------------------------------
temporary_home hx
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/helix" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"

# editors/helix/languages.toml as the README installs it, with the command set to the binary.
languages="$XDG_CONFIG_HOME/helix/languages.toml"
sed "s|^command = \"persona-ls\"|command = \"$bin\"|" "$root/editors/helix/languages.toml" >"$languages"
grep -q "^command = \"$bin\"" "$languages" || { echo "FAIL: no command line in the snippet" >&2; exit 1; }
# The README's recommended editor settings: diagnostics at the end of the line, and in full
# under the line with the cursor.
cat >"$XDG_CONFIG_HOME/helix/config.toml" <<'EOF'
[editor]
end-of-line-diagnostics = "hint"

[editor.inline-diagnostics]
cursor-line = "warning"
EOF

project="$tmp/project"
new_project "$project"

# 4. Driving Helix in tmux ------------------------------------------------------------------
cols=100 rows=24
tx() { tmux -L "$tmux_socket" "$@"; }
grab() { tx capture-pane -p -t hx "$@"; }
keys() { tx send-keys -t hx "$@"; }
# on_screen PATTERN: whether the screen matches (grep -E). The screen is read whole first: piped
# straight into `grep -q` under pipefail, grep quitting early could fail the pipe on a match.
on_screen() {
    local screen
    screen="$(grab 2>/dev/null)" || return 1
    grep -qE -- "$1" <<<"$screen"
}
# Escape on its own, then a pause: an Escape that arrives together with the next key is read as
# Alt+key by the terminal.
esc() {
    keys Escape
    sleep 0.2
}
start_hx() {
    {
        printf 'cd %q\n' "$project"
        printf 'exec env COLORTERM=truecolor'
        printf ' %q' "${hx_cmd[@]}" -v "$@"
        printf '\n'
    } >"$tmp/hx-session.sh"
    tx -f /dev/null new-session -d -s hx -x "$cols" -y "$rows" "bash $tmp/hx-session.sh"
}
stop_hx() {
    esc
    esc
    keys ':q!' Enter
    for _ in $(seq 1 50); do
        tx has-session -t hx 2>/dev/null || return 0
        sleep 0.1
    done
    tx kill-session -t hx 2>/dev/null || true
}

failures=0 checks=0
fail_dump() {
    echo "--- screen ---" >&2
    grab >&2 || true
    echo "--- helix.log (last lines) ---" >&2
    tail -n 30 "$XDG_CACHE_HOME/helix/helix.log" >&2 2>/dev/null || true
    mkdir -p "$root/target/e2e"
    cp "$XDG_CACHE_HOME/helix/helix.log" "$root/target/e2e/helix-failed.log" 2>/dev/null &&
        echo "--- the whole log: target/e2e/helix-failed.log ---" >&2 || true
}
# await_screen WHAT PATTERN present|absent TRIES: waits (TRIES tenths of a second) until the
# screen matches PATTERN (grep -E), or no longer does; counts the check and reports it.
await_screen() {
    local what="$1" pattern="$2" want="$3" tries="$4" t1 seen
    t1="$(now)"
    checks=$((checks + 1))
    for _ in $(seq 1 "$tries"); do
        seen=absent
        on_screen "$pattern" && seen=present
        if [ "$seen" = "$want" ]; then
            echo "   ok    $what [$(since "$t1")]"
            return 0
        fi
        sleep 0.1
    done
    failures=$((failures + 1))
    if [ "$want" = present ]; then
        echo "   FAIL  $what (no /$pattern/ on the screen)" >&2
    else
        echo "   FAIL  $what (/$pattern/ stays on the screen)" >&2
    fi
    fail_dump
    return 1
}
# expect WHAT PATTERN [TIMEOUT_TENTHS]: waits until the screen matches PATTERN.
expect() { await_screen "$1" "$2" present "${3:-100}"; }
# expect_gone WHAT PATTERN: waits until the screen no longer matches PATTERN.
expect_gone() { await_screen "$1" "$2" absent 100; }

t="$(now)"
echo "== Helix in tmux ($cols x $rows): the snippet as shipped"
start_hx .claude/agents/reviewer.md
expect 'the diagnostic shows at the end of line 4' \
    '4 +color: purpel +`purpel` is not a valid `color`: did you mean `purple`' 150 || true

# The cursor on `purpel` (search selects it): the whole message under the line.
keys /purpel Enter
expect 'with the cursor on it, the whole message shows under the line' 'pink`, `cyan`\.' || true
sleep 0.3
mkdir -p "$shots"
grab >"$shots/helix-capture.txt"
grab -e >"$shots/helix-capture.ansi"
echo "   saved tests/e2e/screenshots/helix-capture.txt (+ .ansi)"

keys Space d
expect 'the diagnostics picker (space d) lists it' 'WARN +invalid-value +`purpel` is not' || true
esc

keys g h Space k
expect 'hover (space k) on `color` shows its docs' 'Display color of the subagent' || true
esc

# Completion: a new line above `tools:`, `model: ` opens the menu (`:` and ` ` trigger it).
# If the menu does not open by itself (the request for `:` and the one for ` ` can race), ask for
# it with ctrl-x, as a person would.
keys 5gg O 'model: '
menu='^ +[0-9]+ +[^ ].* opus +constant'
for _ in $(seq 1 30); do
    on_screen "$menu" && break
    sleep 0.1
done
on_screen "$menu" || { echo "   (no menu by itself after 3 s: ctrl-x)"; keys C-x; }
expect 'completion after `model: ` offers `opus`' "$menu" || true
# Walk the menu (each step previews the item in the line) to `opus`, then accept.
for _ in $(seq 1 10); do
    on_screen '^ +5 +model: opus *$' && break
    keys C-n
    sleep 0.2
done
keys Enter
esc
expect 'accepting it writes `model: opus`' '^ +5 +model: opus *$' || true

keys /purpel Enter Space a
expect 'the code action menu (space a) offers "Change to `purple`"' 'Change to `purple`' || true
keys Enter
expect 'applying it changes the line to `color: purple`' '^ +4 +color: purple *$' || true
expect_gone 'the diagnostic is gone' 'is not a valid `color`' || true
stop_hx
# Helix 25.01 can send a didChange before the one for the previous version when keys come fast;
# the server puts them back in version order (src/lsp/document.rs) and logs it.
late="$(grep -c 'came after later versions' "$XDG_CACHE_HOME/helix/helix.log" || true)"
echo "   (Helix sent ${late:-0} didChange notification(s) out of order; the server applied them in version order)"
echo "   [$(since "$t")]"

t="$(now)"
echo "== Helix in tmux: with settings (config.persona-ls.rules: invalid-value = \"error\")"
cat >>"$languages" <<'EOF'

[language-server.persona-ls.config.persona-ls.rules]
invalid-value = "error"
EOF
reset_fixture "$project"
start_hx .claude/agents/reviewer.md
expect 'the diagnostic shows' 'is not a valid `color`' 150 || true
keys Space d
expect 'the picker says ERROR: the settings reached the server' 'ERROR +invalid-value' || true
esc
keys ':open .cursor/rules/style.mdc' Enter
expect 'a Cursor rule (*.mdc) gets its diagnostic' '`alwaysApply` must be `true` or `false`' 150 || true
stop_hx
echo "   [$(since "$t")]"

t="$(now)"
echo "== Helix in tmux: across files (a second project, lib.sh new_skill_project)"
project="$tmp/skills"
new_skill_project "$project"
# expect_disk WHAT TEST...: waits (up to 5 s) until `test TEST...` holds; counts the check.
# expect_file WHAT FILE PATTERN: the same for a file's text on disk (grep -E).
expect_disk() {
    local what="$1" t1
    shift
    t1="$(now)"
    checks=$((checks + 1))
    for _ in $(seq 1 50); do
        if "$@" 2>/dev/null; then
            echo "   ok    $what [$(since "$t1")]"
            return 0
        fi
        sleep 0.1
    done
    failures=$((failures + 1))
    echo "   FAIL  $what (not so: $*)" >&2
    ls -R "$project/.claude" >&2
    fail_dump
    return 1
}
expect_file() { expect_disk "$1" grep -qE -- "$3" "$2"; }
start_hx .claude/agents/reviewer.md
expect 'the agent is open' 'skills: \[lint-rules\]' 150 || true
# The workspace diagnostics picker (space D) lists what the server pushed for every file,
# open or not: planner.md is never opened. (Until the startup scan is done it may be empty.)
for _ in $(seq 1 20); do
    keys Space D
    sleep 0.2
    on_screen 'unknown-reference' && break
    esc
done
expect 'the workspace diagnostics picker (space D) lists planner.md, never opened' \
    'WARN +unknown-reference +[^ ]*planner\.m' || true
esc
# gd on the `skills:` entry: the SKILL.md, at its `name` value (the status line says 2:7).
keys gg /lint-rules Enter g d
expect 'go to definition (gd) on `lint-rules` opens .claude/skills/lint-rules/SKILL.md at 2:7' \
    '^ NOR +\.claude/skills/lint-rules/SKILL\.md .* 2:7 *$' || true
# Rename from the skill's `name`: space r prefills the prompt with it (ctrl-u clears it).
keys Space r
expect 'rename (space r) on the `name` value offers `lint-rules`' 'rename-to: *lint-rules' || true
keys C-u style-rules Enter
expect_disk 'the rename moves the folder on disk at once: style-rules/SKILL.md' \
    test -f "$project/.claude/skills/style-rules/SKILL.md" || true
# Helix makes the folder rename (fs::rename), then the edits at the new paths, which it opens
# as new buffers. It does not re-path the SKILL.md buffer on screen: Editor::move_path
# (helix-view/src/editor.rs, 25.01.1 and master) re-paths only a document at the moved path
# itself, not the documents inside a moved folder. That buffer stays at the old path,
# unmodified, and `:write-all` leaves it alone.
expect 'the buffer on screen stays at the old path, unmodified (Helix does not follow a folder)' \
    '^ NOR +\.claude/skills/lint-rules/SKILL\.md +[^[]* 2:7 *$' || true
keys ':write-all' Enter
expect ':write-all writes the edited buffers' 'written' || true
expect_file 'on disk the agent preloads style-rules' \
    "$project/.claude/agents/reviewer.md" '^skills: \[style-rules\]$' || true
expect_file 'on disk the folder is style-rules/ and its SKILL.md says `name: style-rules`' \
    "$project/.claude/skills/style-rules/SKILL.md" '^name: style-rules$' || true
expect_disk 'lint-rules/ is gone (no :write-all made it again)' \
    test ! -e "$project/.claude/skills/lint-rules" || true
# The server followed: gd from the edited entry opens the moved file.
keys ':open .claude/agents/reviewer.md' Enter gg /style-rules Enter g d
expect 'gd on `style-rules` now opens .claude/skills/style-rules/SKILL.md' \
    '^ NOR +\.claude/skills/style-rules/SKILL\.md .* 2:7 *$' || true
stop_hx
echo "   [$(since "$t")]"

if [ "$failures" -ne 0 ]; then
    echo "$((checks - failures)) passed, $failures failed"
    exit 1
fi

if [ "$png" = yes ] && ! command -v aha >/dev/null; then
    apt-get install -y -qq aha >/dev/null
fi
if command -v aha >/dev/null && command -v chromium >/dev/null; then
    t="$(now)"
    "$here/neovim/render-png.sh" "$shots/helix-capture.ansi" "$shots/helix.png" "$cols" "$rows" \
        '#3b224c' '#a4a0e8'
    echo "== saved tests/e2e/screenshots/helix.png [$(since "$t")]"
else
    echo "== no PNG (needs aha and chromium: tests/e2e/helix.sh --png installs aha)"
fi
sed 's/^/   | /' "$shots/helix-capture.txt"
echo "$checks passed, 0 failed"
echo "== tests/e2e/helix.sh passed in $(since "$t_start")"
