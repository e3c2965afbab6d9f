//! Open data as CSV tables: one file per kind of fact, UTF-8 with a byte-order mark so Excel
//! opens Vietnamese text correctly. The format is motcua's own, documented column by column
//! by [`TABLES`] (which the "Dữ liệu mở" page renders), and independent of the catalogue's
//! YAML keys: renaming an input key cannot silently change a published column.

use serde::Serialize;

use super::urls::{self, Urls};
use super::views;
use crate::catalogue::model::{
    Amount, AmountWord, Catalogue, FeeKind, LegalBasis, PaperHandling, Procedure,
};

/// The version of the tables' format; bumped when a column changes meaning or goes away.
pub const FORMAT_VERSION: &str = "1.0";

/// Where the tables are published.
pub const DIR: &str = "du-lieu/";

/// One column of a table: its name and what it means.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    /// The header, ASCII snake_case.
    pub name: &'static str,
    /// What the column holds, in Vietnamese.
    pub meaning: &'static str,
}

/// One published table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Table {
    /// File name under [`DIR`].
    pub file: &'static str,
    /// What one row is.
    pub row: &'static str,
    /// The columns, in order.
    pub columns: &'static [Column],
    /// Where its rows come from, one value per column.
    #[serde(skip)]
    rows: Rows,
}

/// Where a table's rows come from. Procedure rows are made as each whole procedure passes
/// (see [`Csv::add`]), so a large catalogue's tables are never held in memory as cells.
#[derive(Debug, Clone, Copy)]
enum Rows {
    /// The rows of one procedure.
    PerProcedure(fn(&Catalogue, &Urls, &Procedure) -> Vec<Vec<String>>),
    /// The rows of the catalogue as a whole.
    Catalogue(fn(&Catalogue) -> Vec<Vec<String>>),
}

const fn col(name: &'static str, meaning: &'static str) -> Column {
    Column { name, meaning }
}

const PROCEDURES: Table = Table {
    file: "thu-tuc.csv",
    rows: Rows::PerProcedure(procedure_rows),
    row: "một thủ tục hành chính",
    columns: &[
        col(
            "code",
            "Mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC (d.dddddd)",
        ),
        col("name", "Tên thủ tục, đúng như quyết định công bố"),
        col("sector_id", "Mã lĩnh vực"),
        col("sector", "Tên lĩnh vực"),
        col("levels", "Cấp thực hiện, cách nhau bởi dấu ;"),
        col(
            "status",
            "current (đang áp dụng) hoặc abolished (đã bãi bỏ)",
        ),
        col("competent_agency", "Cơ quan có thẩm quyền quyết định"),
        col(
            "executing_agencies",
            "Cơ quan thực hiện, cách nhau bởi dấu ;",
        ),
        col("result", "Kết quả người dân nhận được"),
        col("decision", "Số quyết định công bố của phiên bản hiện tại"),
        col("decision_signed", "Ngày ký quyết định công bố (YYYY-MM-DD)"),
        col(
            "last_verified",
            "Ngày đối chiếu gần nhất với nguồn (YYYY-MM-DD)",
        ),
        col("url", "Địa chỉ trang thủ tục"),
    ],
};

const TIME_LIMITS: Table = Table {
    file: "thoi-han.csv",
    rows: Rows::PerProcedure(time_limit_rows),
    row: "một dòng thời hạn giải quyết của một cách nộp",
    columns: &[
        col("code", "Mã thủ tục"),
        col(
            "channel",
            "Cách nộp: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)",
        ),
        col(
            "row",
            "Thứ tự dòng trong cách nộp (1 là trường hợp thông thường)",
        ),
        col(
            "value",
            "Số lượng (trống khi giải quyết ngay hoặc không quy định)",
        ),
        col(
            "unit",
            "working_days, calendar_days, hours, immediate hoặc not_specified",
        ),
        col("text", "Câu thời hạn như trên trang thủ tục"),
        col(
            "condition",
            "Trường hợp áp dụng (trống: trường hợp thông thường)",
        ),
        col(
            "legal_basis",
            "Văn bản quy định, dạng số hiệu (điều khoản), cách nhau bởi dấu ;",
        ),
        col("unverified", "true khi chưa xác minh được văn bản quy định"),
    ],
};

const FEES: Table = Table {
    file: "phi-le-phi.csv",
    rows: Rows::PerProcedure(fee_rows),
    row: "một khoản phí hoặc lệ phí của một cách nộp",
    columns: &[
        col("code", "Mã thủ tục"),
        col("channel", "Cách nộp (như trong thoi-han.csv)"),
        col("kind", "fee (phí) hoặc charge (lệ phí)"),
        col("name", "Tên khoản thu"),
        col(
            "amount_vnd",
            "Số tiền (đồng); trống khi miễn phí hoặc chưa có thông tin",
        ),
        col("free", "true khi văn bản quy định không thu"),
        col("per", "Đơn vị tính"),
        col("condition", "Áp dụng khi nào"),
        col(
            "exemptions",
            "Trường hợp được miễn, giảm, cách nhau bởi dấu ;",
        ),
        col("legal_basis", "Văn bản quy định, cách nhau bởi dấu ;"),
        col("unverified", "true khi chưa xác minh được văn bản quy định"),
    ],
};

const PAPERS: Table = Table {
    file: "giay-to.csv",
    rows: Rows::PerProcedure(paper_rows),
    row: "một giấy tờ trong hồ sơ",
    columns: &[
        col("code", "Mã thủ tục"),
        col("case", "Trường hợp áp dụng (trống: mọi trường hợp)"),
        col("name", "Tên giấy tờ"),
        col("originals", "Số bản chính"),
        col("copies", "Số bản sao"),
        col(
            "handling",
            "submit (nộp) hoặc show (xuất trình để đối chiếu)",
        ),
        col("required", "false khi chỉ cần nếu có"),
        col("form", "Ký hiệu mẫu đơn, tờ khai"),
        col(
            "office_looks_up",
            "Khi nào cơ quan tự tra cứu thay vì yêu cầu nộp",
        ),
        col("legal_basis", "Văn bản quy định, cách nhau bởi dấu ;"),
        col("unverified", "true khi chưa xác minh được văn bản quy định"),
    ],
};

const LEGAL_BASIS: Table = Table {
    file: "can-cu-phap-ly.csv",
    rows: Rows::PerProcedure(legal_basis_rows),
    row: "một văn bản là căn cứ pháp lý của một thủ tục",
    columns: &[
        col("code", "Mã thủ tục"),
        col("document", "Số hiệu văn bản"),
        col("article", "Điều, khoản, điểm"),
        col("kind", "Loại văn bản"),
        col("title", "Trích yếu"),
        col(
            "status",
            "in_force, amended, replaced, expired hoặc repealed",
        ),
    ],
};

const AGENCIES: Table = Table {
    file: "co-quan.csv",
    rows: Rows::Catalogue(agency_rows),
    row: "một cơ quan hoặc nơi tiếp nhận hồ sơ",
    columns: &[
        col("id", "Mã cơ quan trong danh mục"),
        col("name", "Tên cơ quan"),
        col("level", "Cấp"),
        col("address", "Địa chỉ (trống khi chưa xác minh)"),
        col("opening_hours", "Giờ làm việc, cách nhau bởi dấu ;"),
        col("phone", "Điện thoại"),
        col("email", "Thư điện tử"),
        col("website", "Trang thông tin điện tử"),
    ],
};

/// Every published table, in the order the data page lists them.
pub const TABLES: &[Table] = &[PROCEDURES, TIME_LIMITS, FEES, PAPERS, LEGAL_BASIS, AGENCIES];

fn bases(items: &[LegalBasis]) -> String {
    items
        .iter()
        .map(|b| match &b.article {
            Some(a) => format!("{} ({a})", b.document),
            None => b.document.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn yes(b: bool) -> String {
    b.to_string()
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

fn procedure_rows(c: &Catalogue, u: &Urls, p: &Procedure) -> Vec<Vec<String>> {
    vec![procedure_row(c, u, p)]
}

fn time_limit_rows(_: &Catalogue, _: &Urls, p: &Procedure) -> Vec<Vec<String>> {
    p.channels
        .iter()
        .flat_map(move |ch| {
            ch.time_limits.iter().enumerate().map(move |(i, t)| {
                vec![
                    p.code.clone(),
                    ch.kind.id().to_string(),
                    (i + 1).to_string(),
                    t.value.map(number).unwrap_or_default(),
                    t.unit.id().to_string(),
                    views::time_limit_text(t),
                    t.condition.clone().unwrap_or_default(),
                    bases(&t.legal_basis),
                    yes(t.unverified),
                ]
            })
        })
        .collect()
}

fn fee_rows(_: &Catalogue, _: &Urls, p: &Procedure) -> Vec<Vec<String>> {
    p.channels
        .iter()
        .flat_map(move |ch| {
            ch.fees.iter().map(move |f| {
                let (amount, free) = match &f.amount {
                    Some(Amount::Vnd(v)) => (v.to_string(), false),
                    Some(Amount::Word(AmountWord::Free)) => (String::new(), true),
                    None => (String::new(), false),
                };
                vec![
                    p.code.clone(),
                    ch.kind.id().to_string(),
                    match f.kind {
                        FeeKind::Fee => "fee",
                        FeeKind::Charge => "charge",
                    }
                    .to_string(),
                    f.name.clone().unwrap_or_default(),
                    amount,
                    yes(free),
                    f.per.clone().unwrap_or_default(),
                    f.condition.clone().unwrap_or_default(),
                    f.exemptions.join("; "),
                    bases(&f.legal_basis),
                    yes(f.unverified),
                ]
            })
        })
        .collect()
}

fn paper_rows(_: &Catalogue, _: &Urls, p: &Procedure) -> Vec<Vec<String>> {
    // Reads the parts a summary drops: callers pass `Catalogue::full`'s procedure.
    debug_assert!(!p.is_summary(), "{} is a summary", p.code);
    p.papers
        .iter()
        .flat_map(move |g| {
            g.items.iter().map(move |i| {
                vec![
                    p.code.clone(),
                    g.case.clone().unwrap_or_default(),
                    i.name.clone(),
                    i.originals.to_string(),
                    i.copies.to_string(),
                    match i.handling {
                        PaperHandling::Submit => "submit",
                        PaperHandling::Show => "show",
                    }
                    .to_string(),
                    yes(i.required),
                    i.form.as_ref().map(|f| f.code.clone()).unwrap_or_default(),
                    i.office_looks_up.clone().unwrap_or_default(),
                    bases(&i.legal_basis),
                    yes(i.unverified),
                ]
            })
        })
        .collect()
}

fn legal_basis_rows(c: &Catalogue, _: &Urls, p: &Procedure) -> Vec<Vec<String>> {
    p.legal_basis
        .iter()
        .map(move |b| {
            let doc = c.legal.get(&b.document);
            vec![
                p.code.clone(),
                b.document.clone(),
                b.article.clone().unwrap_or_default(),
                doc.map(|d| d.kind.clone()).unwrap_or_default(),
                doc.map(|d| d.title.clone()).unwrap_or_default(),
                doc.map(|d| crate::export::legal_status(d.status).to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

fn agency_rows(c: &Catalogue) -> Vec<Vec<String>> {
    c.agencies
        .values()
        .map(|a| {
            vec![
                a.id.clone(),
                a.name.clone(),
                views::level_name(a.level).to_string(),
                a.address.clone().unwrap_or_default(),
                a.opening_hours.join("; "),
                a.phone.clone().unwrap_or_default(),
                a.email.clone().unwrap_or_default(),
                a.website
                    .as_ref()
                    .map(|w| w.to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

fn procedure_row(c: &Catalogue, u: &Urls, p: &Procedure) -> Vec<String> {
    let agency = |id: &str| {
        c.agencies
            .get(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    vec![
        p.code.clone(),
        p.name.clone(),
        p.sector.clone(),
        c.sector(&p.sector)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| p.sector.clone()),
        p.levels
            .iter()
            .map(|l| views::level_name(*l))
            .collect::<Vec<_>>()
            .join("; "),
        if p.is_abolished() {
            "abolished"
        } else {
            "current"
        }
        .to_string(),
        agency(&p.agencies.competent),
        p.agencies
            .executing
            .iter()
            .map(|a| agency(a))
            .collect::<Vec<_>>()
            .join("; "),
        p.result.name.clone(),
        p.version.decision.clone(),
        p.version.signed.clone(),
        p.last_verified.format("%Y-%m-%d").to_string(),
        u.absolute(&urls::procedure(&p.code)),
    ]
}

/// The CSV tables being written (UTF-8 with a byte-order mark, CRLF line ends as RFC 4180
/// says): each procedure's rows are added as it passes, in code order.
pub(crate) struct Csv<'s> {
    writers: Vec<csv::Writer<Box<dyn super::FilePart + 's>>>,
}

/// One procedure's rows for each table in [`TABLES`] (none for the catalogue-wide tables).
pub(crate) type ProcedureRows = Vec<Vec<Vec<String>>>;

impl<'s> Csv<'s> {
    /// Every table started in `sink`, with its header row.
    pub(crate) fn new(sink: &'s dyn super::Sink) -> Result<Csv<'s>, super::SiteError> {
        let writers = TABLES
            .iter()
            .map(|t| {
                let mut file = sink.create(format!("{DIR}{}", t.file))?;
                file.write_all(b"\xEF\xBB\xBF")
                    .map_err(|e| super::SiteError::Io(std::path::PathBuf::from(t.file), e))?;
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(file);
                w.write_record(t.columns.iter().map(|col| col.name))?;
                Ok(w)
            })
            .collect::<Result<_, super::SiteError>>()?;
        Ok(Csv { writers })
    }

    /// The rows whole procedure `p` has in each table; pure, so procedures can be turned into
    /// rows in parallel and added in order.
    pub(crate) fn rows_of(c: &Catalogue, u: &Urls, p: &Procedure) -> ProcedureRows {
        TABLES
            .iter()
            .map(|t| match t.rows {
                Rows::PerProcedure(rows) => rows(c, u, p),
                Rows::Catalogue(_) => Vec::new(),
            })
            .collect()
    }

    /// Appends one procedure's rows (from [`Csv::rows_of`]).
    pub(crate) fn add(&mut self, rows: ProcedureRows) -> Result<(), csv::Error> {
        for (w, table) in self.writers.iter_mut().zip(rows) {
            for row in table {
                w.write_record(&row)?;
            }
        }
        Ok(())
    }

    /// Adds the catalogue-wide tables' rows and completes every table.
    pub(crate) fn finish(self, c: &Catalogue) -> Result<(), super::SiteError> {
        for (t, mut w) in TABLES.iter().zip(self.writers) {
            if let Rows::Catalogue(rows) = t.rows {
                for row in rows(c) {
                    w.write_record(&row)?;
                }
            }
            w.into_inner()
                .map_err(|e| csv::Error::from(e.into_error()))?
                .done()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_row_has_one_value_per_column() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::cmd::init::write(dir.path(), false).expect("init");
        let (c, diags) =
            crate::catalogue::load_and_validate(dir.path(), &crate::catalogue::Options::default());
        assert!(!diags.has_errors());
        let u = Urls::new("https://example.gov.vn/");
        for t in TABLES {
            let rows: Vec<Vec<String>> = match t.rows {
                Rows::PerProcedure(rows) => {
                    c.procedures.iter().flat_map(|p| rows(&c, &u, p)).collect()
                }
                Rows::Catalogue(rows) => rows(&c),
            };
            assert!(!rows.is_empty(), "{} has rows", t.file);
            for r in rows {
                assert_eq!(r.len(), t.columns.len(), "{}: {r:?}", t.file);
            }
        }
    }
}
