//! Which output files depend on a procedure, so `serve` can re-render only those after an edit.
//! Each page kind in [`super::pages`] says which of its pages show a procedure; this adds the
//! procedure's JSON record (when the site publishes records) and the pages of procedures that
//! name it.

use std::collections::BTreeSet;

use super::pages;
use super::urls;
use crate::catalogue::model::Catalogue;

/// Output files (site-relative, e.g. `linh-vuc/ho-tich/index.html`) whose contents depend on the
/// procedure `code` as it is in `c`. Empty when `c` has no such procedure, except for the pages
/// of other procedures that name it.
pub fn procedure_dependents(c: &Catalogue, code: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = pages::naming(c, code).into_iter().collect();
    if let Some(p) = c.procedure(code) {
        out.extend(pages::showing(c, p));
        if c.site.publish.records {
            out.insert(urls::procedure_json(code));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::raw::Publish;

    #[test]
    fn a_procedure_s_unpublished_copies_are_not_its_dependents() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::cmd::init::write(dir.path(), false).expect("init");
        let (mut c, d) = crate::catalogue::load_and_validate(dir.path(), &Default::default());
        assert!(!d.has_errors());
        let code = c.procedures[0].code.clone();
        let copies = [
            urls::procedure_json(&code),
            urls::checklist(&code),
            format!("thu-tuc/{code}/nhung.html"),
            format!("thu-tuc/{code}/khung.html"),
        ];
        let all = procedure_dependents(&c, &code);
        for f in &copies {
            assert!(all.contains(f), "{f} depends on the procedure by default");
        }
        assert!(all.contains(&urls::file_for(&urls::procedure(&code))));
        c.site.publish = Publish {
            checklists: false,
            records: false,
            embeds: false,
        };
        let none = procedure_dependents(&c, &code);
        for f in &copies {
            assert!(!none.contains(f), "{f} is not published");
        }
        assert!(none.contains(&urls::file_for(&urls::procedure(&code))));
    }
}
