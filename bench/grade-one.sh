#!/usr/bin/env bash
# Benchmark: wall time of grading one fix-the-race submission end to end (CLI start, sandbox, compile,
# structure, tests, stress tests, report), as an instructor runs it. Not a test: it prints figures.
# Usage: bench/grade-one.sh [RUNS] [VARIANT] [SANDBOX]   (defaults: 10 synchronized-methods bwrap)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
variant=${2:-synchronized-methods}
sandbox=${3:-bwrap}
jar=grader/target/grader.jar
dir=solutions/fix-the-race/$variant
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
[ -d "$dir" ] || { echo "no variant $dir" >&2; exit 2; }
echo "warm-up (builds the start-up cache on first use) ..."
java -jar "$jar" grade --exercise fix-the-race --sandbox "$sandbox" "$dir" >/dev/null || true
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  java -jar "$jar" grade --exercise fix-the-race --sandbox "$sandbox" --format json "$dir" > /tmp/interleave-bench.json || true
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
median=$(( n % 2 ? sorted[n/2] : (sorted[n/2-1] + sorted[n/2]) / 2 ))
score=$(grep -m1 '"score"' /tmp/interleave-bench.json | tr -dc '0-9')
max=$(grep -m1 '"max_score"' /tmp/interleave-bench.json | tr -dc '0-9')
awk -v v="$variant" -v s="$score" -v m="$max" -v n="$n" -v sb="$sandbox" -v c="$(nproc)" \
    -v lo="${sorted[0]}" -v med="$median" -v hi="${sorted[n-1]}" \
    'BEGIN { printf "graded %s (%s/%s) %d times in %s on %d CPUs: min %.2f s, median %.2f s, max %.2f s\n", v, s, m, n, sb, c, lo/1000, med/1000, hi/1000 }' 
