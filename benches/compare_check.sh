#!/bin/sh
# Times `persona-ls check` on a workspace with its cross-file rules on and off, and agnix on
# the same folder, side by side in one hyperfine run; then the peak RSS (GNU time) and the
# number of findings of each.
#
#     benches/compare_check.sh WORKSPACE
#
# Environment:
#   PERSONA_LS  the binary (default: $CARGO_TARGET_DIR/release/persona-ls, else
#               target/release/persona-ls)
#   AGNIX       agnix's CLI (default: `agnix` on PATH, else /tmp/agnix/bin/agnix; left out
#               when neither exists)
#   RUNS        timed runs per command (default 10); WARMUP warm-up runs (default 2)
#   HYPERFINE   `no`: the loop below even where hyperfine is installed
#
# "Rules off" is a `.persona-ls.toml` at the workspace root that turns off the four cross-file
# rules (duplicate-name, unknown-reference, context-budget, broken-link), written before each
# of its runs and removed before every other command's (hyperfine's per-command --prepare) and
# at the end. A workspace with its own `.persona-ls.toml` is refused: that file is never
# touched. Without hyperfine, each command runs RUNS times in a loop timed with `date`.
set -eu

[ $# -eq 1 ] && [ -d "$1" ] || {
    echo "usage: $0 WORKSPACE" >&2
    exit 2
}
here=$(cd "$(dirname "$0")/.." && pwd)
ws=$(cd "$1" && pwd)
bin=${PERSONA_LS:-${CARGO_TARGET_DIR:-$here/target}/release/persona-ls}
[ -x "$bin" ] || {
    echo "no persona-ls binary at $bin: cargo build --release (or set PERSONA_LS)" >&2
    exit 2
}
agnix=${AGNIX:-$(command -v agnix || echo /tmp/agnix/bin/agnix)}
[ -x "$agnix" ] || agnix=
runs=${RUNS:-10}
warmup=${WARMUP:-2}
config=$ws/.persona-ls.toml
[ -e "$config" ] && {
    echo "$config exists: the rules-off run would replace it; run on a copy without it" >&2
    exit 2
}

tmp=$(mktemp -d)
trap 'rm -f "$config"; rm -rf "$tmp"' EXIT INT TERM
cat > "$tmp/rules-off.toml" << 'EOF'
[rules]
duplicate-name = "off"
unknown-reference = "off"
context-budget = "off"
broken-link = "off"
EOF
on="rm -f $config"
off="cp $tmp/rules-off.toml $config"

echo "workspace: $ws ($(find "$ws" -name '*.md' -type f | wc -l) Markdown files)"
echo "persona-ls: $bin ($("$bin" --version))"
if [ -n "$agnix" ]; then
    echo "agnix: $agnix ($("$agnix" --version))"
else
    echo "agnix: not installed (set AGNIX)"
fi
echo

# label|prepare|command, one a line.
cases="persona-ls check, cross-file rules on|$on|$bin check $ws --format json
persona-ls check, cross-file rules off|$off|$bin check $ws --format json"
[ -n "$agnix" ] && cases="$cases
agnix|$on|$agnix $ws --format json"

if [ "${HYPERFINE:-yes}" != no ] && command -v hyperfine > /dev/null; then
    set -- hyperfine -N -i -w "$warmup" -r "$runs" --export-markdown "$tmp/times.md"
    while IFS='|' read -r label prepare command; do
        set -- "$@" -n "$label" --prepare "$prepare" "$command"
    done << EOF
$cases
EOF
    "$@"
    echo
    cat "$tmp/times.md"
else
    while IFS='|' read -r label prepare command; do
        $prepare
        start=$(date +%s%N)
        i=0
        while [ "$i" -lt "$runs" ]; do
            $command > /dev/null 2>&1 || true
            i=$((i + 1))
        done
        end=$(date +%s%N)
        echo "$label: mean $(((end - start) / runs / 1000000)) ms over $runs runs"
    done << EOF
$cases
EOF
fi

echo
echo "| command | peak RSS | findings |"
echo "|---|---:|---:|"
while IFS='|' read -r label prepare command; do
    $prepare
    kb=$(/usr/bin/time -f %M sh -c "$command > $tmp/out.json 2> /dev/null" 2>&1 | tail -1)
    # Both tools write one `"message"` per finding in their JSON.
    n=$(grep -c '"message"' "$tmp/out.json" || true)
    echo "| $label | $(awk "BEGIN { printf \"%.1f MB\", $kb / 1024 }") | $n |"
done << EOF
$cases
EOF
