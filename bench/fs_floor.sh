#!/usr/bin/env bash
# The filesystem's share of a whole build, with no generator at all: delete the previous tree,
# then create N directories with K files of 15 KB each, as the peer benchmark does to every
# tool (its hyperfine `--prepare` removes the output before each timed run).
#   bench/fs_floor.sh [N=10000] [RUNS=3]         (WORK=/dev/shm/x to compare with tmpfs)
# K=1 is the least any site with a page per procedure at a pretty URL writes (Hugo writes
# about that); K=3 is motcua's page, printable checklist and JSON record per procedure.
# On ext4 without a journal, each new inode steps over every inode freed in the last
# 60-360 s (recently_deleted() in find_inode_bit), so the time grows with created x freed.
set -euo pipefail
n="${1:-10000}"
runs="${2:-3}"
work="${WORK:-/tmp/ssg-bench}/fs-floor"
mkdir -p "$work"
cat > "$work/make_tree.py" <<'EOF'
import os, sys
out, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = b"x" * 15000
os.makedirs(out)
for i in range(n):
    d = f"{out}/p{i:06d}"
    os.mkdir(d)
    for j in range(k):
        with open(f"{d}/f{j}.html", "wb") as f:
            f.write(data)
EOF
fs="$(stat -f -c %T "$work")"
echo "N=$n, $runs runs per K, $work ($fs)"
printf '%-4s %-6s %8s %8s %8s\n' K run wall user sys
for k in 1 3; do
  # A first tree to delete, as the benchmark's warm-up run leaves one.
  rm -rf "$work/out" && python3 "$work/make_tree.py" "$work/out" "$n" "$k"
  for r in $(seq 1 "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %S" -o "$work/time" python3 "$work/make_tree.py" "$work/out" "$n" "$k"
    read -r wall user sys < "$work/time"
    printf '%-4s %-6s %7ss %7ss %7ss\n' "$k" "$r" "$wall" "$user" "$sys"
  done
done
rm -rf "$work/out"
