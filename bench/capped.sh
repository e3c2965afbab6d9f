#!/usr/bin/env bash
# `motcua build` under a hard memory limit, the way a national portal's build machine would
# run it: a memory cgroup (v2 `memory.max`, or v1 `memory.limit_in_bytes`), swap off for it.
#   bench/capped.sh LIMIT CATALOGUE OUT      e.g. bench/capped.sh 2G /tmp/b/n200000/motcua-catalogue /tmp/out
# Prints the exit status, wall and CPU time, the process's own peak RSS and the cgroup's peak
# (which also counts page cache). Put OUT on a disk, not tmpfs: tmpfs pages are charged to the
# cgroup and cannot be reclaimed, so the output itself would count against the limit.
# Needs root (it creates a cgroup).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 LIMIT CATALOGUE OUT" >&2; exit 2; }
limit="$1" cat="$2" out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
bin="${MOTCUA_BIN:-$here/../target/release/motcua}"
bytes="$(numfmt --from=iec "$limit")"
name="motcua-capped-$$"
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  cg="/sys/fs/cgroup/$name"
  mkdir "$cg"
  echo "$bytes" > "$cg/memory.max"
  echo 0 > "$cg/memory.swap.max" 2>/dev/null || true
  peak_file="$cg/memory.peak"
else
  cg="/sys/fs/cgroup/memory/$name"
  mkdir "$cg"
  echo "$bytes" > "$cg/memory.limit_in_bytes"
  echo "$bytes" > "$cg/memory.memsw.limit_in_bytes" 2>/dev/null || true
  peak_file="$cg/memory.max_usage_in_bytes"
fi
trap 'rmdir "$cg" 2>/dev/null || true' EXIT
rm -rf "$out"
set +e
sh -c "echo \$\$ > '$cg/cgroup.procs'; exec /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KiB peak RSS' '$bin' build '$cat' -o '$out' -v"
status=$?
set -e
echo "exit status $status (137 = killed by the memory limit)"
[ -f "$peak_file" ] && echo "cgroup peak $(numfmt --to=iec "$(cat "$peak_file")") (limit $limit)"
exit 0
