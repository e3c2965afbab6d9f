// Plan the visit (issue 14): a procedure page counts the due date again for a day the visitor
// picks, with the JS twin of src/deadline.rs, and shows what the Rust command computes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage } from "./harness.mjs";

let server, browser;
before(async () => { server = await serve(process.env.MOTCUA_SITE_ROOT); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

function rustDue(code, channel, from) {
  const out = execFileSync(process.env.MOTCUA_BIN, ["deadline", "--code", code, "--channel", channel, "--from", from, "--format", "json", "--catalogue", "catalogue"], { encoding: "utf8" });
  return JSON.parse(out).results[0].due.due;
}

test("picking a filing day shows the due date the Rust rule computes", async () => {
  const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
  await page.goto(server.url + "/thu-tuc/1.004222/");
  const box = page.locator(".due-try");
  await box.waitFor({ state: "visible", timeout: 8000 });
  // Wednesday 29/4/2026: 30/4 and 1/5 are holidays, then a weekend.
  await box.locator("input[type=date]").fill("2026-04-29");
  await box.locator("input[type=date]").dispatchEvent("change");
  const shown = await page.locator(".due[data-unit]").first().textContent();
  const due = rustDue("1.004222", "in_person", "2026-04-29 08:00");
  const [y, m, d] = due.split("-");
  assert.ok(shown.includes("29/04/2026"), shown);
  assert.ok(shown.includes(`${d}/${m}/${y}`), `page: ${shown}; Rust: ${due}`);
  assert.deepEqual(errors, []);
  await context.close();
});
