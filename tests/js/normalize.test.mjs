// Checks the JS twin of the normalizer against the shared vectors, and the JS scorer
// against the committed fixture index and the rankings the Rust scorer produced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isAbsolute, resolve } from "node:path";
import vm from "node:vm";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (p) => readFileSync(isAbsolute(p) ? p : root + p, "utf8");
const ctx = {};
vm.runInNewContext(read("themes/default/static/js/search.js"), ctx);
const S = ctx.MotcuaSearch;

const rows = (p) =>
  read(p)
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));

test("normalizer matches every shared vector", () => {
  const vectors = rows("tests/fixtures/search/vectors.tsv");
  assert.ok(vectors.length >= 300, `only ${vectors.length} vectors`);
  for (const [input, folded, accented, terms] of vectors) {
    const toks = S.tokens(input);
    const got = [
      toks.map((t) => t.folded).join(" "),
      toks.map((t) => t.accented).join(" "),
      S.termsOf(toks, true).join(" "),
    ];
    assert.deepEqual(got, [folded, accented, terms], JSON.stringify(input));
  }
});

test("fold maps đ and marks", () => {
  assert.equal(S.fold("ĐĂNG KÝ Ðà Nẵng"), "dang ky da nang");
});

test("query terms: prefix keeps the typed spelling, fillers are optional", () => {
  const q = S.queryTerms("làm đăng ki", true);
  assert.deepEqual(JSON.parse(JSON.stringify(q.words.map((w) => [w.folded, w.optional, w.prefixes]))), [
    ["lam", true, []],
    ["dang", false, []],
    ["ky", false, ["ky", "ki"]],
  ]);
  assert.equal(S.queryTerms("đăng ki ", true).words[1].prefixes.length, 0);
});

test("one edit", () => {
  for (const [a, b, ok] of [["chiue", "chieu", true], ["chiu", "chieu", true], ["chxxu", "chieu", false]])
    assert.equal(S.withinOneEdit(a, b), ok);
});

async function checkRankings(site, rankingsFile) {
  const ix = new S.Index(site, async (p) => JSON.parse(readFileSync(p, "utf8")));
  await ix.open();
  const expected = rows(rankingsFile);
  assert.ok(expected.length >= 10);
  for (const [q, prefix, ids] of expected) {
    const ranked = await ix.rank(q, prefix === "prefix");
    const got = [];
    for (const [d] of ranked.slice(0, 5)) got.push((await ix.record(d))[0]);
    assert.equal(got.join(" "), ids, `query ${JSON.stringify(q)} (${prefix})`);
  }
}

test("JS scorer ranks the fixture index exactly like the Rust scorer", () =>
  checkRankings(root + "tests/fixtures/search/site/", "tests/fixtures/search/rankings.tsv"));

// A large index built by `cargo test --lib measure_10k -- --ignored` (optional).
const big = process.env.MOTCUA_SEARCH_INDEX && resolve(process.env.MOTCUA_SEARCH_INDEX) + "/";
test("JS scorer matches the Rust scorer on a large index", { skip: !big }, () =>
  checkRankings(big, big + "rankings.tsv"));
