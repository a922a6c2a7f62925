#!/usr/bin/env bash
# Builds a local base image for docker/Dockerfile without any registry: a jlinked Java runtime made from a
# JDK on this machine (only the modules the grader and its grading JVM use, javac included), plus the shared
# libraries it links against, imported as one layer. Laid out like eclipse-temurin (JAVA_HOME=/opt/java/openjdk)
# so the Dockerfile treats both alike.
# Usage: docker/build-local-base.sh [IMAGE]   (default interleave-base:local; JDK from $BASE_JDK or the newest >= 21)
set -euo pipefail
image=${1:-interleave-base:local}
jdk=${BASE_JDK:-}
if [ -z "$jdk" ]; then
  for candidate in /usr/lib/jvm/*/; do
    release="$candidate/release"
    [ -f "$release" ] && [ -x "$candidate/bin/jlink" ] || continue
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    if [ "${feature:-0}" -ge 21 ] && [ "${feature:-0}" -gt "${best_feature:-0}" ]; then
      jdk=${candidate%/}; best_feature=$feature
    fi
  done
fi
[ -n "$jdk" ] || { echo "no JDK >= 21 with jlink under /usr/lib/jvm; set BASE_JDK" >&2; exit 2; }
version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release")
# What `jdeps --print-module-deps grader.jar` lists (java.desktop is only an optional dependency of Jackson and
# is left out), plus what exercises may use: the JDK's HTTP server and client, logging, XML, zip file systems.
modules=java.base,java.compiler,jdk.compiler,java.instrument,java.management,jdk.management,java.sql,java.logging,java.xml
modules=$modules,jdk.unsupported,jdk.httpserver,java.net.http,jdk.zipfs,jdk.crypto.cryptoki
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
java_home=$root/opt/java/openjdk
mkdir -p "$root/opt/java"
available=$("$jdk/bin/java" --list-modules | sed 's/@.*//' | tr '\n' ' ')
wanted=()
for m in ${modules//,/ }; do
  case " $available " in *" $m "*) wanted+=("$m") ;; esac
done
"$jdk/bin/jlink" --add-modules "$(IFS=,; echo "${wanted[*]}")" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$java_home"
# javac's --release data (the grader compiles for the running JDK only) and the CDS archive for heaps over 32 GiB
rm -f "$java_home/lib/ct.sym" "$java_home/lib/server/classes_nocoops.jsa"
# The shared libraries the runtime's executables and libraries need, at the same paths, links kept.
copy() {
  local path=$1
  while [ -n "$path" ] && [ ! -e "$root$path" ]; do
    mkdir -p "$root$(dirname "$path")"
    cp -a "$path" "$root$path"
    if [ -L "$path" ]; then
      local target; target=$(readlink "$path")
      case "$target" in /*) path=$target ;; *) path=$(dirname "$path")/$target ;; esac
    else
      path=
    fi
  done
}
find "$java_home" -type f \( -name '*.so' -o -perm -u+x \) -print0 | while IFS= read -r -d '' f; do
  ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true
done | grep -v "^$root/" | sort -u | while read -r lib; do copy "$lib"; done
for dir in lib lib64 bin; do   # merged-/usr hosts: /lib -> usr/lib
  if [ -L "/$dir" ] && [ ! -e "$root/$dir" ]; then ln -s "$(readlink "/$dir")" "$root/$dir"; fi
done
mkdir -p "$root/etc" "$root/tmp" "$root/usr/bin"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
tar -C "$root" --numeric-owner -c . | docker import \
  --change "ENV JAVA_HOME=/opt/java/openjdk" \
  --change "ENV JAVA_VERSION=jdk-$version" \
  --change "ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin" \
  --change "ENV LANG=C.UTF-8" \
  --message "jlinked $version from $jdk and its shared libraries" - "$image" >/dev/null
echo "built $image: Java $version from $jdk, $(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
