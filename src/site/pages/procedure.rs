//! A procedure's page and its printable checklist (`giay-to.html`): one view model, two
//! templates.

use rayon::prelude::*;

use super::{to_json, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, ChannelKind, Procedure};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;

/// Procedure pages and checklists.
pub(super) struct ProcedurePages;

/// The pages of procedures whose version history names `code` (`replaces`, `replaced_by`):
/// they link to it by name, so they change when it appears, is renamed or disappears.
pub(crate) fn naming(c: &Catalogue, code: &str) -> Vec<String> {
    c.procedures
        .iter()
        .filter(|other| {
            let v = &other.version;
            other.code != code
                && (v.replaces.iter().any(|r| r == code) || v.replaced_by.as_deref() == Some(code))
        })
        .flat_map(|other| own_files(&other.code))
        .collect()
}

/// The page and checklist of procedure `code`.
pub(crate) fn own_files(code: &str) -> [String; 2] {
    [
        urls::file_for(&urls::procedure(code)),
        urls::file_for(&urls::checklist(code)),
    ]
}

/// The shapes of data the procedure template branches on; `check` renders the first
/// procedure of each shape in each sector.
const SHAPES: [fn(&Procedure) -> bool; 9] = [
    |_| true,
    |p| p.is_abolished(),
    |p| p.alert.is_some(),
    |p| p.channels.iter().any(|ch| ch.kind == ChannelKind::Online),
    |p| p.channels.iter().any(|ch| ch.kind == ChannelKind::Postal),
    |p| !p.conditions.is_empty(),
    |p| {
        p.papers
            .iter()
            .flat_map(|g| &g.items)
            .any(|i| i.form.is_some())
    },
    |p| {
        p.papers
            .iter()
            .flat_map(|g| &g.items)
            .any(|i| i.office_looks_up.is_some())
    },
    // Papers grouped by case: the case picker.
    |p| p.papers.iter().any(|g| g.case.is_some()),
];

impl PageKind for ProcedurePages {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        c.procedures
            .iter()
            .flat_map(|p| own_files(&p.code))
            .collect()
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        let mut v = own_files(&p.code).to_vec();
        v.extend(naming(c, &p.code));
        v
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut v = Vec::new();
        for s in &c.sectors {
            for shape in SHAPES {
                if let Some(p) = c.procedures.iter().find(|p| p.sector == s.id && shape(p)) {
                    v.extend(own_files(&p.code));
                }
            }
        }
        v
    }

    fn per_procedure(&self) -> bool {
        true
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        // Each page's view model is computed, rendered and dropped in turn, so ten thousand
        // of them never sit in memory at once.
        cx.c.procedures.par_iter().try_for_each(|p| {
            let dir = urls::procedure(&p.code);
            let checklist = urls::checklist(&p.code);
            let (want_page, want_checklist) = (sel.wants_page(&dir), sel.wants_page(&checklist));
            if !want_page && !want_checklist {
                return Ok(());
            }
            // The page and its checklist share one view and one canonical URL, so one context.
            let view = to_json(&views::procedure_view(cx.c, cx.urls, p, cx.opts.today))?;
            let history = to_json(&super::publication::history(cx.c, cx.urls, &p.code))?;
            let ctx = cx.context(vec![("p", view), ("history", history)], Some(&dir))?;
            if want_checklist {
                cx.render_to("checklist.html", &ctx, urls::file_for(&checklist))?;
            }
            if want_page {
                cx.render_to("procedure.html", &ctx, urls::file_for(&dir))?;
            }
            Ok(())
        })
    }
}

/// Every legal document number a procedure cites, anywhere in its record (with repeats).
pub(crate) fn cited_documents(p: &Procedure) -> Vec<&str> {
    let mut docs: Vec<&str> = p.legal_basis.iter().map(|b| b.document.as_str()).collect();
    for ch in &p.channels {
        docs.extend(
            ch.time_limits
                .iter()
                .flat_map(|t| t.legal_basis.iter().map(|b| b.document.as_str())),
        );
        docs.extend(
            ch.fees
                .iter()
                .flat_map(|f| f.legal_basis.iter().map(|b| b.document.as_str())),
        );
    }
    for g in &p.papers {
        for i in &g.items {
            docs.extend(i.legal_basis.iter().map(|b| b.document.as_str()));
            if let Some(d) = i.form.as_ref().and_then(|f| f.issued_by.as_deref()) {
                docs.push(d);
            }
        }
    }
    docs.extend(
        p.conditions
            .iter()
            .flat_map(|k| k.legal_basis.iter().map(|b| b.document.as_str())),
    );
    docs
}
