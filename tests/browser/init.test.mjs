// A catalogue made by `motcua init` in a folder outside this repository and built with no
// argument from inside it (see ./run): its pages are styled and its search box finds the
// sample procedures. Regression: the built-in theme once lacked the search files, so such a
// site had `<script src="">` and no search.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage } from "./harness.mjs";

let site, browser;
before(async () => {
  site = await serve(process.env.MOTCUA_SITE_INIT);
  browser = await launch();
});
after(async () => { await browser?.close(); await site?.close(); });

test("an init catalogue's site is styled and its search finds the sample procedures", async () => {
  const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
  await page.goto(site.url + "/");
  const background = await page.evaluate(() => getComputedStyle(document.querySelector("header") ?? document.body).getPropertyValue("--brand") || getComputedStyle(document.documentElement).getPropertyValue("--brand"));
  assert.ok(background.trim().length > 0, "the theme stylesheet is applied");
  for (const [q, want] of [["dang ky khai sinh", "khai sinh"], ["nhap ho khau", "thường trú"], ["chung thuc ban sao", "chứng thực"]]) {
    const input = page.locator("form[data-search] input[name=q]").first();
    await input.fill("");
    await input.type(q, { delay: 20 });
    try {
      await page.waitForFunction((w) => {
        const a = document.querySelector(".search-results [role=option] a");
        return a && a.textContent.toLowerCase().includes(w);
      }, want, { timeout: 8000 });
    } catch {
      const got = await page.locator(".search-results [role=option] a").first().textContent().catch(() => "(none)");
      assert.fail(`"${q}": first result "${got}" lacks "${want}"`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});
