#!/usr/bin/env bash
# Builds the knowledge graph from seeds/ into ./strikegraph.db and shows what is in it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --quiet
sg=${CARGO_TARGET_DIR:-target}/release/strikegraph
"$sg" ingest seeds/
echo
"$sg" stats
echo
echo "Strikes, with their dates and organisers:"
"$sg" query --format table 'SELECT ?strike ?start ?end (GROUP_CONCAT(DISTINCT ?org; separator=", ") AS ?organisers)
  WHERE { ?s a sg:Strike ; schema:startDate ?start ; schema:name ?strike .
          OPTIONAL { ?s schema:endDate ?end } OPTIONAL { ?s schema:organizer/schema:name ?org } }
  GROUP BY ?strike ?start ?end ORDER BY ?start'
echo
echo "Who said what (first words):"
"$sg" query --format table 'SELECT ?who (SUBSTR(?text, 1, 60) AS ?words)
  WHERE { ?q a schema:Quotation ; schema:text ?text ; schema:creator/schema:name ?who } ORDER BY ?who LIMIT 12'
