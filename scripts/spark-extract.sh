#!/usr/bin/env bash
# Extraction on Apache Spark, end to end on one machine (local[2]): generate a corpus,
# extract it partition by partition with `strikegraph extract` under rdd.pipe, load the
# union of the partitions' N-Quads into a store with `strikegraph load`, and query it.
#
#   bash scripts/spark-extract.sh [COUNT] [PARTITIONS]
#
# STRIKEGRAPH names the binary (default: strikegraph on the PATH, else the debug build);
# WORK the folder for the corpus, quads and store (default: a new temporary folder).
# Needs Java 17 and pyspark (installed with pip when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-2000}
PARTITIONS=${2:-4}
if [ -z "${STRIKEGRAPH:-}" ]; then
  STRIKEGRAPH=$(command -v strikegraph || echo "${CARGO_TARGET_DIR:-target}/debug/strikegraph")
fi
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install -q pyspark

echo "== generate $COUNT articles" >&2
"$STRIKEGRAPH" generate --count "$COUNT" --seed 42 --out "$WORK/corpus.jsonl"

echo "== extract on Spark ($PARTITIONS partitions)" >&2
rm -rf "$WORK/quads"
python3 scripts/spark_extract.py --strikegraph "$STRIKEGRAPH" --input "$WORK/corpus.jsonl" \
  --output "$WORK/quads" --partitions "$PARTITIONS"
cat "$WORK"/quads/part-* > "$WORK/corpus.nq"

echo "== the union equals one process's extraction" >&2
"$STRIKEGRAPH" --quiet extract "$WORK/corpus.jsonl" --output "$WORK/single.nq"
if cmp -s <(LC_ALL=C sort "$WORK/corpus.nq") <(LC_ALL=C sort "$WORK/single.nq"); then
  echo "same $(wc -l < "$WORK/single.nq") quads" >&2
else
  echo "the partitioned and the single extraction differ" >&2
  exit 1
fi

echo "== load and query" >&2
rm -rf "$WORK/store"
"$STRIKEGRAPH" --store "$WORK/store" load "$WORK/corpus.nq"
"$STRIKEGRAPH" --store "$WORK/store" stats
"$STRIKEGRAPH" --store "$WORK/store" query --format table \
  'SELECT ?union (COUNT(DISTINCT ?s) AS ?strikes) WHERE {
     ?s a sg:Strike ; schema:organizer/schema:name ?union .
   } GROUP BY ?union ORDER BY DESC(?strikes) LIMIT 5'
echo "work folder: $WORK" >&2
