#!/usr/bin/env bash
# CI's fuzz step: builds the harness in release and runs every target for FUZZ_SECONDS each
# (default 60), seeded with the real corpus and the saved crash inputs when ../shared is beside
# the checkout. Exits non-zero when any target fails (abort, panic, hang, slow input, broken
# property); the inputs are then in FUZZ_ARTIFACTS (default fuzz/artifacts), each with a .txt
# that says how to replay it.
#
#   fuzz/run-ci.sh                       # 60 s per target
#   FUZZ_SECONDS=600 fuzz/run-ci.sh      # the long run
#   FUZZ_SEED=0x1234 fuzz/run-ci.sh      # replay a run (the seed is printed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-60}
artifacts=${FUZZ_ARTIFACTS:-$root/fuzz/artifacts}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seeds=()
if [ -x ../shared/corpus/materialize ]; then
  # Dialects are recognised by path: seed from the corpus's original folder layout.
  ../shared/corpus/materialize "$work/corpus" >/dev/null
  seeds+=(--seeds "$work/corpus")
else
  echo "fuzz: ../shared/corpus not found: built-in seeds only"
fi
if [ -d ../shared/crashes ]; then
  seeds+=(--seeds ../shared/crashes)
fi

cargo build --release --locked -p persona-ls-fuzz
bin=${CARGO_TARGET_DIR:-target}/release/persona-ls-fuzz
"$bin" all --seconds "$seconds" --artifacts "$artifacts" "${seeds[@]}" ${FUZZ_SEED:+--seed "$FUZZ_SEED"}
