//! Machine-readable outputs: sitemap, robots.txt, the Atom feed of changes, and open data.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::urls::{self, Urls};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::export;
use crate::text::markdown_text;

/// Escapes text for XML: the HTML escaping, minus the control characters XML 1.0 forbids.
fn xml_escape(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    super::views::escape_html(&clean)
}

/// `sitemap.xml` listing every HTML page with a canonical URL.
pub fn sitemap<'a>(urls: &Urls, paths: impl Iterator<Item = &'a str>, c: &Catalogue) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let lastmod: BTreeMap<String, String> = c
        .procedures
        .iter()
        .map(|p| {
            (
                urls::file_for(&urls::procedure(&p.code)),
                p.last_verified.format("%Y-%m-%d").to_string(),
            )
        })
        .collect();
    for path in paths {
        if !path.ends_with("index.html") {
            continue;
        }
        let dir = path.trim_end_matches("index.html");
        let _ = write!(s, "  <url><loc>{}</loc>", xml_escape(&urls.absolute(dir)));
        if let Some(d) = lastmod.get(path) {
            let _ = write!(s, "<lastmod>{d}</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// `robots.txt` pointing at the sitemap.
pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        urls.absolute(urls::SITEMAP)
    )
}

/// Atom feed of the most recently changed procedures, dated from the data (never the clock).
pub fn atom(urls: &Urls, c: &Catalogue) -> Result<String, crate::catalogue::validate::Changed> {
    let mut items: Vec<_> = c.procedures.iter().collect();
    items.sort_by(|a, b| {
        b.changed_on()
            .cmp(&a.changed_on())
            .then(a.code.cmp(&b.code))
    });
    items.truncate(50);
    let updated = items
        .iter()
        .map(|p| p.changed_on().max(p.last_verified))
        .chain(c.decisions.last().map(|d| d.signed))
        .max()
        .map(|d| d.format("%Y-%m-%dT00:00:00Z").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    let _ = writeln!(
        s,
        "  <title>{}: thủ tục mới cập nhật</title>",
        xml_escape(&c.site.name)
    );
    let _ = writeln!(s, "  <id>{}</id>", xml_escape(&urls.absolute(urls::FEED)));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" href=\"{}\"/>",
        xml_escape(&urls.absolute(urls::FEED))
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&urls.absolute(urls::HOME))
    );
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    let _ = writeln!(
        s,
        "  <author><name>{}</name></author>",
        xml_escape(
            &c.site
                .contact
                .as_ref()
                .map(|k| k.organization.clone())
                .unwrap_or_else(|| c.site.name.clone())
        )
    );
    for p in items {
        let url = urls.absolute(&urls::procedure(&p.code));
        let change = match p.version.change {
            crate::catalogue::model::ChangeKind::New => "Công bố mới",
            crate::catalogue::model::ChangeKind::Amended => "Sửa đổi, bổ sung",
            crate::catalogue::model::ChangeKind::Replaced => "Thay thế",
            crate::catalogue::model::ChangeKind::Abolished => "Bãi bỏ",
        };
        let _ = writeln!(s, "  <entry>");
        let _ = writeln!(s, "    <title>{} ({})</title>", xml_escape(&p.name), change);
        let _ = writeln!(
            s,
            "    <id>{}#{}</id>",
            xml_escape(&url),
            xml_escape(&p.version.decision.replace(' ', "-"))
        );
        let _ = writeln!(s, "    <link href=\"{}\"/>", xml_escape(&url));
        let _ = writeln!(
            s,
            "    <updated>{}</updated>",
            p.changed_on()
                .max(p.last_verified)
                .format("%Y-%m-%dT00:00:00Z")
        );
        let _ = writeln!(
            s,
            "    <summary>{} theo {}. {}</summary>",
            change,
            xml_escape(&p.version.decision),
            xml_escape(&markdown_text(&c.full(p)?.summary))
        );
        let _ = writeln!(s, "  </entry>");
    }
    // One entry per item of the latest decisions: what each decision did to each procedure.
    for d in c.decisions.iter().rev().take(20) {
        let page = urls.absolute(&super::pages::publication::decision_page(&d.slug));
        for item in &d.items {
            let name = c
                .procedure(&item.procedure)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| item.procedure.clone());
            let mut what = item.kind.label().to_string();
            if !item.parts.is_empty() {
                let parts: Vec<&str> = item.parts.iter().map(|p| p.label()).collect();
                what.push_str(&format!(" ({})", parts.join("; ")));
            }
            let _ = writeln!(s, "  <entry>");
            let _ = writeln!(
                s,
                "    <title>{} – {} theo Quyết định {}</title>",
                xml_escape(&name),
                xml_escape(item.kind.label()),
                xml_escape(&d.number)
            );
            let _ = writeln!(
                s,
                "    <id>{}#{}</id>",
                xml_escape(&page),
                xml_escape(&item.procedure)
            );
            let _ = writeln!(s, "    <link href=\"{}\"/>", xml_escape(&page));
            let _ = writeln!(
                s,
                "    <updated>{}</updated>",
                d.signed.format("%Y-%m-%dT00:00:00Z")
            );
            let _ = writeln!(
                s,
                "    <summary>Thủ tục {} ({}): {} theo Quyết định {} ngày {} của {}.</summary>",
                xml_escape(&name),
                xml_escape(&item.procedure),
                xml_escape(&what),
                xml_escape(&d.number),
                d.signed.format("%d/%m/%Y"),
                xml_escape(&d.issuer)
            );
            let _ = writeln!(s, "  </entry>");
        }
    }
    s.push_str("</feed>\n");
    Ok(s)
}

/// Serializes an open-data document; the types are plain data, so this cannot fail short of
/// a bug, which is reported rather than published as a partial file.
fn json_line<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, super::SiteError> {
    let mut bytes = serde_json::to_vec(v)
        .map_err(|e| super::SiteError::Output(format!("không ghi được dữ liệu JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// gzip level of the bulk export. Level 1 is several times faster than the default 6 and its
/// output only somewhat larger: the records repeat the same keys and phrases, which even the
/// fastest level finds.
const BULK_LEVEL: u32 = 1;

/// Writes the open data of `c` into `sink` (format: [`crate::export`]): each procedure's JSON
/// document when `records` is set, the bulk export, the CPSV-AP export, the CSV tables and
/// the JSON Schemas. Procedures are taken [`super::ROUND`] at a time, read again from their files
/// when the catalogue holds summaries.
pub fn open_data(
    urls: &Urls,
    c: &Catalogue,
    records: bool,
    sink: &dyn super::Sink,
) -> Result<(), super::SiteError> {
    let mut data = OpenData::new(urls, c, records, sink)?;
    for round in c.procedures.chunks(super::ROUND) {
        let whole = c.full_all(round)?;
        let list: Vec<&Procedure> = whole.iter().map(|p| &**p).collect();
        data.add(&list)?;
    }
    data.finish()
}

/// A file of the open data being written in parts.
type Part<'a> = Box<dyn super::FilePart + 'a>;

/// The open data being written as whole procedures pass, in code order: each procedure's JSON
/// document, its record in the bulk export, its CPSV-AP nodes and its CSV rows. The shared
/// files are written into the sink as they grow (compressed, for the bulk and CPSV-AP
/// exports), so neither the records nor the files (84 and 87 MB uncompressed, 21 MB of CSV
/// at 10,000 procedures) are ever whole in memory when the sink is a directory. The gzip
/// headers carry no time or name: builds stay byte-identical.
pub(crate) struct OpenData<'a> {
    urls: &'a Urls,
    c: &'a Catalogue,
    records: bool,
    sink: &'a dyn super::Sink,
    bulk: flate2::write::GzEncoder<Part<'a>>,
    bulk_tail: Vec<u8>,
    first: bool,
    cpsv: export::cpsv::Writer<Part<'a>>,
    csv: super::tables::Csv<'a>,
}

impl<'a> OpenData<'a> {
    /// Starts every shared file in `sink`; `records` says whether each procedure's document
    /// is published.
    pub(crate) fn new(
        urls: &'a Urls,
        c: &'a Catalogue,
        records: bool,
        sink: &'a dyn super::Sink,
    ) -> Result<OpenData<'a>, super::SiteError> {
        // The dataset with no procedures, serialized by serde like the rest, is split where
        // its empty list is. A raw `"` only bounds a JSON string, so this key is the only match.
        let skeleton = json_line(&export::bulk(urls, c, Vec::new()))?;
        const EMPTY: &[u8] = b"\"procedures\":[]";
        let at = memchr::memmem::find(&skeleton, EMPTY)
            .ok_or_else(|| super::SiteError::Output("dữ liệu mở thiếu danh sách thủ tục".into()))?;
        let (head, tail) = skeleton.split_at(at + EMPTY.len() - 1);
        let mut bulk = flate2::write::GzEncoder::new(
            sink.create(urls::DATA.to_string())?,
            flate2::Compression::new(BULK_LEVEL),
        );
        std::io::Write::write_all(&mut bulk, head).map_err(bulk_error)?;
        let cpsv = export::cpsv::Writer::new(c, urls, sink.create(export::cpsv::FILE.to_string())?)
            .map_err(cpsv_error)?;
        let csv = super::tables::Csv::new(sink)?;
        Ok(OpenData {
            urls,
            c,
            records,
            sink,
            bulk,
            bulk_tail: tail.to_vec(),
            first: true,
            cpsv,
            csv,
        })
    }

    /// Adds whole procedures, in code order: their outputs are made in parallel, each JSON
    /// document handed to the sink at once, then appended to the shared files in order.
    pub(crate) fn add(&mut self, procedures: &[&Procedure]) -> Result<(), super::SiteError> {
        use rayon::prelude::*;
        use std::io::Write;
        let (urls, c, records, sink) = (self.urls, self.c, self.records, self.sink);
        let parts: Vec<(Vec<u8>, String, super::tables::ProcedureRows)> = procedures
            .par_iter()
            .map(|p| {
                let doc = json_line(&export::procedure_document(urls, c, p))?;
                let record = procedure_part(&doc).to_vec();
                if records {
                    sink.put(urls::procedure_json(&p.code), doc)?;
                }
                Ok((
                    record,
                    export::cpsv::nodes_of(c, urls, p),
                    super::tables::Csv::rows_of(c, urls, p),
                ))
            })
            .collect::<Result<_, super::SiteError>>()?;
        for (record, nodes, rows) in parts {
            if !self.first {
                self.bulk.write_all(b",").map_err(bulk_error)?;
            }
            self.first = false;
            self.bulk.write_all(&record).map_err(bulk_error)?;
            self.cpsv.add(&nodes).map_err(cpsv_error)?;
            self.csv.add(rows)?;
        }
        Ok(())
    }

    /// Ends every shared file, and adds the JSON Schemas. Both schemas are published either
    /// way: the format they define is the site's, whichever copies it writes, and a portal's
    /// consumers may have bookmarked their addresses.
    pub(crate) fn finish(mut self) -> Result<(), super::SiteError> {
        std::io::Write::write_all(&mut self.bulk, &self.bulk_tail).map_err(bulk_error)?;
        self.bulk.finish().map_err(bulk_error)?.done()?;
        self.cpsv
            .finish(self.c, self.urls)
            .map_err(cpsv_error)?
            .done()?;
        self.csv.finish(self.c)?;
        for (name, text) in export::schemas() {
            self.sink
                .put(format!("{}{name}", super::tables::DIR), text.into_bytes())?;
        }
        Ok(())
    }
}

fn bulk_error(e: std::io::Error) -> super::SiteError {
    super::SiteError::Io(std::path::PathBuf::from(urls::DATA), e)
}

fn cpsv_error(e: std::io::Error) -> super::SiteError {
    super::SiteError::Io(std::path::PathBuf::from(export::cpsv::FILE), e)
}

/// One procedure's JSON document (`thu-tuc/<code>/index.json`).
pub fn procedure_json(
    urls: &Urls,
    c: &Catalogue,
    p: &Procedure,
) -> Result<Vec<u8>, super::SiteError> {
    json_line(&export::procedure_document(urls, c, &*c.full(p)?))
}

/// The `procedure` value inside a serialized [`export::ProcedureDocument`] line: the record
/// is serialized once and used for both files.
fn procedure_part(doc: &[u8]) -> &[u8] {
    const KEY: &[u8] = b",\"procedure\":";
    // The keys before it hold a version and a URL, never a raw `"`, so the first match is it.
    match memchr::memmem::find(doc, KEY) {
        Some(at) => doc[at + KEY.len()..]
            .strip_suffix(b"}\n")
            .unwrap_or(&doc[at + KEY.len()..]),
        None => doc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_export_holds_the_per_procedure_records() {
        let dir = tempfile::tempdir().unwrap();
        crate::cmd::init::write(dir.path(), false).unwrap();
        let (c, d) = crate::catalogue::load_and_validate(dir.path(), &Default::default());
        assert!(!d.has_errors());
        let urls = Urls::new("https://example.gov.vn/");
        let sink = super::super::MemorySink::default();
        open_data(&urls, &c, true, &sink).unwrap();
        let files = sink.into_files();
        let mut json = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&files[urls::DATA][..]),
            &mut json,
        )
        .unwrap();
        let bulk: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let plain: serde_json::Value = serde_json::from_slice(
            &json_line(&export::bulk(
                &urls,
                &c,
                c.procedures
                    .iter()
                    .map(|p| export::procedure_record(&urls, &c, p))
                    .collect(),
            ))
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            bulk, plain,
            "streamed export equals serializing the dataset whole"
        );
        assert_eq!(bulk["format_version"], export::FORMAT_VERSION);
        let procedures = bulk["procedures"].as_array().unwrap();
        assert_eq!(procedures.len(), c.procedures.len());
        for (p, rec) in c.procedures.iter().zip(procedures) {
            let one = procedure_json(&urls, &c, p).unwrap();
            assert_eq!(files[&urls::procedure_json(&p.code)], one);
            let one: serde_json::Value = serde_json::from_slice(&one).unwrap();
            assert_eq!(&one["procedure"], rec);
        }
        // Without records, the same shared files and no per-procedure document.
        let sink = super::super::MemorySink::default();
        open_data(&urls, &c, false, &sink).unwrap();
        let without = sink.into_files();
        assert_eq!(without.len() + c.procedures.len(), files.len());
        assert!(without.iter().all(|(path, bytes)| files[path] == *bytes));
    }
}
