#!/usr/bin/env bash
# Runs every test: the Rust unit and integration tests, then the checks that read
# strikegraph's output with third-party tools (rdflib, pyshacl, Graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --all-targets
cargo build --quiet
python3 tests/python/check_outputs.py "${CARGO_TARGET_DIR:-target}/debug/strikegraph"
