#!/usr/bin/env bash
# Benchmark: `grader verify` with a chosen load beside it, to show that every variant gets its declared verdict
# however busy the machine is. The load is K spinning shells (--busy K), each in a session of its own like an
# unrelated user's job, and/or a second `grader verify` of the same exercises running at the same time
# (--second-grading). The load is killed when the script ends, however it ends. Not a test: it prints figures.
# Usage: bench/under-load.sh [--busy K] [--second-grading] [--repeat N] [--exercise SLUG]... [--variant NAME]...
#                            [--sandbox bwrap|docker|auto|none] [--jar PATH]
#   e.g. bench/under-load.sh --busy 4 --repeat 5 --exercise break-the-deadlock
set -euo pipefail
cd "$(dirname "$0")/.."
busy=0
second=false
repeat=3
sandbox=bwrap
jar=grader/target/grader.jar
selection=()
while [ $# -gt 0 ]; do
  case "$1" in
    --busy) busy=${2:?--busy needs a number}; shift 2 ;;
    --second-grading) second=true; shift ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --exercise|--variant) selection+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --sandbox) sandbox=${2:?--sandbox needs a value}; shift 2 ;;
    --jar) jar=${2:?--jar needs a path}; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "under-load.sh: unknown argument '$1'" >&2; sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
case "$busy" in ''|*[!0-9]*) echo "under-load.sh: --busy must be a number, was '$busy'" >&2; exit 2 ;; esac
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
# Each load runs as the leader of its own session (setsid), so that killing its process group ends it and
# everything it started (the second grading's JVMs and sandboxes included).
loads=()
stop_loads() {
  for pid in "${loads[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${loads[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  loads=()
}
trap stop_loads EXIT
trap 'stop_loads; exit 130' INT
trap 'stop_loads; exit 143' TERM
for _ in $(seq 1 "$busy"); do
  setsid sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 &
  loads+=($!)
done
if $second; then
  setsid bash -c 'while :; do java -jar "$0" verify --repeat 1 --sandbox "$1" "${@:2}" >/dev/null 2>&1 || true; done' \
      "$jar" "$sandbox" "${selection[@]}" </dev/null >/dev/null 2>&1 &
  loads+=($!)
fi
out=$(mktemp /tmp/interleave-under-load.XXXXXX)
echo "load: $busy busy process(es)$($second && echo ', a second grader verify') on $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s%N)
set +e
java -jar "$jar" verify --repeat "$repeat" --sandbox "$sandbox" "${selection[@]}" | tee "$out"
rc=${PIPESTATUS[0]}
set -e
end=$(date +%s%N)
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
stop_loads
slowest=$(grep -o 'slowest [0-9.]* s' "$out" | awk '{ if ($2 > m) m = $2 } END { printf "%.1f", m }')
gradings=$(grep -cE '^  (ok|MISMATCH) ' "$out" || true)
awk -v ms="$(( (end - start) / 1000000 ))" -v la="$loadavg" -v sl="$slowest" -v b="$busy" -v s="$second" \
    -v n="$gradings" -v r="$repeat" -v rc="$rc" \
    'BEGIN { printf "under load (%d busy%s): %d variants x %d gradings in %.1f min, slowest grading %s s, load average at the end %s, verify exit %d\n", b, (s == "true" ? ", second grading" : ""), n, r, ms / 60000, sl, la, rc }'
rm -f "$out"
exit "$rc"
