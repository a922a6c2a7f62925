#!/usr/bin/env bash
# The evidence runs behind the README's evidence table: `grader verify --repeat N` over every variant of each
# exercise, one exercise at a time, under each load condition, through bench/under-load.sh (which starts and
# kills the load). Prints each run as it goes and, at the end, a Markdown table of the summary lines; logs
# are kept in the output folder. Hours of machine time at the defaults: not a test.
# Usage: bench/evidence.sh [--repeat N] [--conditions "quiet busy1 busy4 second"] [--exercise SLUG]...
#                          [--sandbox bwrap|unshare|docker|auto] [--out DIR]
#   e.g. bench/evidence.sh --repeat 20 --conditions "quiet busy1"          (the table's first two columns)
#        bench/evidence.sh --repeat 5 --conditions busy4 --exercise fix-the-race
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=20
conditions="quiet busy1"
sandbox=bwrap
out=bench/evidence-$(date -u +%Y%m%dT%H%M%SZ)
exercises=()
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --conditions) conditions=${2:?--conditions needs a list}; shift 2 ;;
    --exercise) exercises+=("${2:?--exercise needs a slug}"); shift 2 ;;
    --sandbox) sandbox=${2:?--sandbox needs a value}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "evidence.sh: unknown argument '$1'" >&2; sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
jar=grader/target/grader.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
if [ ${#exercises[@]} -eq 0 ]; then # every exercise with a variant under solutions/
  mapfile -t exercises < <(find solutions -mindepth 3 -maxdepth 3 -name expected.json | cut -d/ -f2 | sort -u)
fi
mkdir -p "$out"
summary=()
failed=0
for condition in $conditions; do
  case "$condition" in
    quiet) load=() ;;
    busy[0-9]*) load=(--busy "${condition#busy}") ;;
    second) load=(--second-grading) ;;
    *) echo "evidence.sh: unknown condition '$condition' (quiet, busyK, second)" >&2; exit 2 ;;
  esac
  for slug in "${exercises[@]}"; do
    log="$out/$slug-$condition.log"
    echo "== $slug, $condition, $repeat gradings per variant (log: $log)"
    set +e
    bench/under-load.sh "${load[@]}" --repeat "$repeat" --sandbox "$sandbox" --exercise "$slug" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" -eq 0 ] || failed=1
    ok=$(grep -oE '^(OK|FAILED): [0-9]+ of [0-9]+ variants' "$log" | tail -1 || true)
    figures=$(grep -oE 'in [0-9.]+ min, slowest grading [0-9.]+ s' "$log" | tail -1 || true)
    summary+=("| \`$slug\` | $condition | ${ok:-no result (exit $rc)} | ${figures:-} |")
  done
done
{
  echo "| exercise | condition | variants with their declared verdict in every grading | time, slowest grading |"
  echo "|---|---|---|---|"
  printf '%s\n' "${summary[@]}"
} | tee "$out/summary.md"
exit "$failed"
