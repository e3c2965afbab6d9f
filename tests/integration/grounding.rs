//! The grounding rules of issue 12, asserted over the SHIPPED catalogue (loaded through the
//! library, independently of `check`'s own rules): every time limit, fee, paper and condition
//! cites a document or says it is unverified; no `free` without a citation; no current
//! procedure cites a document that is not in force on the build date; every source has a URL
//! unless it is a printed text (its `kind` is required by the type, so loading without errors
//! proves every source has one).

use chrono::NaiveDate;
use motcua::catalogue::model::{Amount, AmountWord, LegalBasis, Source, TimeLimit};
use motcua::catalogue::{load_and_validate, Catalogue, Options};

use crate::support::repo_root;

/// The dates the shipped data was verified for (issue 12: the law in force on 2026-12-01)
/// and checked on.
const BUILD_DATES: [&str; 2] = ["2026-12-01", "2026-12-06"];

fn shipped(today: NaiveDate) -> Catalogue {
    let (c, diags) = load_and_validate(
        &repo_root().join("catalogue"),
        &Options {
            today,
            ..Options::default()
        },
    );
    let errors: Vec<String> = diags
        .items()
        .iter()
        .filter(|d| d.severity == motcua::diagnostics::Severity::Error)
        .map(|d| format!("{}: {} {}", d.file.display(), d.code, d.message))
        .collect();
    assert!(
        errors.is_empty(),
        "the shipped catalogue has errors:\n{errors:#?}"
    );
    let late: Vec<String> = diags
        .items()
        .iter()
        .filter(|d| d.code == "cites-not-in-force")
        .map(|d| format!("{}: {}", d.file.display(), d.message))
        .collect();
    assert!(late.is_empty(), "on {today}: {late:#?}");
    c
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

/// Problems with one cited fact: no citation and not unverified, or a document not in force.
fn grounded(
    c: &Catalogue,
    today: NaiveDate,
    what: String,
    cites: &[LegalBasis],
    unverified: bool,
    out: &mut Vec<String>,
) {
    if cites.is_empty() && !unverified {
        out.push(format!("{what}: no legal_basis and not unverified"));
    }
    for b in cites {
        match c.legal.get(&b.document) {
            None => out.push(format!("{what}: cites {} (not in legal/)", b.document)),
            Some(d) if !d.in_force_on(today) => out.push(format!(
                "{what}: cites {} (not in force on {today})",
                b.document
            )),
            Some(_) => {}
        }
    }
}

fn time_limit(c: &Catalogue, today: NaiveDate, what: String, t: &TimeLimit, out: &mut Vec<String>) {
    grounded(c, today, what, &t.legal_basis, t.unverified, out);
}

fn sources(file: &std::path::Path, list: &[Source], out: &mut Vec<String>) {
    for s in list {
        if s.url.is_none() && !s.printed {
            out.push(format!(
                "{}: source {:?} has no URL",
                file.display(),
                s.title
            ));
        }
    }
}

#[test]
fn shipped_catalogue_follows_the_grounding_rules() {
    for day in BUILD_DATES {
        let today = date(day);
        let c = shipped(today);
        assert!(
            c.procedures.len() >= 40,
            "the shipped catalogue did not load"
        );
        let mut bad = Vec::new();
        for p in c.procedures.iter().filter(|p| !p.is_abolished()) {
            let at = |part: String| format!("{} {part}", p.code);
            for (ci, ch) in p.channels.iter().enumerate() {
                for (ti, t) in ch.time_limits.iter().enumerate() {
                    time_limit(
                        &c,
                        today,
                        at(format!("channel {ci} time limit {ti}")),
                        t,
                        &mut bad,
                    );
                }
                for (fi, f) in ch.fees.iter().enumerate() {
                    let what = at(format!("channel {ci} fee {fi}"));
                    if f.amount == Some(Amount::Word(AmountWord::Free)) && f.legal_basis.is_empty()
                    {
                        bad.push(format!("{what}: free without a citation"));
                    }
                    grounded(&c, today, what, &f.legal_basis, f.unverified, &mut bad);
                }
            }
            for (gi, g) in p.papers.iter().enumerate() {
                for (ii, i) in g.items.iter().enumerate() {
                    let what = at(format!("paper {gi}.{ii} {:?}", i.name));
                    grounded(
                        &c,
                        today,
                        what.clone(),
                        &i.legal_basis,
                        i.unverified,
                        &mut bad,
                    );
                    if let Some(doc) = i.form.as_ref().and_then(|f| f.issued_by.as_ref()) {
                        let form = [LegalBasis {
                            document: doc.clone(),
                            article: None,
                        }];
                        grounded(&c, today, format!("{what} form"), &form, false, &mut bad);
                    }
                }
            }
            for (k, cond) in p.conditions.iter().enumerate() {
                let what = at(format!("condition {k}"));
                grounded(
                    &c,
                    today,
                    what,
                    &cond.legal_basis,
                    cond.unverified,
                    &mut bad,
                );
            }
            // The procedure's own legal basis must cite something, all of it in force.
            assert!(!p.legal_basis.is_empty(), "{}: no legal basis", p.code);
            grounded(
                &c,
                today,
                at("legal_basis".into()),
                &p.legal_basis,
                false,
                &mut bad,
            );
            sources(&p.file, &p.sources, &mut bad);
        }
        for j in &c.journeys {
            for t in j
                .total_time_limit
                .iter()
                .chain(j.steps.iter().filter_map(|s| s.time_limit.as_ref()))
            {
                time_limit(&c, today, format!("journey {}", j.id), t, &mut bad);
            }
            sources(&j.file, &j.sources, &mut bad);
        }
        for a in c.agencies.values() {
            sources(&a.file, &a.sources, &mut bad);
        }
        for d in c.legal.values() {
            sources(&d.file, &d.sources, &mut bad);
        }
        assert!(
            bad.is_empty(),
            "on {today}: {} problem(s):\n{bad:#?}",
            bad.len()
        );
    }
}

/// The check above must be able to fail: in the base fixture, the 2006 residence law was
/// replaced on 2021-07-01, so `in_force_on` (which the check relies on) turns false the day
/// after its last day, and `check` warns where a current procedure cites it.
#[test]
fn a_replaced_document_is_not_in_force_after_its_last_day() {
    let base = crate::support::fixtures("base");
    let (c, diags) = load_and_validate(
        &base,
        &Options {
            today: date("2026-12-01"),
            ..Default::default()
        },
    );
    assert!(!diags.has_errors());
    let d = c
        .legal
        .get("81/2006/QH11")
        .expect("the base fixture's replaced law");
    assert!(d.status.ends_force());
    assert!(d.in_force_on(date("2021-06-30")));
    assert!(!d.in_force_on(date("2021-07-01")));
    let run = crate::support::Fixture::base()
        .patch(
            "procedures/cu-tru/1.004222.yaml",
            "  - {document: \"68/2020/QH14\"}\n",
            "  - {document: \"68/2020/QH14\"}\n  - {document: \"81/2006/QH11\"}\n",
        )
        .check(&[]);
    assert!(
        run.lines().iter().any(|l| l.contains("cites-not-in-force")),
        "{run}"
    );
}

/// Amendments recorded in the shipped registry point at documents that were in force when
/// they took effect, and a document marked amended says by what, except where the amending
/// document is not in the registry yet (listed in the report of issue 12).
#[test]
fn shipped_amendments_are_consistent() {
    let c = shipped(date("2026-12-01"));
    let amended: Vec<_> = c
        .legal
        .values()
        .filter(|d| !d.amended_by.is_empty())
        .collect();
    assert!(amended.len() >= 5, "amendments not recorded");
    for d in amended {
        for a in &d.amended_by {
            let by = c
                .legal
                .get(&a.document)
                .expect("amending document in legal/");
            let from = date(&a.from);
            assert!(
                by.in_force_on(from),
                "{} amends {} from {from} before it is in force",
                a.document,
                d.number
            );
        }
    }
}
