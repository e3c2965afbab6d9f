//! The "Dữ liệu mở" page: every published data file and every column with its meaning, the
//! format version, the licence and the date the data runs to. Rendered from the same list
//! ([`tables::TABLES`]) that writes the files, so the documentation cannot drift from them.

use serde::Serialize;

use super::{files_of, to_json, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::export;
use crate::site::tables::{self, Column};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;

/// The data page.
pub(super) struct OpenData;

#[derive(Serialize)]
struct TableView {
    file: &'static str,
    anchor: String,
    url: String,
    row: &'static str,
    columns: &'static [Column],
}

impl PageKind for OpenData {
    fn files(&self, _: &Catalogue) -> Vec<String> {
        files_of([urls::OPEN_DATA])
    }

    fn showing(&self, _: &Catalogue, _: &Procedure) -> Vec<String> {
        // The count, the date the data runs to and the example (the first procedure).
        files_of([urls::OPEN_DATA])
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        self.files(c)
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        if !sel.wants_page(urls::OPEN_DATA) {
            return Ok(());
        }
        let c = cx.c;
        let updated = c.procedures.iter().map(|p| p.last_verified).max();
        let tables: Vec<TableView> = tables::TABLES
            .iter()
            .map(|t| TableView {
                file: t.file,
                anchor: urls::ascii_slug(t.file),
                url: cx.urls.link(&format!("{}{}", tables::DIR, t.file)),
                row: t.row,
                columns: t.columns,
            })
            .collect();
        let example = c.procedures.first().map(|p| {
            serde_json::json!({
                "code": p.code,
                "json": cx.urls.link(&urls::procedure_json(&p.code)),
                "fragment": cx.urls.link(&super::embed::fragment(&p.code)),
                "frame": cx.urls.link(&super::embed::frame(&p.code)),
            })
        });
        let data = serde_json::json!({
            "json_version": export::FORMAT_VERSION,
            "schema_url": cx.urls.link(export::DATASET_SCHEMA),
            "procedure_schema_url": cx.urls.link(export::PROCEDURE_SCHEMA),
            "cpsv_url": cx.urls.link(export::cpsv::FILE),
            "embed_css_url": cx.urls.link(super::embed::STYLESHEET),
            "example": example,
            "fields": export::procedure_fields()
                .into_iter()
                .map(|(name, meaning)| serde_json::json!({"name": name, "meaning": meaning}))
                .collect::<Vec<_>>(),
            "updated": updated.map(views::date_vi).unwrap_or_else(|| "chưa có thủ tục".to_string()),
            "version": tables::FORMAT_VERSION,
            "licence": c.site.licence,
            "procedures": c.procedures.len(),
            "tables": to_json(&tables)?,
        });
        cx.page(urls::OPEN_DATA, "data.html", vec![("data", data)])
    }
}
