// Checks the JS twin of the due-date rule against the vectors the Rust rule is checked
// against (tests/integration/deadline.rs), on the same calendar exported as JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (p) => readFileSync(root + p, "utf8");
const ctx = {};
vm.runInNewContext(read("themes/default/static/js/deadline.js"), ctx);
const D = ctx.MotcuaDeadline;
const cal = JSON.parse(read("tests/fixtures/deadline/calendar.json"));

const rows = read("tests/fixtures/deadline/vectors.tsv")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t"));

const opt = (s) => (s === "-" ? null : s);

test("JS rule matches every shared vector", () => {
  assert.ok(rows.length >= 40, `only ${rows.length} vectors`);
  for (const r of rows) {
    const [name, filed, unit, value, cutoff, office] = r;
    const limit = {
      unit,
      value: opt(value) === null ? null : Number(value),
      cutoff_hour: opt(cutoff) === null ? null : Number(cutoff),
    };
    let got;
    try {
      const d = D.due(cal, opt(office), limit, filed);
      got =
        d === null
          ? ["-", "-", "none", "-"]
          : [
              d.received_as,
              d.receipt,
              d.due_time ? `${d.due} ${d.due_time}` : d.due,
              d.skipped.length ? d.skipped.map((s) => `${s.date}:${s.kind}`).join(",") : "-",
            ];
    } catch (e) {
      if (e.name !== "OutsideCalendar") throw e;
      got = ["-", "-", "error:outside", "-"];
    }
    assert.deepEqual(got, r.slice(6, 10), name);
  }
});

test("skipped days carry their names", () => {
  const d = D.due(cal, null, { unit: "working_days", value: 1, cutoff_hour: null }, "2026-04-29 10:00");
  assert.equal(d.due, "2026-05-04");
  // Joined: arrays made inside the vm context are not deep-equal to this realm's arrays.
  assert.equal(d.skipped.map((s) => s.name).join("|"), "Ngày Chiến thắng|Ngày Quốc tế lao động|thứ Bảy|Chủ nhật");
  assert.equal(D.dayVn("2026-04-29"), "thứ Tư, 29/04/2026");
});
