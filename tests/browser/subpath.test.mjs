// The site hosted under a sub-path: every internal link on the main page types resolves,
// both for a site built for that path and for a site built for `/` and copied under another
// path with no rebuild (links are relative to the page).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage } from "./harness.mjs";

const SUB = process.env.MOTCUA_SITE_SUB;
const MOVED = process.env.MOTCUA_SITE_MOVED;
let server, moved, browser;
before(async () => { server = await serve(SUB); moved = await serve(MOVED); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); await moved?.close(); });

async function checkLinks(getServer, prefix) {
  const { page, context, errors } = await openPage(browser);
  const seen = new Set();
  for (const start of ["", "thu-tuc/1.001193/", "a-z/", "co-quan/", "thu-tuc/1.001193/giay-to.html"]) {
    const resp = await page.goto(getServer().url + prefix + start);
    assert.equal(resp.status(), 200, start);
    const hrefs = await page.$$eval("a[href], link[href], script[src]", (els) => els.map((e) => e.href || e.src));
    for (const h of hrefs) {
      const u = new URL(h);
      if (u.origin !== getServer().url) continue;
      assert.ok(u.pathname.startsWith(prefix), `link escapes ${prefix}: ${h} on ${start}`);
      const target = u.pathname;
      if (seen.has(target)) continue;
      seen.add(target);
      const r = await page.request.get(getServer().url + target);
      assert.equal(r.status(), 200, `broken link ${target} on ${start}`);
    }
  }
  assert.ok(seen.size > 50, `checked ${seen.size} links`);
  assert.deepEqual(errors, []);
  await context.close();
}

test("internal links resolve under /thu-tuc/", () => checkLinks(() => server, "/thu-tuc/"));

test("a site built for / works copied under /cong/tthc/ with no rebuild", async () => {
  await checkLinks(() => moved, "/cong/tthc/");
  const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
  await page.goto(moved.url + "/cong/tthc/");
  const input = page.locator("form[data-search] input[name=q]").first();
  await input.type("lam ho chieu", { delay: 20 });
  await page.waitForFunction(() => {
    const a = document.querySelector(".search-results [role=option] a");
    return a && a.textContent.toLowerCase().includes("hộ chiếu");
  }, null, { timeout: 8000 });
  const href = await page.locator(".search-results [role=option] a").first().evaluate((a) => a.href);
  assert.ok(href.startsWith(moved.url + "/cong/tthc/thu-tuc/"), href);
  assert.deepEqual(errors, []);
  await context.close();
});
