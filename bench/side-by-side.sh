#!/usr/bin/env bash
# Benchmark: how much of the time two threads of a sandboxed JVM run side by side while a busy process runs in
# another session, with and without the CPU weight the bwrap backend gives its cgroup (see Confinement). Each
# JVM runs in a session of its own (setsid), as bwrap --new-session puts the grading JVM. Needs root (cgroup v1
# cpu controller) and a JDK >= 21 (JAVA, default: the first under /usr/lib/jvm). Not a test: it prints figures.
# Usage: bench/side-by-side.sh [ROUNDS] [MILLIS]   (defaults: 5 rounds of 2000 ms, alternating)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
millis=${2:-2000}
java=${JAVA:-}
if [ -z "$java" ]; then
  for candidate in /usr/lib/jvm/*/bin/java; do
    feature=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null; then java=$candidate; break; fi
  done
fi
[ -x "${java:-}" ] || { echo "no JDK >= 21 under /usr/lib/jvm: set JAVA=/path/to/bin/java" >&2; exit 2; }
cpu=/sys/fs/cgroup/cpu
[ -w "$cpu" ] || { echo "needs a writable cgroup v1 cpu controller at $cpu (run as root)" >&2; exit 2; }
shares=$(( 16 * 1024 * $(nproc) ))
work=$(mktemp -d)
trap 'kill "$hog" 2>/dev/null || true; rmdir "$cpu"/interleave-bench-* 2>/dev/null || true; rm -rf "$work"' EXIT
"${java%/java}/javac" -d "$work" bench/SideBySide.java
setsid sh -c 'while :; do :; done' & hog=$!
sleep 1
echo "autogroup: $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo n/a); busy process $hog; $rounds x $millis ms"
for i in $(seq "$rounds"); do
  printf 'round %d  no weight:      ' "$i"
  setsid -w "$java" -cp "$work" SideBySide "$millis"
  group=$cpu/interleave-bench-$$-$i
  mkdir "$group" && echo "$shares" > "$group/cpu.shares"
  printf 'round %d  cpu.shares %d: ' "$i" "$shares"
  setsid -w sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' sh "$group" "$java" -cp "$work" SideBySide "$millis"
  rmdir "$group"
done
