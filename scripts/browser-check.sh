#!/usr/bin/env bash
# Loads the server's pages in headless Chromium: builds a store from seeds/, starts
# `strikegraph serve` on a free loopback port, renders the home page and an entity page
# (the first person the home page links to) and the strikes' timeline SVG, checks the
# rendered DOM (the entity's heading, its links, the inline SVG neighbourhood picture, the
# timeline's bars) and takes screenshots.
#
# usage: [ENTITY=/person/x] browser-check.sh [PATH/TO/strikegraph] [SCREENSHOT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-${CARGO_TARGET_DIR:-target}/debug/strikegraph}
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "browser-check: chromium is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$BIN" --store "$work/store" --quiet ingest seeds/
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" --store "$work/store" serve --bind "127.0.0.1:$port" 2>"$work/serve.log" &
server_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -sf -o /dev/null "$url/" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done

chromium() {
  # A fresh profile each time; nothing talks to the network but the page.
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>>"$work/chromium.log"
}

failures=0
check() { # check NAME FILE PATTERN: grep the rendered DOM
  if grep -Eq "$3" "$2"; then
    echo "ok    $1"
  else
    echo "FAIL  $1 (no match for $3 in $2)"
    failures=$((failures + 1))
  fi
}

chromium --dump-dom "$url/" >"$OUT/home.html"
check "home page renders its heading" "$OUT/home.html" '<h1>strikegraph</h1>'
check "home page links to people" "$OUT/home.html" 'href="/person/[^"]+"'
check "home page links to strikes" "$OUT/home.html" 'href="/strike/[^"]+"'

# ENTITY=/person/x picks the entity page; by default the first person on the home page.
entity=${ENTITY:-$(grep -Eo 'href="/person/[^"]+"' "$OUT/home.html" | head -1 | sed -E 's/href="([^"]+)"/\1/')}
[ -n "$entity" ] || { echo "FAIL  no person linked from the home page"; exit 1; }
chromium --dump-dom "$url$entity" >"$OUT/entity.html"
check "entity page ($entity) renders its heading" "$OUT/entity.html" '<h1>[^<]+</h1>'
check "entity page has the inline SVG picture" "$OUT/entity.html" '<svg class="neighbourhood"'
check "the picture's nodes are links" "$OUT/entity.html" '<a href="/[a-z]+/[^"]+"><title>'
check "entity page links to its Turtle" "$OUT/entity.html" "href=\"$entity\\.ttl\""
check "entity page lists the articles that mention it" "$OUT/entity.html" '<h2>Mentioned in</h2>'

# The timeline of the seeds' strikes, as `timeline --format svg` writes it.
"$BIN" --store "$work/store" timeline --organiser BMA --format svg --output "$work/timeline.svg"
chromium --dump-dom "file://$work/timeline.svg" >"$OUT/timeline.html"
check "timeline SVG renders one bar per strike" "$OUT/timeline.html" '<g class="strike"><title>2016-04-26'
chromium --screenshot="$OUT/home.png" --window-size=1200,900 "$url/" >/dev/null
chromium --screenshot="$OUT/entity.png" --window-size=1200,900 "$url$entity" >/dev/null
chromium --screenshot="$OUT/timeline.png" --window-size=1200,900 "file://$work/timeline.svg" >/dev/null
for png in home entity timeline; do
  # A PNG of the window size, and not blank (a blank page compresses to almost nothing).
  size=$(python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(); print(*struct.unpack(">II", d[16:24]), len(d)) if d[:8] == b"\x89PNG\r\n\x1a\n" else print(0, 0, 0)' "$OUT/$png.png")
  read -r width height bytes <<<"$size"
  if [ "$width" = 1200 ] && [ "$height" = 900 ] && [ "$bytes" -gt 10000 ]; then
    echo "ok    screenshot $OUT/$png.png (${width}x${height}, $bytes bytes)"
  else
    echo "FAIL  screenshot $OUT/$png.png ($size)"
    failures=$((failures + 1))
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "browser-check: $failures failed (Chromium's log: $work/chromium.log)" >&2
  cp "$work/chromium.log" "$OUT/" 2>/dev/null || true
  exit 1
fi
echo "browser-check: all passed; screenshots in $OUT"
