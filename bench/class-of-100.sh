#!/usr/bin/env bash
# Benchmark: `grader class` over a generated class, end to end, the way an instructor runs it at a deadline.
# Each student is a git repository with the four headline exercises, each a variant from solutions/ (right and
# wrong answers mixed, chosen by the student's number, so every run builds the same class). Some students commit
# late (within the cutoff, past it, or before their own extension), some leave an exercise out, some repositories
# are missing or broken. The script then:
#   1. grades the class and kills the grader (the whole process group, SIGKILL) once KILL_AFTER results are in,
#   2. runs the same command again, which resumes: it grades what the killed run had not recorded,
#   3. runs it a third time with nothing changed: it must grade nothing,
#   4. checks the gradebook (one result per student x exercise, nothing twice) and writes the Canvas, Moodle and
#      plain CSV exports, the class report and the similarity report,
# and prints the figures (total time, gradings per minute, the no-change rerun's time). Not a test: it prints figures
# and fails only when the gradebook is wrong.
# Usage: bench/class-of-100.sh [--students N] [--kill-after K] [--sandbox bwrap|unshare|docker|none] [--dir DIR]
#                              [--jar PATH] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
students=100
kill_after=
sandbox=unshare
dir=
jar=grader/target/grader.jar
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --students) students=${2:?--students needs a number}; shift 2 ;;
    --kill-after) kill_after=${2:?--kill-after needs a number}; shift 2 ;;
    --sandbox) sandbox=${2:?--sandbox needs a value}; shift 2 ;;
    --dir) dir=${2:?--dir needs a path}; shift 2 ;;
    --jar) jar=${2:?--jar needs a path}; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "class-of-100.sh: unknown argument '$1'" >&2; sed -n '15,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
case "$students" in ''|*[!0-9]*|0) echo "class-of-100.sh: --students must be a number above 0, was '$students'" >&2; exit 2 ;; esac
[ -f "$jar" ] || { echo "class-of-100.sh: no $jar; build first: mvn -q -DskipTests package" >&2; exit 2; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
command -v sqlite3 >/dev/null || { echo "class-of-100.sh: needs sqlite3 to check the gradebook (apt-get install sqlite3)" >&2; exit 2; }
[ -n "$dir" ] || dir=$(mktemp -d /tmp/interleave-class.XXXXXX)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
$keep || trap 'rm -rf "$dir/repos"' EXIT
exercises=(fix-the-race break-the-deadlock parallelize-cpu-work non-blocking-fetch)
deadline=2026-03-01T23:59:00Z

# --- the class ------------------------------------------------------------------------------------------------------
commit_at() { # repo date message
  (cd "$1" && git add -A && GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -c user.name=student -c user.email=s@example.org \
      commit -q --allow-empty -m "$3")
}
put_variant() { # repo exercise variant: the exercise folder as handed out, the variant's files over it
  rm -rf "$1/$2"
  mkdir -p "$1/$2"
  (cd "exercises/$2" && tar --exclude=target -cf - .) | (cd "$1/$2" && tar -xf -)
  cp -r "solutions/$2/$3/src/." "$1/$2/src/"
}
variant_of() { # student exercise-index -> a variant name, the same on every run
  local list=() v
  for v in solutions/"${exercises[$2]}"/*/; do list+=("$(basename "$v")"); done
  echo "${list[$(( ($1 * 7 + $2 * 13 + $1 / 5) % ${#list[@]} ))]}"
}
rm -rf "$dir/repos" "$dir/class.db" "$dir/class.db.sources" "$dir"/*.log
mkdir -p "$dir/repos"
roster=$dir/roster.csv
echo "student_id,name,email,section,repository,due" >"$roster"
late=0; missing=0; broken=0; extension=0; partial=0
for i in $(seq 1 "$students"); do
  id=$(printf 's%03d' "$i")
  repo=$dir/repos/$id
  due=
  if (( i % 25 == 0 )); then
    missing=$((missing + 1)) # never made: the roster names a path that is not there
  elif (( i % 33 == 0 )); then
    broken=$((broken + 1)); mkdir -p "$repo"; git init -q "$repo"; echo "notes" >"$repo/NOTES.md"
    commit_at "$repo" 2026-02-20T10:00:00Z "notes only" # a repository without any exercise folder
  elif (( i % 47 == 0 )); then
    broken=$((broken + 1)); mkdir -p "$repo"; git init -q "$repo"; echo "garbage" >"$repo/.git/HEAD" # not a repository
  else
    git init -q "$repo"
    for k in "${!exercises[@]}"; do
      (( i % 8 == 5 && k == 3 )) && continue # leaves non-blocking-fetch out
      put_variant "$repo" "${exercises[$k]}" "$(variant_of "$i" "$k")"
    done
    (( i % 8 == 5 )) && partial=$((partial + 1))
    commit_at "$repo" "2026-02-2$(( i % 8 + 1 ))T1$(( i % 10 )):00:00Z" "my answers"
    if (( i % 6 == 0 )); then # a late fix, 1 or 2 days after the deadline (within the cutoff): graded with the penalty
      late=$((late + 1))
      put_variant "$repo" fix-the-race synchronized-methods
      commit_at "$repo" "2026-03-0$(( 2 + i % 2 ))T09:00:00Z" "late fix"
    fi
    if (( i % 20 == 3 )); then # an extension to March 4th, used on the 3rd: not late
      extension=$((extension + 1)); due=2026-03-04T23:59:00Z
      put_variant "$repo" break-the-deadlock order-by-id
      commit_at "$repo" 2026-03-03T12:00:00Z "within my extension"
    fi
    if (( i % 9 == 0 )); then # a commit after the cutoff: never taken
      put_variant "$repo" fix-the-race stub
      commit_at "$repo" 2026-03-20T09:00:00Z "after the cutoff"
    fi
  fi
  echo "$id,Student $i,$id@example.org,$(( i % 3 + 1 )),repos/$id,$due" >>"$roster"
done
echo "class: $students students in $dir/repos: $late late within the cutoff, $extension with an extension," \
     "$partial without one exercise, $missing missing and $broken broken repositories"

# --- grading --------------------------------------------------------------------------------------------------------
book=$dir/class.db
grade=(java -jar "$jar" class grade "$roster" --gradebook "$book" --before "$deadline" --late-penalty 10 --late-cutoff 3
       --sandbox "$sandbox")
results() { [ -f "$book" ] && sqlite3 "$book" "SELECT COUNT(*) FROM results WHERE status <> 'unavailable'" 2>/dev/null || echo 0; }
expected=$(( (students - missing - broken) * 4 - partial ))
[ -n "$kill_after" ] || kill_after=$(( expected / 3 ))
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
setsid "${grade[@]}" >"$dir/run1.log" 2>&1 </dev/null &
pgid=$!
while kill -0 "$pgid" 2>/dev/null && [ "$(results)" -lt "$kill_after" ]; do sleep 0.5; done
kill -KILL -- "-$pgid" 2>/dev/null || true
wait "$pgid" 2>/dev/null || true
t1=$(now)
at_kill=$(results)
echo "run 1: killed (SIGKILL to its process group) after $(secs "$t0" "$t1") s with $at_kill of $expected gradings recorded"

set +e
"${grade[@]}" >"$dir/run2.log" 2>&1
code2=$?
t2=$(now)
"${grade[@]}" >"$dir/run3.log" 2>&1
code3=$?
t3=$(now)
set -e
echo "run 2 (resumed): exit $code2, $(secs "$t1" "$t2") s: $(grep '^class:' "$dir/run2.log" || echo 'no summary line')"
echo "run 3 (nothing changed): exit $code3, $(secs "$t2" "$t3") s: $(grep '^class:' "$dir/run3.log" || echo 'no summary line')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the gradebook is whole, and nothing is in it twice ------------------------------------------------------------
fail=0
total=$(results)
twice=$(sqlite3 "$book" "SELECT COUNT(*) FROM (SELECT student_id, exercise FROM results WHERE status <> 'unavailable'
                         GROUP BY student_id, exercise HAVING COUNT(*) > 1)")
unavailable=$(sqlite3 "$book" "SELECT COUNT(DISTINCT student_id) FROM results WHERE status = 'unavailable'")
[ "$total" -eq "$expected" ] || { echo "FAIL: $total gradings in the gradebook, expected $expected"; fail=1; }
[ "$twice" -eq 0 ] || { echo "FAIL: $twice student x exercise pairs graded more than once"; fail=1; }
[ "$unavailable" -eq $((missing + broken)) ] || { echo "FAIL: $unavailable unavailable students, expected $((missing + broken))"; fail=1; }
grep -q '^class: .* 0 graded, ' "$dir/run3.log" || { echo "FAIL: the no-change rerun graded something"; fail=1; }
graded_ms=$(sqlite3 "$book" "SELECT SUM(grading_ms) FROM results WHERE status <> 'unavailable'")
echo "gradebook: $total gradings (expected $expected), $twice twice, $unavailable students unavailable;" \
     "$(sqlite3 "$book" "SELECT COUNT(*) FROM results WHERE late_days > 0") late results;" \
     "median grading $(sqlite3 "$book" "SELECT grading_ms FROM results WHERE status <> 'unavailable' ORDER BY grading_ms
        LIMIT 1 OFFSET (SELECT COUNT(*) FROM results WHERE status <> 'unavailable') / 2") ms;" \
     "slowest $(sqlite3 "$book" "SELECT MAX(grading_ms) FROM results") ms"
wall=$(secs "$t0" "$t2")
echo "figures: $expected gradings of $students students in $wall s of wall time (killed run + resumed run)," \
     "$(awk -v n="$expected" -v s="$wall" 'BEGIN { printf "%.1f", n * 60 / s }') gradings per minute;" \
     "the gradings themselves $(awk -v ms="$graded_ms" 'BEGIN { printf "%.1f", ms / 1000 }') s;" \
     "no-change rerun $(secs "$t2" "$t3") s"

# --- what the instructor uploads and reads --------------------------------------------------------------------------
ids=()
n=4711
for e in "${exercises[@]}"; do ids+=(--canvas-id "$e=$n"); n=$((n + 1)); done
java -jar "$jar" class export --format canvas "${ids[@]}" --output "$dir/canvas.csv" "$book"
java -jar "$jar" class export --format moodle --output "$dir/moodle.csv" "$book"
java -jar "$jar" class export --format csv --output "$dir/grades.csv" "$book"
s0=$(now)
java -jar "$jar" class similarity --output "$dir/similarity" "$book" >"$dir/similarity.log" 2>&1 || { echo "FAIL: similarity"; cat "$dir/similarity.log"; fail=1; }
echo "similarity: $(secs "$s0" "$(now)") s; $(tail -1 "$dir/similarity.log")"
java -jar "$jar" class report --output "$dir/report.html" --similarity "$dir/similarity" "$book"
echo "exports and report in $dir: canvas.csv ($(($(wc -l <"$dir/canvas.csv") - 2)) students), moodle.csv, grades.csv, report.html ($(du -k "$dir/report.html" | cut -f1) KB)"
exit $fail
