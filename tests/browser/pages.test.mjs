// Pages of the built shipped catalogue in headless Chromium: phone and desktop, with and
// without JavaScript, accessibility (axe-core), console errors, horizontal scrolling.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, axe } from "./harness.mjs";

const ROOT = process.env.MOTCUA_SITE_ROOT;
const PAGES = [
  "/", "/thu-tuc/1.004222/", "/thu-tuc/1.004222/giay-to.html", "/thu-tuc/1.001193/", "/thu-tuc/2.000200/",
  "/linh-vuc/", "/linh-vuc/ho-tich/", "/cap/xa/", "/co-quan/", "/co-quan/cong-an-cap-xa/",
  "/van-ban/", "/van-ban/68-2020-qh14/", "/su-kien/", "/a-z/", "/tim-kiem/", "/huong-dan/", "/xa-phuong/", "/co-quan/trung-tam-pvhcc-ha-tinh/", "/khong-co-trang-nay/",
];
let server, browser;

before(async () => {
  assert.ok(ROOT, "MOTCUA_SITE_ROOT must point at a built site (run tests/browser/run)");
  server = await serve(ROOT);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

for (const [label, width, height] of [["phone", 375, 740], ["desktop", 1280, 900]]) {
  test(`every page type is accessible and error-free on ${label}`, async () => {
    const { page, context, errors } = await openPage(browser, { width, height });
    for (const p of PAGES) {
      const before = errors.length;
      const resp = await page.goto(server.url + p);
      // The 404 page's own status is expected; nothing else may fail.
      if (p.startsWith("/khong-co")) errors.splice(before, errors.length - before, ...errors.slice(before).filter((e) => !e.includes("status of 404")));
      assert.equal(resp.status(), p.startsWith("/khong-co") ? 404 : 200, `status of ${p}`);
      assert.equal(await page.getAttribute("html", "lang"), "vi", `lang on ${p}`);
      assert.ok((await page.title()).length > 0, `title on ${p}`);
      assert.ok(await page.$("meta[name=viewport]"), `viewport on ${p}`);
      assert.ok(await page.$("meta[name=description]"), `description on ${p}`);
      const violations = await axe(page);
      assert.deepEqual(violations, [], `axe violations on ${p} (${label}): ${JSON.stringify(violations, null, 1)}`);
      if (width <= 375) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${p} scrolls horizontally by ${overflow}px at ${width}px`);
      }
    }
    assert.deepEqual(errors, [], "console errors");
    await context.close();
  });
}

test("procedure page is complete without JavaScript", async () => {
  const { page, context, errors } = await openPage(browser, { width: 375, javaScriptEnabled: false });
  await page.goto(server.url + "/thu-tuc/1.004222/");
  const text = await page.textContent("main");
  for (const needle of ["Giấy tờ cần mang", "Cách nộp, thời hạn và phí, lệ phí", "20.000 đồng", "Căn cứ pháp lý", "Quyền của bạn", "Nơi nộp hồ sơ", "Kiểm tra lần cuối"]) {
    assert.ok(text.includes(needle), `missing "${needle}"`);
  }
  const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
  assert.equal(ld["@type"], "GovernmentService");
  assert.equal(ld.identifier, "1.004222");
  // The search form still leads somewhere useful without JavaScript.
  await page.goto(server.url + "/");
  const action = await page.getAttribute("form[role=search]", "action");
  assert.equal(action, "./tim-kiem/");
  await page.goto(new URL(action, page.url()).href);
  assert.ok((await page.textContent("main")).includes("A–Z"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("abolished procedure says so and links to the sector", async () => {
  const { page, context } = await openPage(browser);
  await page.goto(server.url + "/thu-tuc/2.000200/");
  assert.ok((await page.textContent(".banner.abolished")).includes("đã bị bãi bỏ"));
  await context.close();
});

test("the communes page finds a commune by its old name, with or without diacritics", async () => {
  const { page, context, errors } = await openPage(browser, { width: 375 });
  await page.goto(server.url + "/xa-phuong/");
  const visible = () => page.$$eval("ul.units > li", (lis) => lis.filter((li) => !li.hidden).map((li) => li.id));
  assert.equal((await visible()).length, 69);
  for (const [q, want] of [["ky dong", ["xa-ky-anh"]], ["Thị trấn Nghèn", ["xa-can-loc"]], ["dai nai", ["phuong-ha-huy-tap", "phuong-thanh-sen"]]]) {
    await page.fill("#unit-q", q);
    assert.deepEqual(await visible(), want, q);
    assert.equal(await page.textContent(".unit-status"), `${want.length} đơn vị phù hợp`);
  }
  await page.fill("#unit-q", "");
  assert.equal((await visible()).length, 69);
  assert.deepEqual(errors, []);
  await context.close();
});
