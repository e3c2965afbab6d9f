//! `communes.yaml`: the commune-level administrative units (xã, phường, đặc khu) of the province
//! as the National Assembly Standing Committee arranged them from 1 July 2025, each with the
//! former units merged into it (so a citizen finds their commune by the old name) and, when an
//! official source gives it, its one-stop office. Raw types (which also generate
//! `schema/communes.schema.json`), the checks that need only this file, and the model the
//! "Tìm xã, phường" page reads.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::one_file::OneFile as Cx;
use super::raw::{DateText, HttpUrl, SourceKind};
use super::schema::closest;
use super::yaml::{Node, PathSeg};
use crate::diagnostics::Diagnostic;

/// `catalogue/communes.yaml`: the province's commune-level units after the 2025 arrangement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Đơn vị hành chính cấp xã của tỉnh (communes.yaml)")]
pub struct CommunesFile {
    #[schemars(description = "Tỉnh, thành phố, ví dụ \"Hà Tĩnh\".")]
    pub province: String,
    #[schemars(
        description = "Nghị quyết của Ủy ban Thường vụ Quốc hội sắp xếp các đơn vị hành chính cấp xã của tỉnh."
    )]
    pub resolution: Resolution,
    #[serde(default)]
    #[schemars(
        description = "Nơi chính thức để tra địa chỉ, giờ làm việc, điện thoại của bộ phận một cửa (trang hiện lời dẫn tới đây khi một xã chưa có thông tin đã xác minh)."
    )]
    pub directory: Option<Directory>,
    #[serde(default)]
    #[schemars(
        description = "Ghi chú hiện trên trang, ví dụ phần nào của danh sách chưa xác minh được."
    )]
    pub note: Option<String>,
    #[schemars(
        description = "Các nguồn; nghị quyết, danh bạ và từng bộ phận một cửa trích nguồn bằng `id` ở đây."
    )]
    pub sources: Vec<CommuneSource>,
    #[schemars(description = "Các xã, phường, đặc khu sau sắp xếp.")]
    pub units: Vec<UnitEntry>,
}

/// The resolution that arranged the units.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    #[schemars(description = "Số hiệu, ví dụ \"1665/NQ-UBTVQH15\".")]
    pub number: String,
    #[schemars(
        description = "Trích yếu, ví dụ \"Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Hà Tĩnh năm 2025\"."
    )]
    pub title: String,
    #[schemars(description = "Ngày thông qua (YYYY-MM-DD).")]
    pub adopted: DateText,
    #[schemars(
        description = "Ngày chính quyền các đơn vị mới chính thức hoạt động (YYYY-MM-DD), ví dụ \"2025-07-01\"."
    )]
    pub operating_from: DateText,
    #[schemars(description = "Mã nguồn (`id` trong `sources`) chứa toàn văn nghị quyết.")]
    pub source: String,
}

/// The official place to look offices up.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    #[schemars(
        description = "Tên hiện trên trang, ví dụ \"Hệ thống thông tin giải quyết TTHC tỉnh Hà Tĩnh\"."
    )]
    pub title: String,
    #[schemars(description = "Đường dẫn.")]
    pub url: HttpUrl,
    #[schemars(description = "Mã nguồn (`id` trong `sources`) nêu địa chỉ này.")]
    pub source: String,
}

/// A source of this file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommuneSource {
    #[schemars(description = "Mã ngắn để các mục khác trích, ví dụ \"nq-1665\".")]
    pub id: String,
    #[schemars(
        description = "Tên đầy đủ: loại, số, ngày, cơ quan ban hành, trích yếu. Nguồn thứ cấp: ghi số, ngày của văn bản gốc."
    )]
    pub title: String,
    #[schemars(
        description = "Loại nguồn: official_text, national_database, provincial_publication, other_province, secondary."
    )]
    pub kind: SourceKind,
    #[serde(default)]
    #[schemars(description = "Đường dẫn; bắt buộc trừ khi `printed: true`.")]
    pub url: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(description = "true: văn bản in, không có đường dẫn (title ghi nơi đăng).")]
    pub printed: bool,
    #[serde(default)]
    #[schemars(description = "Ngày truy cập (YYYY-MM-DD).")]
    pub accessed: Option<DateText>,
}

/// What a commune-level unit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Xã.
    Xa,
    /// Phường.
    Phuong,
    /// Đặc khu.
    DacKhu,
}

impl UnitKind {
    /// The Vietnamese word written before the name ("xã Thạch Lạc").
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Xa => "xã",
            UnitKind::Phuong => "phường",
            UnitKind::DacKhu => "đặc khu",
        }
    }

    /// The ASCII fragment id of a unit of this kind named `name`, e.g. `xa-thach-lac`: its
    /// folded search tokens, so two names that differ only in accents, case or punctuation
    /// get the same id (and are reported as the same unit).
    pub fn slug(self, name: &str) -> String {
        crate::search::normalize::tokens(&format!("{} {name}", self.label()))
            .into_iter()
            .map(|t| t.folded)
            .collect::<Vec<_>>()
            .join("-")
    }

    /// The same word, capitalised to start a line ("Xã Thạch Lạc").
    pub fn title(self) -> &'static str {
        match self {
            UnitKind::Xa => "Xã",
            UnitKind::Phuong => "Phường",
            UnitKind::DacKhu => "Đặc khu",
        }
    }
}

/// One unit after the arrangement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    #[schemars(description = "Tên, không có chữ \"xã\"/\"phường\", ví dụ \"Thạch Lạc\".")]
    pub name: String,
    #[schemars(description = "xa (xã), phuong (phường) hoặc dac_khu (đặc khu).")]
    pub kind: UnitKind,
    #[serde(default)]
    #[schemars(
        description = "Mã đơn vị hành chính (5 chữ số) theo danh mục do Thủ tướng ban hành; chỉ ghi khi đã đối chiếu với nguồn."
    )]
    pub code: Option<String>,
    #[schemars(
        description = "Khoản, điều của nghị quyết quy định đơn vị này, ví dụ \"khoản 1 Điều 1\"."
    )]
    pub clause: String,
    #[serde(default)]
    #[schemars(
        description = "Các đơn vị cũ sắp xếp thành đơn vị này, mỗi mục bắt đầu bằng \"xã \", \"phường \" hoặc \"thị trấn \", ví dụ \"xã Tượng Sơn\"; ghi \"(một phần)\" khi chỉ một phần đơn vị cũ nhập vào."
    )]
    pub former: Vec<String>,
    #[serde(default)]
    #[schemars(
        description = "true khi đơn vị không thực hiện sắp xếp (giữ nguyên); khi đó không có `former`."
    )]
    pub unchanged: bool,
    #[serde(default)]
    #[schemars(
        description = "Bộ phận một cửa của đơn vị: chỉ ghi thông tin có nguồn chính thức, kèm `source`."
    )]
    pub office: Option<Office>,
}

/// A unit's one-stop office.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    #[serde(default)]
    #[schemars(description = "Địa chỉ tiếp nhận hồ sơ.")]
    pub address: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Giờ làm việc, mỗi dòng một khoảng, ví dụ \"Thứ Hai – Thứ Sáu: 7:00 – 11:30, 13:30 – 17:00\"."
    )]
    pub opening_hours: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Số điện thoại.")]
    pub phone: Option<String>,
    #[serde(default)]
    #[schemars(description = "Trang thông tin điện tử của xã, phường.")]
    pub url: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(description = "Mã nguồn (`id` trong `sources`) của các thông tin trên.")]
    pub source: Option<String>,
}

impl Office {
    /// True when the office states at least one fact.
    pub fn has_facts(&self) -> bool {
        self.address.is_some()
            || !self.opening_hours.is_empty()
            || self.phone.is_some()
            || self.url.is_some()
    }
}

/// The validated file.
#[derive(Debug, Clone)]
pub struct Communes {
    /// Where it was defined.
    pub file: PathBuf,
    /// Its contents, every rule passed.
    pub data: CommunesFile,
}

impl Deref for Communes {
    type Target = CommunesFile;
    fn deref(&self) -> &CommunesFile {
        &self.data
    }
}

impl Communes {
    /// A source by id (every id the file cites was checked to exist).
    pub fn source(&self, id: &str) -> Option<&CommuneSource> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// What the per-file checks produce.
pub struct Checked {
    /// The model, when the file has no errors.
    pub communes: Option<Communes>,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

/// The communes file's own rule on `source:`, beside the shared ones of [`OneFile`].
trait CommunesRules {
    fn source(&mut self, id: &str, ids: &BTreeSet<&str>, path: &[PathSeg]);
}

/// The example in this file's `bad-date` hint.
const DATE_EXAMPLE: &str = "2025-07-01";

impl CommunesRules for Cx<'_> {
    /// A `source:` names an `id` of `sources`.
    fn source(&mut self, id: &str, ids: &BTreeSet<&str>, path: &[PathSeg]) {
        if ids.contains(id) {
            return;
        }
        let span = self.at(path);
        let hint = match closest(id, ids.iter().copied()) {
            Some(c) => format!("có phải ý bạn là `{c}`? Nếu không: thêm nguồn vào `sources`"),
            None => "thêm nguồn vào `sources` (id, title, kind, url) hoặc sửa mã".to_string(),
        };
        self.error(
            span,
            "unknown-source",
            format!("nguồn `{id}` không có trong `sources`"),
            &hint,
        );
    }
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

/// The prefixes a former unit may have: the kinds of commune-level unit before 1 July 2025.
const FORMER_KINDS: [&str; 3] = ["xã ", "phường ", "thị trấn "];

/// Runs the rules that need only `communes.yaml` and builds the model.
pub fn check(path: &Path, root: &Node, file: CommunesFile) -> Checked {
    let mut cx = Cx::new(path, root);

    // Sources: unique ids, a URL unless printed.
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for (i, s) in file.sources.iter().enumerate() {
        let base = [key("sources"), PathSeg::Index(i)];
        if !ids.insert(s.id.as_str()) {
            let span = cx.at(&[key("sources"), PathSeg::Index(i), key("id")]);
            cx.error(
                span,
                "duplicate-source",
                format!("nguồn `{}` đã có trong `sources`", s.id),
                "mỗi nguồn chỉ ghi một lần, với một `id` riêng",
            );
        }
        if s.url.is_none() && !s.printed {
            let span = cx.at(&base);
            cx.error(
                span,
                "no-url",
                format!("nguồn `{}` không có đường dẫn", s.id),
                "thêm `url:` tới văn bản (ưu tiên trang chính thức), hoặc `printed: true` nếu chỉ có bản in",
            );
        }
        if let Some(a) = &s.accessed {
            cx.date(
                DATE_EXAMPLE,
                a,
                &[key("sources"), PathSeg::Index(i), key("accessed")],
            );
        }
    }

    // The resolution and the directory.
    let adopted = cx.date(
        DATE_EXAMPLE,
        &file.resolution.adopted,
        &[key("resolution"), key("adopted")],
    );
    let from = cx.date(
        DATE_EXAMPLE,
        &file.resolution.operating_from,
        &[key("resolution"), key("operating_from")],
    );
    if let (Some(a), Some(f)) = (adopted, from) {
        if f < a {
            let span = cx.at(&[key("resolution"), key("operating_from")]);
            cx.error(
                span,
                "date-order",
                format!(
                    "ngày hoạt động {} trước ngày thông qua {}",
                    f.format("%d/%m/%Y"),
                    a.format("%d/%m/%Y")
                ),
                "đối chiếu lại hai ngày với điều khoản hiệu lực của nghị quyết",
            );
        }
    }
    cx.source(
        &file.resolution.source,
        &ids,
        &[key("resolution"), key("source")],
    );
    if let Some(d) = &file.directory {
        cx.source(&d.source, &ids, &[key("directory"), key("source")]);
    }

    // Units.
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, u) in file.units.iter().enumerate() {
        let at = |k: &str| [key("units"), PathSeg::Index(i), key(k)];
        if let Some(first) = names.insert(u.kind.slug(&u.name), i) {
            let span = cx.at(&at("name"));
            cx.error(
                span,
                "duplicate-unit",
                format!(
                    "{} {} đã có ở mục thứ {} của `units`",
                    u.kind.label(),
                    u.name,
                    first + 1
                ),
                "mỗi xã, phường chỉ ghi một lần; gộp hai mục hoặc sửa tên",
            );
        }
        if FORMER_KINDS
            .iter()
            .chain(["đặc khu "].iter())
            .any(|p| u.name.to_lowercase().starts_with(p))
        {
            let span = cx.at(&at("name"));
            cx.error(
                span,
                "name-with-kind",
                format!("tên `{}` có cả chữ chỉ loại đơn vị", u.name),
                "chỉ ghi tên (ví dụ \"Thạch Lạc\"); loại đơn vị ghi ở `kind`",
            );
        }
        if let Some(code) = &u.code {
            if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
                let span = cx.at(&at("code"));
                cx.error(
                    span,
                    "bad-unit-code",
                    format!("mã đơn vị hành chính `{code}` không đúng dạng"),
                    "mã đơn vị hành chính cấp xã gồm đúng 5 chữ số, viết trong ngoặc kép để giữ số 0 ở đầu; chép từ danh mục mã đơn vị hành chính chính thức",
                );
            } else if let Some(first) = codes.insert(code.as_str(), i) {
                let span = cx.at(&at("code"));
                cx.error(
                    span,
                    "duplicate-unit-code",
                    format!(
                        "mã `{code}` đã dùng cho {} {}",
                        file.units[first].kind.label(),
                        file.units[first].name
                    ),
                    "mỗi đơn vị có một mã riêng; đối chiếu lại với danh mục mã đơn vị hành chính",
                );
            }
        }
        if u.unchanged && !u.former.is_empty() {
            let span = cx.at(&at("former"));
            cx.error(
                span,
                "unchanged-with-former",
                format!(
                    "{} {} ghi `unchanged: true` nhưng có `former`",
                    u.kind.title(),
                    u.name
                ),
                "đơn vị không sắp xếp thì không có đơn vị cũ: xoá `former` hoặc `unchanged`",
            );
        }
        if !u.unchanged && u.former.is_empty() {
            // At `former:` when written empty, else at the unit.
            let span = cx.key_at(&at("former"));
            cx.error(
                span,
                "empty-former",
                format!(
                    "{} {} không ghi đơn vị cũ nào",
                    u.kind.title(),
                    u.name
                ),
                "liệt kê trong `former` các xã, phường, thị trấn cũ theo nghị quyết; nếu đơn vị giữ nguyên, ghi `unchanged: true`",
            );
        }
        for (k, f) in u.former.iter().enumerate() {
            if !FORMER_KINDS.iter().any(|p| f.starts_with(p)) {
                let span = cx.at(&[
                    key("units"),
                    PathSeg::Index(i),
                    key("former"),
                    PathSeg::Index(k),
                ]);
                cx.error(
                    span,
                    "former-kind",
                    format!("đơn vị cũ `{f}` không ghi loại đơn vị"),
                    "bắt đầu bằng \"xã \", \"phường \" hoặc \"thị trấn \" như trong nghị quyết, ví dụ \"thị trấn Kỳ Đồng\"",
                );
            }
        }
        if let Some(o) = &u.office {
            let office = [key("units"), PathSeg::Index(i), key("office")];
            if !o.has_facts() {
                let span = cx.key_at(&office);
                cx.error(
                    span,
                    "empty-office",
                    format!("`office` của {} {} không có thông tin nào", u.kind.label(), u.name),
                    "ghi address, opening_hours, phone hoặc url (có nguồn), hoặc xoá `office`: trang sẽ dẫn tới danh bạ chính thức",
                );
            }
            match &o.source {
                None if o.has_facts() => {
                    let span = cx.key_at(&office);
                    cx.error(
                        span,
                        "office-no-source",
                        format!(
                            "thông tin bộ phận một cửa của {} {} không ghi nguồn",
                            u.kind.label(),
                            u.name
                        ),
                        "thêm `source:` trỏ tới một nguồn chính thức trong `sources`; chưa xác minh được thì xoá các thông tin này",
                    );
                }
                Some(s) => {
                    let mut p = office.to_vec();
                    p.push(key("source"));
                    cx.source(s, &ids, &p);
                }
                None => {}
            }
        }
    }

    let communes = (cx.errors == 0).then(|| Communes {
        file: path.to_path_buf(),
        data: file,
    });
    Checked {
        communes,
        diags: cx.diags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Checked {
        let root = super::super::yaml::parse(text).unwrap();
        let file: CommunesFile = serde_json::from_value(root.to_json()).unwrap();
        check(Path::new("communes.yaml"), &root, file)
    }

    const HEAD: &str = "province: Hà Tĩnh\nresolution:\n  number: 1665/NQ-UBTVQH15\n  title: t\n  adopted: \"2025-06-16\"\n  operating_from: \"2025-07-01\"\n  source: nq\nsources:\n  - id: nq\n    title: t\n    kind: official_text\n    url: https://a.vn/\nunits:\n";

    fn codes(c: &Checked) -> Vec<&str> {
        c.diags.iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_clean_file_builds_the_model() {
        let c = run(&format!(
            "{HEAD}  - name: Thạch Lạc\n    kind: xa\n    clause: khoản 1 Điều 1\n    former: [xã Tượng Sơn, xã Thạch Lạc]\n  - name: Sơn Kim 1\n    kind: xa\n    clause: khoản 68 Điều 1\n    unchanged: true\n"
        ));
        assert_eq!(codes(&c), Vec::<&str>::new());
        let m = c.communes.unwrap();
        assert_eq!(m.units.len(), 2);
        assert_eq!(m.source("nq").map(|s| s.title.as_str()), Some("t"));
    }

    #[test]
    fn each_rule_reports_its_code() {
        let c = run(&format!(
            "{HEAD}  - name: Thạch Lạc\n    kind: xa\n    code: \"1234\"\n    clause: k\n    former: [Tượng Sơn]\n  - name: Thach Lac\n    kind: xa\n    clause: k\n  - name: Sơn Kim 1\n    kind: xa\n    clause: k\n    unchanged: true\n    former: [xã A]\n    office:\n      phone: \"0239\"\n"
        ));
        let got = codes(&c);
        for want in [
            "bad-unit-code",
            "former-kind",
            "duplicate-unit",
            "empty-former",
            "unchanged-with-former",
            "office-no-source",
        ] {
            assert!(got.contains(&want), "{want} missing from {got:?}");
        }
        assert!(c.communes.is_none());
    }

    #[test]
    fn office_source_must_exist_and_same_code_twice_is_reported() {
        let c = run(&format!(
            "{HEAD}  - name: A\n    kind: xa\n    code: \"18001\"\n    clause: k\n    former: [xã A]\n    office:\n      phone: \"1\"\n      source: nqq\n  - name: B\n    kind: phuong\n    code: \"18001\"\n    clause: k\n    former: [phường B]\n"
        ));
        assert_eq!(codes(&c), vec!["unknown-source", "duplicate-unit-code"]);
    }

    #[test]
    fn names_differing_only_in_accents_or_punctuation_are_one_unit() {
        assert_eq!(UnitKind::Xa.slug("Sơn Kim 1"), "xa-son-kim-1");
        assert_eq!(UnitKind::Xa.slug("Sơn Kim-1"), "xa-son-kim-1");
        assert_eq!(UnitKind::Phuong.slug("Hà Huy Tập"), "phuong-ha-huy-tap");
        let c = run(&format!(
            "{HEAD}  - name: Sơn Kim 1\n    kind: xa\n    clause: k\n    unchanged: true\n  - name: Son Kim-1\n    kind: xa\n    clause: k\n    unchanged: true\n  - name: Sơn Kim 1\n    kind: phuong\n    clause: k\n    former: [phường A]\n"
        ));
        assert_eq!(codes(&c), vec!["duplicate-unit"]);
    }
}
