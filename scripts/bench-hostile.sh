#!/usr/bin/env bash
# Extraction time on hostile documents: for each pathological text, one article of 0.25,
# 0.5, 1, 2 and 4 MB. First the extractors alone (`cargo bench --bench hostile`: one process
# a case, the extraction's time and the process's peak memory; the target is linear time,
# and under 2 s and 200 MB for 4 MB of any of them), then the whole `strikegraph extract`
# command on one thread (reading, extracting, writing the N-Quads with their text spans).
# Linear work shows as a flat seconds-per-MB column.
#
#   scripts/bench-hostile.sh [WORKDIR]        (BENCH_BIN=PATH to time a given build)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "bench-hostile: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
if [ -n "${BENCH_BIN:-}" ]; then
  sg=$BENCH_BIN
else
  cargo build --release --quiet
  sg="${CARGO_TARGET_DIR:-target}/release/strikegraph"
fi

echo "== the extractors alone"
cargo bench --quiet --bench hostile
echo
echo "== strikegraph extract, whole process"

# Writes one JSON Lines record whose text is UNIT repeated to SIZE bytes.
make_record() { # NAME UNIT SIZE OUT
  python3 - "$@" <<'EOF'
import json, sys
name, unit, size, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
unit = unit.encode().decode("unicode_escape")
text = (unit * (size // len(unit.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
with open(out, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": name, "text": text, "published": "2024-03-01"}) + "\n")
EOF
}

seeds=$(cat seeds/*.txt | python3 -c 'import sys, json; print(json.dumps(sys.stdin.read())[1:-1])')
declare -A units=(
  [speech]='Unite said the strike is on. '
  [titles]='Dr '
  [capitalised]='Westbury Ashgrove Fernley Hospital Trust Union '
  [no-sentences]='Unite and the GMB and Dr Ann Lee of Leeds said on Monday that '
  [quotes]='"We will strike," said Ann Lee. She added: "On Monday." '
  [dates]='The strike on Monday 4 March, 5 March and 6 March 2024 goes ahead. '
  [seeds]="$seeds"
)
printf '%-14s %8s %9s %9s %10s\n' text MB seconds peak_MB s_per_MB
for name in speech titles capitalised no-sentences quotes dates seeds; do
  for mb in 0.25 0.5 1 2 4; do
    bytes=$(python3 -c "print(int($mb * 1048576))")
    make_record "$name" "${units[$name]}" "$bytes" "$work/$name.jsonl"
    /usr/bin/time -f "%e %M" -o "$work/time" \
      env RAYON_NUM_THREADS=1 "$sg" extract --quiet "$work/$name.jsonl" --output "$work/out.nq" \
      >/dev/null 2>"$work/stderr" || true
    read -r secs peak_kb <"$work/time"
    printf '%-14s %8s %9s %9d %10.2f\n' "$name" "$mb" "$secs" $((peak_kb / 1024)) \
      "$(python3 -c "print($secs / $mb)")"
  done
done
