#!/usr/bin/env bash
# PROJECT_CMD for ../shared/bench/run_peers.sh: build the neutral corpus with motcua.
#   motcua-build.sh CORPUS_CATALOGUE OUT
# The neutral corpus is converted once into motcua's catalogue format (cached beside it, and
# redone when the corpus changes); the timed part is `motcua build` itself, which validates,
# renders every page, writes the search index and the feeds.
# MOTCUA_LEAN=1 builds the same corpus with `publish:` turning off the per-procedure copies a
# national portal may not need (checklists, JSON records, embeds): the site, its search
# index, feeds and bulk open data only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${MOTCUA_BIN:-$here/../target/release/motcua}"
conv="${MOTCUA_CONVERT:-$here/../target/release/examples/convert_bench_corpus}"
corpus="$(cd "$1/.." && pwd)"
out="$2"
converted="$corpus/motcua-catalogue"
[ "${MOTCUA_LEAN:-0}" = 1 ] && converted="$corpus/motcua-catalogue-lean"
stamp="$(find "$corpus/catalogue" -type f | wc -l)-$(stat -c %Y "$corpus/catalogue")"
if [ ! -f "$converted/.stamp" ] || [ "$(cat "$converted/.stamp")" != "$stamp" ]; then
  rm -rf "$converted"
  "$conv" "$corpus" "$converted" >/dev/null
  if [ "${MOTCUA_LEAN:-0}" = 1 ]; then
    printf 'publish:\n  checklists: false\n  records: false\n  embeds: false\n' >> "$converted/site.yaml"
  fi
  echo "$stamp" > "$converted/.stamp"
fi
exec "$bin" build "$converted" -o "$out" --format short 2>/dev/null
