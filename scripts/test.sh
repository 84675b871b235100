#!/usr/bin/env bash
# Runs every test: the Rust unit and integration tests (with real nginx and Python's
# http.server serving a published folder), then the checks that read strikegraph's output
# with third-party tools (rdflib, pyshacl, Graphviz) and the server's pages in headless
# Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
STRIKEGRAPH_REQUIRE_NGINX=1 STRIKEGRAPH_REQUIRE_PYTHON=1 cargo test --all-targets
cargo build --quiet
python3 tests/python/check_outputs.py "${CARGO_TARGET_DIR:-target}/debug/strikegraph"
bash scripts/browser-check.sh "${CARGO_TARGET_DIR:-target}/debug/strikegraph"
