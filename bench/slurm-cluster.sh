#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for `grader class slurm` and SlurmClusterTest. As root on Debian:
#   start   installs slurm-wlm and munge if missing (apt-get), makes a munge key, starts munged (unless one answers
#           already), writes /etc/slurm/slurm.conf for ONE node (this hostname, its CPUs, select/cons_tres, CR_Core,
#           proctrack/linuxproc, task/none, SlurmUser root), starts `slurmctld -D` and `slurmd -D` in the background
#           and waits until `sinfo` shows the node idle. State, spool, logs and pid files are under $STATE_DIR.
#   stop    kills exactly the daemons start started (their pid files), removes the slurm.conf it wrote and $STATE_DIR.
#   status  says what runs, and `sinfo`; exits 0 only when the cluster can take jobs (all three daemons up, sinfo
#           answers), 3 otherwise.
# The sbatch, squeue, sinfo and scancel of this machine then talk to that cluster, as on a real login node.
# Environment: INTERLEAVE_SLURM_DIR (default /tmp/interleave-slurm) is $STATE_DIR; INTERLEAVE_SLURM_CPUS (default: the
# CPUs here, `nproc`) is the node's CPUs.
# Exit codes: 0 done; 2 wrong usage; 3 (status) the cluster is not up; 4 cannot run here (not root, no apt-get, a daemon did not come up: the message says
# which log to read).
set -uo pipefail
STATE_DIR=${INTERLEAVE_SLURM_DIR:-/tmp/interleave-slurm}
CONF=/etc/slurm/slurm.conf
MARK="# written by interleave bench/slurm-cluster.sh"
say() { echo "slurm-cluster: $*"; }
fail() { echo "slurm-cluster: $*" >&2; exit 4; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

munge_answers() { command -v munge >/dev/null && command -v unmunge >/dev/null && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

install_missing() {
  local need=()
  command -v slurmctld >/dev/null 2>&1 || need+=(slurm-wlm)
  command -v munged >/dev/null 2>&1 || need+=(munge)
  [ ${#need[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || fail "needs ${need[*]} and there is no apt-get here; install Slurm (slurmctld, slurmd, sbatch) and munge yourself"
  say "installing ${need[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$STATE_DIR/apt.log" 2>&1 || fail "apt-get update failed; see $STATE_DIR/apt.log"
  apt-get install -y -qq "${need[@]}" >>"$STATE_DIR/apt.log" 2>&1 || fail "apt-get install ${need[*]} failed; see $STATE_DIR/apt.log"
}

start() {
  [ "$(id -u)" -eq 0 ] || fail "must run as root (it installs packages, writes $CONF and runs slurmd as root); run: sudo $0 start"
  if alive "$STATE_DIR/slurmctld.pid" && alive "$STATE_DIR/slurmd.pid"; then
    say "already running (state in $STATE_DIR); '$0 stop' first to start afresh"
    return 0
  fi
  if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    fail "$CONF exists and was not written by this script: this machine has a Slurm of its own; use it, or move that file away"
  fi
  mkdir -p "$STATE_DIR"
  install_missing
  local host cpus mem
  host=$(hostname -s)
  cpus=${INTERLEAVE_SLURM_CPUS:-$(nproc)}
  mem=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 - 512 ))
  mkdir -p "$STATE_DIR/state" "$STATE_DIR/spool" "$STATE_DIR/munge"

  if munge_answers; then
    say "munged answers already; using it (stop will leave it running)"
  else
    if [ ! -s /etc/munge/munge.key ]; then
      mkdir -p /etc/munge
      if command -v mungekey >/dev/null 2>&1; then mungekey --create --keyfile /etc/munge/munge.key --force >/dev/null
      else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; fi
      touch "$STATE_DIR/munge/key-made-here"
    fi
    chmod 0400 /etc/munge/munge.key
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    munged --force --key-file /etc/munge/munge.key --pid-file "$STATE_DIR/munged.pid" --socket /run/munge/munge.socket.2 \
      --log-file "$STATE_DIR/munged.log" --seed-file "$STATE_DIR/munge/seed" \
      || fail "munged did not start; see $STATE_DIR/munged.log"
    for _ in $(seq 20); do munge_answers && break; sleep 0.5; done
    munge_answers || fail "munged started but does not answer (munge -n | unmunge); see $STATE_DIR/munged.log"
    say "munged started (pid $(cat "$STATE_DIR/munged.pid"))"
  fi

  mkdir -p "$(dirname "$CONF")"
  cat >"$CONF" <<EOF
$MARK; '$0 stop' removes it
ClusterName=interleave
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$STATE_DIR/state
SlurmdSpoolDir=$STATE_DIR/spool
SlurmctldPidFile=$STATE_DIR/slurmctld.pid
SlurmdPidFile=$STATE_DIR/slurmd.pid
SlurmctldLogFile=$STATE_DIR/slurmctld.log
SlurmdLogFile=$STATE_DIR/slurmd.log
MinJobAge=3600
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  # -D keeps each daemon in the foreground of its own background process, so the pid we record is the daemon's.
  nohup slurmctld -D -i >>"$STATE_DIR/slurmctld.out" 2>&1 &
  echo $! >"$STATE_DIR/slurmctld.pid"
  nohup slurmd -D >>"$STATE_DIR/slurmd.out" 2>&1 &
  echo $! >"$STATE_DIR/slurmd.pid"
  local state=
  for _ in $(seq 60); do
    alive "$STATE_DIR/slurmctld.pid" || fail "slurmctld exited; see $STATE_DIR/slurmctld.log and $STATE_DIR/slurmctld.out"
    alive "$STATE_DIR/slurmd.pid" || fail "slurmd exited; see $STATE_DIR/slurmd.log and $STATE_DIR/slurmd.out"
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null | head -1)
    [ "$state" = idle ] && break
    sleep 1
  done
  [ "$state" = idle ] || fail "the node $host is '${state:-not listed}' after 60 s, not idle; see $STATE_DIR/slurmd.log and $STATE_DIR/slurmctld.log"
  say "one node $host, $cpus CPUs, idle; partition main (state in $STATE_DIR)"
}

stop() {
  local name pid
  for name in slurmd slurmctld munged; do
    if alive "$STATE_DIR/$name.pid"; then
      pid=$(cat "$STATE_DIR/$name.pid")
      kill "$pid"
      for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "stopped $name (pid $pid)"
    fi
  done
  if [ -f "$CONF" ] && grep -qF "$MARK" "$CONF"; then rm -f "$CONF"; fi
  [ -f "$STATE_DIR/munge/key-made-here" ] && rm -f /etc/munge/munge.key
  rm -rf "$STATE_DIR"
  say "stopped; $STATE_DIR removed"
}

status() {
  local name running=0
  for name in munged slurmctld slurmd; do
    if alive "$STATE_DIR/$name.pid"; then say "$name runs (pid $(cat "$STATE_DIR/$name.pid"))"; running=$((running + 1))
    else say "$name: not started by this script"; fi
  done
  [ $running -gt 0 ] && sinfo 2>&1
  # exit 0 only when the cluster can take jobs: all three daemons of this script run and sinfo answers
  [ $running -eq 3 ] && sinfo >/dev/null 2>&1 && return 0
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
