// Search in the real built site: typing queries (with and without diacritics) shows the right
// procedure first, at the root and under a sub-path, with no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage } from "./harness.mjs";

let root, sub, browser;
before(async () => {
  root = await serve(process.env.MOTCUA_SITE_ROOT);
  sub = await serve(process.env.MOTCUA_SITE_SUB);
  browser = await launch();
});
after(async () => { await browser?.close(); await root?.close(); await sub?.close(); });

const QUERIES = [
  ["lam ho chieu", "hộ chiếu"],
  ["dang ky khai sinh", "khai sinh"],
  ["đăng kí kết hôn", "kết hôn"],
  ["nhap ho khau", "thường trú"],
  ["1.001193", "khai sinh"],
];

async function expectFirst(page, q, want) {
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

for (const [label, getServer, home] of [["root", () => root, "/"], ["sub-path", () => sub, "/thu-tuc/"]]) {
  test(`typing in the home search box finds the procedure (${label})`, async () => {
    const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
    await page.goto(getServer().url + home);
    for (const [q, want] of QUERIES) {
      await expectFirst(page, q, want);
    }
    // Keyboard: arrow down then Enter opens the first result.
    await page.locator("form[data-search] input[name=q]").first().press("ArrowDown");
    await Promise.all([page.waitForNavigation(), page.locator("form[data-search] input[name=q]").first().press("Enter")]);
    assert.ok(page.url().includes(home + "thu-tuc/"), page.url());
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("a query with no match shows a helpful empty state", async () => {
  const { page, context, errors } = await openPage(browser);
  await page.goto(root.url + "/");
  const input = page.locator("form[data-search] input[name=q]").first();
  await input.type("xyzzy qwertz");
  const status = page.locator(".search-status").first();
  await page.waitForFunction(() => (document.querySelector(".search-status")?.textContent || "").includes("Không tìm thấy"));
  assert.ok(await status.locator("a").count() > 0, "links to the sector list");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the search page runs the query from the URL (form submitted without the box enhanced)", async () => {
  const { page, context, errors } = await openPage(browser);
  await page.goto(root.url + "/tim-kiem/?q=ly+lich+tu+phap");
  const first = page.locator(".search-results [role=option] a").first();
  await first.waitFor({ timeout: 10000 });
  assert.ok((await first.textContent()).includes("lý lịch tư pháp"));
  assert.deepEqual(errors, []);
  await context.close();
});
