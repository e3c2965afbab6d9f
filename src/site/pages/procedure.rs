//! A procedure's page and its printable checklist (`giay-to.html`): one view model, two
//! templates. The checklist is written unless `publish.checklists` in `site.yaml` is off.

use std::collections::HashMap;

use tera::Context;

use super::{Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, ChannelKind, Procedure};
use crate::site::urls;
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
        .flat_map(|other| own_files(c, &other.code))
        .collect()
}

/// The page of procedure `code`, and its checklist when the site publishes checklists.
pub(crate) fn own_files(c: &Catalogue, code: &str) -> Vec<String> {
    let mut v = vec![urls::file_for(&urls::procedure(code))];
    if c.site.publish.checklists {
        v.push(urls::file_for(&urls::checklist(code)));
    }
    v
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
            .flat_map(|p| own_files(c, &p.code))
            .collect()
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        let mut v = own_files(c, &p.code);
        v.extend(naming(c, &p.code));
        v
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        // One pass, remembering which shapes each sector has shown: a search per sector and
        // shape would read a large catalogue hundreds of times for the shapes it lacks.
        let mut seen: HashMap<&str, [bool; SHAPES.len()]> = c
            .sectors
            .iter()
            .map(|s| (s.id.as_str(), [false; SHAPES.len()]))
            .collect();
        let mut v = Vec::new();
        for p in &c.procedures {
            let Some(seen) = seen.get_mut(p.sector.as_str()) else {
                continue;
            };
            let mut first_of_a_shape = false;
            for (seen, shape) in seen.iter_mut().zip(SHAPES) {
                if !*seen && shape(p) {
                    *seen = true;
                    first_of_a_shape = true;
                }
            }
            if first_of_a_shape {
                v.extend(own_files(c, &p.code));
            }
        }
        v
    }

    fn per_procedure(&self) -> bool {
        true
    }

    fn render(&self, _cx: &Cx, _sel: &Selection) -> Result<(), SiteError> {
        // Every file of this kind is a procedure's own: see `render_procedure`.
        Ok(())
    }

    fn wants_procedure(&self, cx: &Cx, sel: &Selection, p: &Procedure) -> bool {
        sel.wants_page(&urls::procedure(&p.code))
            || (cx.c.site.publish.checklists && sel.wants_page(&urls::checklist(&p.code)))
    }

    fn render_procedure(
        &self,
        cx: &Cx,
        sel: &Selection,
        p: &Procedure,
        ctx: &mut Context,
    ) -> Result<(), SiteError> {
        let checklist = urls::checklist(&p.code);
        if cx.c.site.publish.checklists && sel.wants_page(&checklist) {
            cx.render_to("checklist.html", ctx, urls::file_for(&checklist))?;
        }
        let dir = urls::procedure(&p.code);
        if sel.wants_page(&dir) {
            cx.render_to("procedure.html", ctx, urls::file_for(&dir))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::raw::Publish;

    /// The catalogue `motcua init` writes, with `publish` as given.
    fn sample(publish: Publish) -> Catalogue {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::cmd::init::write(dir.path(), false).expect("init");
        let (mut c, d) = crate::catalogue::load_and_validate(dir.path(), &Default::default());
        assert!(!d.has_errors());
        c.site.publish = publish;
        c
    }

    #[test]
    fn the_sample_has_the_first_procedure_of_each_shape_in_each_sector() {
        let c = crate::catalogue::testing::shipped(&Default::default());
        let mut expected = std::collections::BTreeSet::new();
        for s in &c.sectors {
            for shape in SHAPES {
                if let Some(p) = c.procedures.iter().find(|p| p.sector == s.id && shape(p)) {
                    expected.extend(own_files(&c, &p.code));
                }
            }
        }
        let sample: std::collections::BTreeSet<String> =
            ProcedurePages.sample(&c).into_iter().collect();
        assert!(expected.len() > c.sectors.len());
        assert_eq!(sample, expected);
    }

    #[test]
    fn checklists_are_pages_of_the_kind_only_when_published() {
        for on in [true, false] {
            let c = sample(Publish {
                checklists: on,
                ..Publish::default()
            });
            let p = &c.procedures[0];
            let checklist = urls::file_for(&urls::checklist(&p.code));
            let page = urls::file_for(&urls::procedure(&p.code));
            let kind = ProcedurePages;
            for (what, files) in [
                ("files", kind.files(&c)),
                ("showing", kind.showing(&c, p)),
                ("sample", kind.sample(&c)),
                ("own_files", own_files(&c, &p.code)),
            ] {
                assert!(files.contains(&page), "{what}: the page is always there");
                assert_eq!(files.contains(&checklist), on, "{what}, checklists: {on}");
            }
        }
    }
}
