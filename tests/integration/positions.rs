//! Where diagnostics point and what they say. Legal staff jump to `file:line:col`, so the
//! column must land on the thing the message talks about, and the hint must be Vietnamese and
//! true.

use crate::support::Fixture;

const CT: &str = "procedures/chung-thuc/2.000815.yaml";

#[test]
fn values_and_keys_are_located_exactly() {
    // (description, patch from, patch to, expected line prefix)
    let table: &[(&str, &str, &str, &str)] = &[
        (
            "enum value in a flow list",
            "levels: [commune]",
            "levels: [xa]",
            "5:10: error[bad-value]",
        ),
        (
            "unknown key at column 1",
            "summary:",
            "alrt: \"x\"\nsummary:",
            "3:1: error[unknown-key]",
        ),
        (
            "scalar value",
            "amount: 2000",
            "amount: -1",
            "21:17: error[negative-amount]",
        ),
        (
            "reference in a flow mapping",
            "  - {document: \"23/2015/NĐ-CP\"}",
            "  - {document: \"23/2015/ND-CP\"}",
            "38:16: error[dangling-reference]",
        ),
        (
            "date value",
            "signed: \"2020-06-01\"",
            "signed: \"2020-6-1\"",
            "41:11: error[bad-date]",
        ),
    ];
    assert_each_patch_gives_one_diagnostic(table);
}

// Regression test: a block mapping's span used to come from yaml-rust2's MappingStart marker,
// which sits at the first `:`, so whole-mapping problems pointed just after the first key
// (a missing top-level key at 1:5, an ungrounded fee `      - kind: fee` at col 13).
#[test]
fn whole_mapping_problems_point_at_the_mapping_start() {
    let table: &[(&str, &str, &str, &str)] = &[
        (
            "missing top-level key",
            "name: \"Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản\"\n",
            "",
            "1:1: error[missing-key]",
        ),
        (
            "ungrounded fee",
            "        per: \"trang\"\n        legal_basis: [{document: \"23/2015/NĐ-CP\"}]\n",
            "        per: \"trang\"\n",
            "19:9: error[ungrounded]",
        ),
    ];
    assert_each_patch_gives_one_diagnostic(table);
}

// Regression test: the missing-key hint used the description of the field's resolved *type*,
// i.e. its English Rust doc comment ("What the applicant receives."), instead of the
// field's Vietnamese description ("Kết quả thực hiện.").
#[test]
fn missing_key_hint_uses_the_vietnamese_field_description() {
    for (key, want) in [
        ("result", "Kết quả thực hiện."),
        ("version", "Phiên bản: quyết định công bố"),
    ] {
        let text = without_block(&Fixture::base().read(CT), key);
        let run = Fixture::base().write(CT, text).check(&[]);
        let line = run
            .lines()
            .into_iter()
            .find(|l| l.contains("missing-key"))
            .unwrap();
        assert!(line.contains(want), "{key}: {line}");
    }
}

/// `text` without the top-level `key:` line and the indented lines under it.
fn without_block(text: &str, key: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&format!("{key}:")) {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    assert_ne!(out, text, "no `{key}:` block");
    out
}

#[test]
fn out_of_range_and_odd_scalars_are_reported_in_place() {
    // (description, patch from, patch to, expected line prefix)
    let table: &[(&str, &str, &str, &str)] = &[
        (
            "negative count",
            "copies: 1",
            "copies: -1",
            "30:17: error[out-of-range]",
        ),
        (
            "cutoff hour 24",
            "      - unit: immediate\n        unverified: true",
            "      - {unit: immediate, cutoff_hour: 24, unverified: true}",
            "16:40: error[out-of-range]",
        ),
        (
            "empty levels",
            "levels: [commune]",
            "levels: []",
            "5:1: error[empty-list]",
        ),
        (
            "explicit int tag on code",
            "code: \"2.000815\"",
            "code: !!int 2",
            "1:13: error[wrong-type]",
        ),
        (
            "complex key",
            "summary:",
            "? [a, b]\n: x\nsummary:",
            "3:3: error[yaml-syntax]",
        ),
        (
            "merge key is not supported",
            "summary:",
            "<<: {name: x}\nsummary:",
            "3:1: error[unknown-key]",
        ),
    ];
    assert_each_patch_gives_one_diagnostic(table);
}

// Regression test for a fixed bug (src/catalogue/schema.rs, `check_alternatives` + `describe`/`description`): `amount` is
// `Amount` = untagged { Vnd(i64), Word(free) }. A fractional or quoted amount is reported as
// if `free` were the only valid value, with the English doc comment of `AmountWord` as hint:
//   `amount: 2000.5` -> "`amount` phải là một trong các giá trị `free`, nhưng đang là số
//                        2000.5 (The only word an amount may be.)"
//   `amount: "2000"` -> "giá trị `2000` không hợp lệ cho `amount` (các giá trị hợp lệ: `free`)"
// The message should say "số nguyên (đồng) hoặc `free`" and, for the quoted number, suggest
// removing the quotes. The English hint comes from the definitions' doc comments (same root
// cause as `missing_key_hint_uses_the_vietnamese_field_description`).
#[test]

fn amount_messages_offer_whole_numbers_and_are_vietnamese() {
    for bad in ["2000.5", "\"2000\""] {
        let run = Fixture::base()
            .patch(CT, "amount: 2000", &format!("amount: {bad}"))
            .check(&[]);
        let lines = run.lines();
        assert_eq!(lines.len(), 1, "{run}");
        let line = &lines[0];
        assert!(!line.contains("The only word"), "English hint: {line}");
        assert!(
            line.contains("số nguyên"),
            "whole numbers not offered: {line}"
        );
    }
}

/// Applies each `(what, from, to, want)` patch to the base catalogue's chứng thực record alone
/// and asserts `check` fails cleanly with exactly one error, at `want` (`line:col: error[code]`).
fn assert_each_patch_gives_one_diagnostic(table: &[(&str, &str, &str, &str)]) {
    for (what, from, to, want) in table {
        let run = Fixture::base().patch(CT, from, to).check(&[]);
        run.assert_code(1).assert_no_panic();
        let lines = run.lines();
        assert_eq!(lines.len(), 1, "{what}\n{run}");
        assert!(
            lines[0].starts_with(&format!("{CT}:{want}")),
            "{what}: {}",
            lines[0]
        );
    }
}
