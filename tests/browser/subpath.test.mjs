// The site hosted under a sub-path: every internal link on the main page types resolves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage } from "./harness.mjs";

const SUB = process.env.MOTCUA_SITE_SUB;
let server, browser;
before(async () => { server = await serve(SUB); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("internal links resolve under /thu-tuc/", async () => {
  const { page, context, errors } = await openPage(browser);
  const seen = new Set();
  for (const start of ["/thu-tuc/", "/thu-tuc/thu-tuc/1.001193/", "/thu-tuc/a-z/", "/thu-tuc/co-quan/"]) {
    const resp = await page.goto(server.url + start);
    assert.equal(resp.status(), 200, start);
    const hrefs = await page.$$eval("a[href], link[href], script[src]", (els) => els.map((e) => e.getAttribute("href") || e.getAttribute("src")));
    for (const h of hrefs) {
      if (!h.startsWith("/") || h.startsWith("//")) continue;
      assert.ok(h.startsWith("/thu-tuc/"), `link escapes the sub-path: ${h} on ${start}`);
      const target = h.split("#")[0];
      if (seen.has(target)) continue;
      seen.add(target);
      const r = await page.request.get(server.url + target);
      assert.equal(r.status(), 200, `broken link ${target} on ${start}`);
    }
  }
  assert.ok(seen.size > 50, `checked ${seen.size} links`);
  assert.deepEqual(errors, []);
  await context.close();
});
