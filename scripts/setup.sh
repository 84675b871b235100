#!/usr/bin/env bash
# Installs what building and testing strikegraph needs on a fresh Debian/Ubuntu machine:
# clang and libclang (RocksDB's bindings are generated with bindgen), Graphviz (`dot`, to
# check the DOT files strikegraph writes), nginx (to serve a published folder with the
# configuration `publish` writes), Chromium (to render the server's pages headless), curl,
# and the Python packages the tests use to read strikegraph's output with third-party
# parsers (rdflib, pyshacl). Safe to run again.
set -euo pipefail

need_apt=()
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${need_apt[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! python3 -c 'import rdflib, pyshacl' >/dev/null 2>&1; then
  echo "setup: installing rdflib and pyshacl" >&2
  python3 -m pip install -q rdflib pyshacl
fi

# `oxigraph` 0.5.13 (Oxigraph's CLI and server), a Graph Store Protocol server that
# tests/push.rs pushes to: the test of `strikegraph push` needs a real third-party server, and
# fails under CI without one. The PyPI package `oxigraph` ships the same release as a prebuilt
# binary (seconds to install); without it, build the oxigraph-cli crate from source (many
# minutes: RocksDB), in its own target folder so that the build is kept apart from
# strikegraph's and reused between runs.
if ! command -v oxigraph >/dev/null 2>&1 && [ -z "${OXIGRAPH_BIN:-}" ]; then
  echo "setup: installing oxigraph 0.5.13" >&2
  python3 -m pip install -q --only-binary :all: oxigraph==0.5.13 ||
    cargo install oxigraph-cli --version 0.5.13 --locked --target-dir "$HOME/.cache/oxigraph-cli-target"
fi
