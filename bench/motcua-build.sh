#!/usr/bin/env bash
# PROJECT_CMD for ../shared/bench/run_peers.sh: build the neutral corpus with motcua.
#   motcua-build.sh CORPUS_CATALOGUE OUT
# The neutral corpus is converted once into motcua's catalogue format (cached beside it, and
# redone when the corpus changes); the timed part is `motcua build` itself, which validates,
# renders every page, writes the search index and the feeds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${MOTCUA_BIN:-$here/../target/release/motcua}"
conv="${MOTCUA_CONVERT:-$here/../target/release/examples/convert_bench_corpus}"
corpus="$(cd "$1/.." && pwd)"
out="$2"
converted="$corpus/motcua-catalogue"
stamp="$(find "$corpus/catalogue" -type f | wc -l)-$(stat -c %Y "$corpus/catalogue")"
if [ ! -f "$converted/.stamp" ] || [ "$(cat "$converted/.stamp")" != "$stamp" ]; then
  rm -rf "$converted"
  "$conv" "$corpus" "$converted" >/dev/null
  echo "$stamp" > "$converted/.stamp"
fi
exec "$bin" build "$converted" -o "$out" --format short 2>/dev/null
