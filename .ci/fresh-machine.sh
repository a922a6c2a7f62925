#!/usr/bin/env bash
# The README's two set-up commands on a fresh machine: a throwaway root file system made from this machine's
# own (an overlay whose writes vanish), with bubblewrap and Docker taken out of it, no Docker engine reachable
# and no JDK toolchain discovered yet. In it, from a clean clone each time:
#   1. `mvn -q -DskipTests package && java -jar grader/target/grader.jar grade exercises`
#      with JAVA_HOME unset, at a JDK 25, at a JDK 21 (where one is installed) and at a JDK 17 (a JDK 21+ elsewhere);
#      it must grade every bundled stub in a real sandbox (exit 1: the stubs lose marks);
#   2. `mvn verify` (batch mode) with JAVA_HOME unset: the whole test suite must pass.
# Fails when either command does. Needs root (mount namespaces, overlayfs). The Maven repository of this machine
# is seen through the overlay (so artifacts are not downloaded again); nothing is written back to it.
#
#   .ci/fresh-machine.sh [--cases "unset 25 21 17"] [--no-verify]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cases="unset 25 21 17"
verify=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases=$2; shift 2 ;;
    --no-verify) verify=no; shift ;;
    inside) shift; mode=inside; break ;;
    *) echo "usage: $0 [--cases \"unset 25 21 17\"] [--no-verify]" >&2; exit 2 ;;
  esac
done

# ---- inside the throwaway root ----------------------------------------------------------------------------
if [ "${mode:-}" = inside ]; then
  src=$1; cases=$2; verify=$3
  fail=0
  echo "fresh machine: bwrap: $(command -v bwrap || echo absent); docker engine: $(docker info --format '{{.ServerVersion}}' 2>/dev/null || echo 'not answering')"
  command -v bwrap >/dev/null 2>&1 && { echo "FAILED: bubblewrap is still installed in the throwaway root"; exit 1; }
  jdk_of() { # the first JDK of feature version $1 under /usr/lib/jvm
    for d in /usr/lib/jvm/*/; do
      [ -x "$d/bin/javac" ] && [ -f "$d/release" ] || continue
      grep -Eq "^JAVA_VERSION=\"$1([.\"]|$)" "$d/release" && { echo "${d%/}"; return 0; }
    done
    return 1
  }
  for c in $cases; do
    if [ "$c" = unset ]; then
      unset JAVA_HOME
      label="JAVA_HOME unset"
    elif home=$(jdk_of "$c"); then
      export JAVA_HOME=$home
      label="JAVA_HOME=$home"
    else
      echo "== case JAVA_HOME at a JDK $c: no JDK $c under /usr/lib/jvm on this machine, not run"
      continue
    fi
    dir=/tmp/interleave-fresh/$c
    rm -rf "$dir"; git clone -q "$src" "$dir"
    echo "== case $label: mvn -q -DskipTests package && java -jar grader/target/grader.jar grade exercises"
    start=$(date +%s)
    set +e
    (cd "$dir" && mvn -q -DskipTests package 2>&1 | grep -v '^\[interleave\] precompiled' \
      && java -jar grader/target/grader.jar grade exercises) > "$dir.log" 2>&1
    rc=$?
    set -e
    secs=$(( $(date +%s) - start ))
    sandboxes=$(grep -Ec '^[a-z-]+ +[0-9]+/[0-9]+ .*\[sandbox: (unshare|bwrap|docker)' "$dir.log" || true)
    grep -E '^[a-z-]+ +[0-9]+/[0-9]+ |^Total:|^grader: (note|graded)' "$dir.log" | sed 's/^/   | /' || true
    if [ "$rc" -eq 1 ] && grep -q '^Total:' "$dir.log" && [ "$sandboxes" -ge 4 ]; then
      echo "   ok: exit 1 (the stubs lose marks), $sandboxes exercises graded in a sandbox, ${secs} s"
    else
      echo "   FAILED: exit $rc, $sandboxes exercises graded in a sandbox (${secs} s); the whole output:"
      sed 's/^/   | /' "$dir.log"
      fail=1
    fi
  done
  if [ "$verify" = yes ]; then
    unset JAVA_HOME
    dir=/tmp/interleave-fresh/unset
    [ -d "$dir" ] || git clone -q "$src" "$dir"
    echo "== mvn verify (JAVA_HOME unset, batch mode), the whole test suite"
    start=$(date +%s)
    if (cd "$dir" && mvn -B -ntp verify); then
      echo "   ok: mvn verify passed on the fresh machine in $(( $(date +%s) - start )) s"
    else
      echo "   FAILED: mvn verify on the fresh machine"
      fail=1
    fi
  fi
  exit $fail
fi

# ---- outside: make the throwaway root and enter it --------------------------------------------------------
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (a mount namespace and an overlay of /)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/interleave-fresh-root-XXXXXX")
trap 'rmdir "$work" 2>/dev/null || true' EXIT
echo "fresh machine: a throwaway root of this machine without bubblewrap and Docker (overlay on a tmpfs in $work)"
unshare --mount --propagation private --fork -- /bin/bash -euo pipefail -c '
  work=$1; repo=$2; cases=$3; verify=$4
  mount -t tmpfs -o size=12g interleave-fresh "$work"
  mkdir "$work/upper" "$work/work" "$work/root"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/work" "$work/root"
  r=$work/root
  for f in /usr/bin/bwrap /usr/bin/docker /usr/sbin/dockerd /usr/bin/dockerd /usr/local/bin/docker \
           /usr/local/bin/dockerd /usr/bin/containerd /root/.m2/discovered-jdk-toolchains-cache.xml; do
    rm -f "$r$f"
  done
  mount --rbind /proc "$r/proc"; mount --rbind /dev "$r/dev"; mount --rbind /sys "$r/sys"
  mount -t tmpfs interleave-fresh-tmp "$r/tmp"; mount -t tmpfs interleave-fresh-run "$r/run"
  # the repository itself, read-only at its own path (it may live below /tmp, which is fresh in there)
  mkdir -p "$r$repo"; mount --bind "$repo" "$r$repo"; mount -o remount,bind,ro "$r$repo"
  mkdir -p "$r/tmp/interleave-fresh" "$r/.host-root"
  # pivot_root, not chroot: the kernel refuses new user namespaces (the unshare sandbox) to a chrooted process
  cd "$r"; pivot_root . .host-root; cd /; umount -l /.host-root; rmdir /.host-root
  exec /usr/bin/env -u JAVA_HOME PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash "$repo/.ci/fresh-machine.sh" inside "$repo" "$cases" "$verify"
' fresh "$work" "$repo" "$cases" "$verify"
