#!/usr/bin/env bash
# Benchmark: what one sandbox costs per exercise against another (default: Docker against bwrap). Grades one
# fix-the-race submission end to end with each backend, alternating so both see the same machine load, and
# prints min/median/max of each and the difference of the medians; then, for Docker against bwrap, the bare
# cost of starting `java -version` in each. Docker needs an engine and the grader image (see the README).
# Not a test: it prints figures.
# Usage: bench/compare-sandboxes.sh [RUNS] [VARIANT] [BASE] [OTHER]   (defaults: 10 synchronized-methods bwrap docker)
#   e.g. bench/compare-sandboxes.sh 10 synchronized-methods bwrap unshare
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
variant=${2:-synchronized-methods}
base=${3:-bwrap}
other=${4:-docker}
jar=grader/target/grader.jar
dir=solutions/fix-the-race/$variant
image=${INTERLEAVE_DOCKER_IMAGE:-interleave-grader}
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
if [ "$base" = docker ] || [ "$other" = docker ]; then
  docker image inspect "$image" >/dev/null 2>&1 || { echo "no image $image: see the README (docker build ...)" >&2; exit 2; }
fi
grade() { java -jar "$jar" grade --exercise fix-the-race --sandbox "$1" --format json "$dir" >/tmp/interleave-bench-$1.json || true; }
ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
stats() { sort -n | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
  printf "%.2f %.2f %.2f\n", a[1] / 1000, m / 1000, a[NR] / 1000 }'; }
echo "warm-up (trains the start-up caches on first use) ..."
grade "$base"; grade "$other"
base_ms=(); other_ms=()
for i in $(seq "$runs"); do
  base_ms+=("$(ms grade "$base")")
  other_ms+=("$(ms grade "$other")")
done
read -r bl bm bh < <(printf '%s\n' "${base_ms[@]}" | stats)
read -r dl dm dh < <(printf '%s\n' "${other_ms[@]}" | stats)
score() { grep -m1 '"score"' "/tmp/interleave-bench-$1.json" | tr -dc '0-9'; }
printf 'grade %s, %d runs each, %d CPUs, load %s\n' "$variant" "$runs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-8s min %s s, median %s s, max %s s (last score %s)\n' "$base" "$bl" "$bm" "$bh" "$(score "$base")"
printf '  %-8s min %s s, median %s s, max %s s (last score %s)\n' "$other" "$dl" "$dm" "$dh" "$(score "$other")"
awk -v b="$bm" -v d="$dm" -v o="$other" 'BEGIN { printf "  %s adds %+.2f s per exercise (median)\n", o, d - b }'
[ "$base $other" = "bwrap docker" ] || exit 0
java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.home = //p')
bare_b=(); bare_d=()
for i in $(seq "$runs"); do
  bare_b+=("$(ms bwrap --unshare-all --die-with-parent --ro-bind /usr /usr --ro-bind-try /lib /lib --ro-bind-try /lib64 /lib64 \
      --ro-bind "$java_home" "$java_home" --proc /proc --dev /dev --tmpfs /tmp "$java_home/bin/java" -version)")
  bare_d+=("$(ms docker run --rm -i --network none --read-only --tmpfs /tmp --user 65534:65534 --cap-drop ALL \
      --security-opt no-new-privileges --memory 512m --pids-limit 1024 --log-driver none --entrypoint java "$image" -version)")
done
read -r _ bbm _ < <(printf '%s\n' "${bare_b[@]}" | stats)
read -r _ bdm _ < <(printf '%s\n' "${bare_d[@]}" | stats)
printf '  java -version: bwrap median %s s, docker median %s s\n' "$bbm" "$bdm"
