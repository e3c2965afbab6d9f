// A `build --portable` output opened straight from disk (file://), as on a USB stick: pages are
// styled, every internal link names an existing file, the search box finds procedures with and
// without diacritics (the index loads as scripts: browsers refuse fetch() on file://), and
// nothing fails to load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage } from "./harness.mjs";

const DIR = process.env.MOTCUA_SITE_PORTABLE;
const root = pathToFileURL(DIR + "/").href;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("pages open from disk styled, and every internal link names a file", async () => {
  const { page, context, errors } = await openPage(browser);
  const seen = new Set();
  for (const start of ["index.html", "thu-tuc/1.001193/index.html", "a-z/index.html", "co-quan/index.html",
    "thu-tuc/1.001193/giay-to.html", "du-lieu/index.html", "linh-vuc/index.html"]) {
    const resp = await page.goto(root + start);
    assert.ok(resp === null || resp.ok(), start);
    // The stylesheet applied: the header has the theme's brand colour, not the default.
    const bg = await page.$eval(".site-header", (e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, "rgb(11, 79, 138)", `unstyled ${start}`);
    const urls = await page.$$eval("a[href], link[href], script[src], form[action]",
      (els) => els.map((e) => e.href || e.src || e.action));
    for (const u of urls) {
      const url = new URL(u);
      if (url.protocol !== "file:") continue;
      const file = decodeURIComponent(url.pathname);
      assert.ok(file.startsWith(DIR), `link leaves the site: ${u} on ${start}`);
      if (seen.has(file)) continue;
      seen.add(file);
      assert.ok(fs.existsSync(file) && fs.statSync(file).isFile(), `not a file: ${path.relative(DIR, file)} on ${start}`);
    }
  }
  assert.ok(seen.size > 50, `checked ${seen.size} links`);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [query, expect] of [["lam ho chieu", "hộ chiếu"], ["đăng ký khai sinh", "khai sinh"], ["dang ky khai sinh", "khai sinh"]]) {
  test(`search from disk finds "${query}" and its result opens`, async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto(root + "index.html");
    const input = page.locator("form[data-search] input[name=q]").first();
    await input.type(query, { delay: 10 });
    await page.waitForFunction((want) => {
      const a = document.querySelector(".search-results [role=option] a");
      return a && a.textContent.toLowerCase().includes(want);
    }, expect, { timeout: 8000 });
    const href = await page.locator(".search-results [role=option] a").first().evaluate((a) => a.href);
    assert.ok(href.startsWith(root + "thu-tuc/") && href.endsWith("/index.html"), href);
    await page.locator(".search-results [role=option] a").first().click();
    await page.waitForURL(href);
    assert.ok(await page.locator("h1").first().textContent());
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the search page opened with ?q= from disk shows results", async () => {
  const { page, context, errors } = await openPage(browser);
  await page.goto(root + "tim-kiem/index.html?q=ho%20chieu");
  await page.waitForSelector(".search-results [role=option] a", { timeout: 8000 });
  assert.deepEqual(errors, []);
  await context.close();
});
