#!/usr/bin/env bash
# Runs each fuzz target for MINUTES minutes (default 2): the readers, the extractors and
# the SPARQL endpoint's request handling. Not part of CI.
#
#   bash scripts/fuzz.sh [MINUTES] [TARGET...]
#
# cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1 allows them.
# The fuzz crate builds strikegraph without its `rocksdb` feature (in-memory stores only),
# in fuzz/target. Crashes land in fuzz/artifacts/TARGET/; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-2}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(readers extract sparql_request)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
fi
export RUSTC_BOOTSTRAP=1

# A few invented starting points, so the fuzzer begins from article-shaped input.
seed() {
    local dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    if [ -z "$(ls -A "$dir")" ]; then
        printf '%s' "$2" >"$dir/seed-1"
        printf '%s' "$3" >"$dir/seed-2"
    fi
}
article='Members of the Guild of Ferry Pilots in Westermoor will strike on Friday and Saturday, the guild said.

Ilsa Quennell, a spokesman for the guild, said: "We were left no choice."

Dr Marek Tolliver, chief executive of Calder Reach Hospital Trust, said talks would go on.'
seed readers "$article" '{"id": "a1", "text": "Porters walk out on Monday.", "published": "2031-03-04"}
{"id": 2, "text": "Second."}'
seed extract "x$article" "y“Enough,” said Noor Blaney, 26, from Ostry."
seed sparql_request "$(printf '\x00/sparql?query=SELECT%%20*%%20WHERE%%20%%7B%%3Fs%%20%%3Fp%%20%%3Fo%%7D%%20LIMIT%%205\naccept: text/csv\n\n')" \
    "$(printf '\x01/sparql\ncontent-type: application/sparql-query\n\nASK { ?s a sg:Strike }')"

for target in "${targets[@]}"; do
    echo "== $target: ${minutes} min" >&2
    # No sanitizer: the code is safe Rust (unsafe_code is forbidden), and the build and the
    # runs are much quicker without one. FUZZ_SANITIZER=address brings it back.
    nice cargo fuzz run --fuzz-dir fuzz --sanitizer "${FUZZ_SANITIZER:-none}" "$target" -- \
        -max_total_time=$((minutes * 60)) -timeout=20 -rss_limit_mb=3072 -print_final_stats=1
done
