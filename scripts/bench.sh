#!/usr/bin/env bash
# The whole-pipeline benchmark: generates a corpus, then measures extraction (one core and
# all cores), ingest (articles/s, quads/s, peak memory, store size), compaction, Oxigraph's
# own loader on the same quads in the same run (and the ratio), and the latency of each
# examples/ query on the store built, both as a fresh process per query and through a
# running server. Prints the figures; writes nothing outside WORKDIR.
#
#   scripts/bench.sh [ARTICLES] [WORKDIR]      (defaults: 100000, a temporary folder)
#
# BENCH_BIN=PATH benchmarks that strikegraph binary; BENCH_QUERY_RUNS sets the runs per query.
# Needs GNU time (/usr/bin/time), curl and Oxigraph's command-line tool `oxigraph` 0.5 on the
# PATH (`pip install oxigraph==0.5.13` brings a prebuilt one).
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-100000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
runs=${BENCH_QUERY_RUNS:-7}

command -v oxigraph >/dev/null || { echo "bench: no oxigraph on the PATH (pip install oxigraph==0.5.13)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
# BENCH_BIN benchmarks a given build of strikegraph instead of building this checkout.
if [ -n "${BENCH_BIN:-}" ]; then
  sg=$BENCH_BIN
else
  cargo build --release --quiet
  sg="${CARGO_TARGET_DIR:-target}/release/strikegraph"
fi

# Runs a command under GNU time; sets $secs and $peak_mb.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@"
  read -r secs peak_kb <"$work/time"
  peak_mb=$((peak_kb / 1024))
}
rate() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):,.0f}')" "$1" "$2"; }
mb_rate() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 1e6 / float(sys.argv[2]):.1f}')" "$1" "$2"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -srm)"
echo "corpus: $articles generated articles"
corpus="$work/corpus.jsonl"
timed "$sg" generate --count "$articles" --seed 1 --out "$corpus"
text_bytes=$(python3 -c "
import json, sys
print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$corpus")
echo "  generated in ${secs}s; $(mb_rate "$text_bytes" 1) MB of article text"

echo "extraction (strikegraph extract, text to N-Quads, no store):"
RAYON_NUM_THREADS=1 timed "$sg" --quiet extract "$corpus" --output /dev/null
echo "  one core:  ${secs}s, $(mb_rate "$text_bytes" "$secs") MB/s of text"
timed "$sg" --quiet extract "$corpus" --output /dev/null
echo "  all cores: ${secs}s, $(mb_rate "$text_bytes" "$secs") MB/s of text"

echo "ingest (strikegraph ingest into a new store):"
store="$work/store"
rm -rf "$store"
timed "$sg" --quiet --store "$store" ingest "$corpus"
ingest_secs=$secs
ingest_peak=$peak_mb
store_mb=$(($(du -sb "$store" | cut -f1) / 1000000))
# Compaction first: the export (and every query after) reads a compacted store far faster.
timed "$sg" --quiet --store "$store" optimize
optimize_secs=$secs
dump="$work/dump.nq"
"$sg" --quiet --store "$store" export --format nquads --output "$dump"
quads=$(wc -l <"$dump")
echo "  ${ingest_secs}s: $(rate "$articles" "$ingest_secs") articles/s, $(rate "$quads" "$ingest_secs") quads/s ($quads quads), peak ${ingest_peak} MB, store ${store_mb} MB on disk"
echo "  then strikegraph optimize: ${optimize_secs}s, store $(($(du -sb "$store" | cut -f1) / 1000000)) MB on disk"

echo "Oxigraph's own loader on the same quads:"
oxstore="$work/oxigraph-store"
rm -rf "$oxstore"
timed oxigraph load --location "$oxstore" --file "$dump"
echo "  oxigraph load: ${secs}s, $(rate "$quads" "$secs") quads/s, peak ${peak_mb} MB, store $(($(du -sb "$oxstore" | cut -f1) / 1000000)) MB on disk"
echo "  strikegraph ingest / oxigraph load (quads/s): $(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$secs" "$ingest_secs")"
rm -rf "$oxstore" "$dump"

echo "example queries on the optimized store (median of $runs whole-process runs: open, query, print):"
for rq in examples/*.rq; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$sg" --store "$store" query --file "$rq" --format csv >"$work/out.csv"
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "  $(basename "$rq" .rq): ${median} ms ($(($(wc -l <"$work/out.csv") - 1)) rows)"
done

echo "the same queries through strikegraph serve (median of $runs HTTP requests to one running server):"
port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$sg" --quiet --store "$store" serve --bind "127.0.0.1:$port" --timeout-ms 120000 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.2; done
for rq in examples/*.rq; do
  times=()
  for _ in $(seq "$runs"); do
    ms=$(curl -s -o "$work/out.csv" -w '%{time_total}' -H 'Accept: text/csv' \
      --data-urlencode "query@$rq" "http://127.0.0.1:$port/sparql")
    times+=($(python3 -c "import sys; print(round(float(sys.argv[1]) * 1000))" "$ms"))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "  $(basename "$rq" .rq): ${median} ms ($(($(wc -l <"$work/out.csv") - 1)) rows)"
done
kill "$server"
wait "$server" 2>/dev/null || true
echo "work folder: $work"
