# Shared by the real-editor tests (sourced, not run): timing, the release binary, and a
# temporary home for the editor with its own tmux server.

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# Sets $bin to an absolute path of the server: $PERSONA_LS_BIN, or a fresh release build.
release_binary() {
    local t
    t="$(now)"
    bin="${PERSONA_LS_BIN:-}"
    if [ -z "$bin" ]; then
        (cd "$root" && nice -n 10 cargo build --release --quiet)
        bin="$root/target/release/persona-ls"
    fi
    bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    echo "== $("$bin" --version) ($bin) [$(since "$t")]"
}

# Creates $tmp and a private tmux server named after $1, both removed on exit.
temporary_home() {
    tmp="$(mktemp -d)"
    tmux_socket="persona-e2e-$1-$$"
    trap 'tmux -L "$tmux_socket" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
}

# The broken persona project both editor tests open: a Claude agent with `color: purpel` and a
# Cursor rule with `alwaysApply: maybe` (tests/e2e/project), copied to $1 with a `.git` root.
new_project() {
    mkdir -p "$1/.git"
    cp -R "$root/tests/e2e/project/." "$1/"
}

# Puts the broken agent back after a test fixed it.
reset_fixture() {
    cp "$root/tests/e2e/project/.claude/agents/reviewer.md" "$1/.claude/agents/reviewer.md"
}

# The cross-file project the editor tests navigate, created at $1 with a `.git` root:
#   .claude/agents/reviewer.md           preloads `skills: [lint-rules]` (line 4, columns 10-19)
#   .claude/skills/lint-rules/SKILL.md   `name: lint-rules` (line 2, columns 7-16)
#   .claude/agents/planner.md            preloads `release-notes`, which no skill declares
#                                        (unknown-reference on line 5); no test opens it
new_skill_project() {
    mkdir -p "$1/.git" "$1/.claude/agents" "$1/.claude/skills/lint-rules"
    cat >"$1/.claude/agents/reviewer.md" <<'MD'
---
name: reviewer
description: Reviews pull requests against the house lint rules.
skills: [lint-rules]
---
Review the change with the lint rules.
MD
    cat >"$1/.claude/skills/lint-rules/SKILL.md" <<'MD'
---
name: lint-rules
description: The house lint rules, with an example of each.
---
Apply every rule.
MD
    cat >"$1/.claude/agents/planner.md" <<'MD'
---
name: planner
description: Plans the work before a review.
skills:
  - release-notes
---
Plan the work.
MD
}
