//! Converts the neutral peer-benchmark corpus written by `/work/shared/bench/gen_corpus.py`
//! (`<OUT>/catalogue/<sector>/<code>.yaml`: code, name, sector, level, agency, fees,
//! time_limit_days, papers, steps (Markdown), legal_basis, channels) into a motcua catalogue,
//! so that motcua builds the same content as Hugo, Zola and Pagefind do.
//!
//! ```text
//! python3 /work/shared/bench/gen_corpus.py 1000 /tmp/corpus --forms catalogue,hugo
//! cargo run --release --example convert_bench_corpus -- /tmp/corpus /tmp/corpus-motcua
//! ```
//!
//! Mapping: sectors, agencies and legal documents are collected from the procedures and
//! written once each (ids are slugs of the Vietnamese names); the Markdown body is split at
//! its `**Bước N: …**` headings into steps, its "Yêu cầu, điều kiện thực hiện" list becomes
//! conditions (marked `unverified`, since the corpus gives no article), and its "Lưu ý" text
//! becomes the summary. The corpus gives no legal basis per paper or fee, so papers cite the
//! procedure's first law and fees its fee regulation. A document without a `số/năm/ký-hiệu`
//! number (e.g. "Quyết định số 595/QĐ-BHXH") cannot be registered in legal/ (motcua's number
//! pattern needs a year); it is kept as text in `version.notes`. A procedure left with no
//! citable document at all (about 1 in 1,000) would fail `check` and block the build, so it is
//! skipped and its code reported: the peers then build a few more pages than motcua.
//!
//! Also used as a module by the integration tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use motcua::catalogue::raw::{
    AgencyFile, Amount, AmountWord, ChangeKind, Channel, ChannelKind, Condition, ContactUrl, Fee,
    FeeKind, Feedback, HttpUrl, LegalBasis, LegalDocument, LegalStatus, Level, OnlineLevel, Paper,
    PaperGroup, PaperHandling, ProcedureAgencies, ProcedureFile, ProcedureResult, Sector,
    SectorsFile, SiteFile, Source, SourceKind, Step, TimeLimit, TimeUnit, Version,
};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// One procedure in the neutral corpus format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Neutral {
    pub code: String,
    pub name: String,
    pub sector: String,
    pub level: String,
    pub agency: String,
    #[serde(default)]
    pub fees: Vec<NeutralFee>,
    pub time_limit_days: f64,
    pub papers: Vec<NeutralPaper>,
    pub steps: String,
    pub legal_basis: Vec<String>,
    pub channels: Vec<String>,
}

/// A fee row of the neutral format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeutralFee {
    pub label: String,
    pub amount_vnd: i64,
}

/// A paper of the neutral format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeutralPaper {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
}

/// ASCII slug of Vietnamese text: `Sở Tư pháp tỉnh Hà Nội` → `so-tu-phap-tinh-ha-noi`.
pub fn slugify(s: &str) -> String {
    let s = s.replace(['đ', 'Đ'], "d");
    let mut out = String::new();
    for c in s
        .nfd()
        .filter(|c| c.is_ascii())
        .flat_map(char::to_lowercase)
    {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn level_of(s: &str) -> Level {
    match s {
        "Cấp xã" => Level::Commune,
        "Cấp tỉnh" => Level::Province,
        "Cấp trung ương" => Level::Ministry,
        _ => Level::Other,
    }
}

/// A legal document found in a `legal_basis` line.
#[derive(Debug, Clone)]
pub struct Cited {
    pub number: String,
    pub kind: String,
    pub title: String,
    pub signed: String,
}

/// Parses "Luật Cư trú số 68/2020/QH14 ngày 13/11/2020" or "Nghị định số 23/2015/NĐ-CP về …".
pub fn parse_citation(line: &str) -> Option<Cited> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(\d+)/(\d{4})/([A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*)").expect("regex")
    });
    let m = re.captures(line)?;
    let whole = m.get(0)?;
    let number = whole.as_str().to_string();
    let year = m.get(2)?.as_str();
    let before = line[..whole.start()]
        .trim_end()
        .trim_end_matches(" số")
        .trim_end_matches("số")
        .trim();
    let after = line[whole.end()..].trim();
    // "… ngày 13/11/2020" at the end (gen_corpus adds it to most citations).
    let (rest, date_part) = match after.rfind("ngày ") {
        Some(i) if after[i + "ngày ".len()..].split('/').count() == 3 => {
            (after[..i].trim(), after[i + "ngày ".len()..].trim())
        }
        _ => (after, ""),
    };
    let kinds = [
        "Bộ luật",
        "Luật",
        "Nghị định",
        "Nghị quyết",
        "Thông tư",
        "Quyết định",
    ];
    let kind = kinds
        .iter()
        .find(|k| before.starts_with(*k))
        .copied()
        .unwrap_or("Văn bản");
    let title = if before.len() > kind.len() {
        before.to_string()
    } else if !rest.is_empty() {
        let mut t = format!("{kind} {rest}");
        t = t.trim().to_string();
        t
    } else {
        format!("{kind} số {number}")
    };
    let signed = chrono::NaiveDate::parse_from_str(date_part, "%d/%m/%Y")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| format!("{year}-01-01"));
    Some(Cited {
        number,
        kind: kind.to_string(),
        title,
        signed,
    })
}

fn issuer_of(number: &str) -> &'static str {
    let code = number.rsplit('/').next().unwrap_or("");
    if code.starts_with("UBTVQH") {
        "Ủy ban Thường vụ Quốc hội"
    } else if code.starts_with("QH") {
        "Quốc hội"
    } else if code.ends_with("-CP") {
        "Chính phủ"
    } else if code.ends_with("-TTg") {
        "Thủ tướng Chính phủ"
    } else if code.starts_with("TT-") {
        "Bộ, cơ quan ngang bộ"
    } else {
        "Cơ quan nhà nước có thẩm quyền"
    }
}

/// The parts of the Markdown body.
#[derive(Debug, Default)]
pub struct Body {
    pub steps: Vec<(String, String)>,
    pub conditions: Vec<String>,
    pub notes: String,
}

/// Splits the body at `**…**` headings.
pub fn split_body(md: &str) -> Body {
    let mut body = Body::default();
    let mut current: Option<String> = None;
    let mut text = String::new();
    let flush = |heading: &Option<String>, text: &mut String, body: &mut Body| {
        let t = text.trim().to_string();
        text.clear();
        let Some(h) = heading else { return };
        if let Some(title) = h
            .strip_prefix("Bước ")
            .and_then(|s| s.split_once(": "))
            .map(|(_, t)| t)
        {
            body.steps.push((title.to_string(), t));
        } else if h.starts_with("Yêu cầu, điều kiện") {
            body.conditions.extend(
                t.lines()
                    .filter_map(|l| l.strip_prefix("- "))
                    .map(str::to_string),
            );
        } else if !t.is_empty() {
            if !body.notes.is_empty() {
                body.notes.push_str("\n\n");
            }
            body.notes.push_str(&t);
        }
    };
    for line in md.lines() {
        if line.starts_with("## ") {
            continue;
        }
        if let Some(h) = line.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
            flush(&current, &mut text, &mut body);
            current = Some(h.to_string());
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    flush(&current, &mut text, &mut body);
    body
}

fn cite(document: &str) -> LegalBasis {
    LegalBasis {
        document: document.to_string(),
        article: None,
    }
}

/// What a conversion produced.
#[derive(Debug, Default)]
pub struct Report {
    pub procedures: usize,
    /// Codes of procedures skipped because they cite no document that could be registered.
    pub uncitable: Vec<String>,
}

fn neutral_files(input: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for sector in std::fs::read_dir(input)? {
        let sector = sector?.path();
        if !sector.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&sector)? {
            let f = f?.path();
            if f.extension().is_some_and(|e| e == "yaml") {
                files.push(f);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

/// Serializes a record as hand-written-looking YAML (see `motcua::catalogue::emit`).
fn to_yaml<T: serde::Serialize>(value: &T) -> String {
    motcua::catalogue::emit::to_yaml(value).expect("serialize")
}

/// Converts one neutral procedure; registers what it references.
fn convert_one(
    n: Neutral,
    sectors: &mut BTreeMap<String, String>,
    agencies: &mut BTreeMap<String, (String, Level)>,
    legal: &mut BTreeMap<String, Cited>,
    report: &mut Report,
) -> Option<ProcedureFile> {
    let sector_id = slugify(&n.sector);
    sectors
        .entry(sector_id.clone())
        .or_insert_with(|| n.sector.clone());
    let level = level_of(&n.level);
    let agency_id = slugify(&n.agency);
    agencies
        .entry(agency_id.clone())
        .or_insert_with(|| (n.agency.clone(), level));

    let mut cited = Vec::new();
    let mut uncitable = Vec::new();
    for line in &n.legal_basis {
        match parse_citation(line) {
            Some(c) => {
                if !cited.contains(&c.number) {
                    cited.push(c.number.clone());
                }
                legal.entry(c.number.clone()).or_insert(c);
            }
            None => uncitable.push(line.clone()),
        }
    }
    if cited.is_empty() {
        report.uncitable.push(n.code.clone());
        return None;
    }
    let first_law = cited.first().cloned();
    // gen_corpus appends the fee regulation last when there are fees.
    let fee_doc = if n.fees.is_empty() {
        None
    } else {
        cited.last().cloned()
    };
    let grounded = |doc: &Option<String>| doc.iter().map(|d| cite(d)).collect::<Vec<_>>();

    let body = split_body(&n.steps);
    let fees: Vec<Fee> = n
        .fees
        .iter()
        .map(|f| Fee {
            kind: if f.label.starts_with("Lệ phí") {
                FeeKind::Charge
            } else {
                FeeKind::Fee
            },
            name: Some(f.label.clone()),
            amount: Some(if f.amount_vnd == 0 {
                Amount::Word(AmountWord::Free)
            } else {
                Amount::Vnd(f.amount_vnd)
            }),
            per: None,
            condition: None,
            exemptions: vec![],
            legal_basis: grounded(&fee_doc),
            unverified: fee_doc.is_none(),
            valid_from: None,
            valid_until: None,
        })
        .collect();
    let mut kinds: Vec<(ChannelKind, Option<OnlineLevel>)> = Vec::new();
    for c in &n.channels {
        let k = match c.as_str() {
            "Trực tiếp" => (ChannelKind::InPerson, None),
            "Trực tuyến toàn trình" => (ChannelKind::Online, Some(OnlineLevel::Full)),
            "Trực tuyến một phần" => (ChannelKind::Online, Some(OnlineLevel::Partial)),
            "Dịch vụ bưu chính công ích" => (ChannelKind::Postal, None),
            _ => continue,
        };
        // Full and partial online on the same procedure: keep the first (the more complete).
        if !kinds.iter().any(|(kind, _)| *kind == k.0) {
            kinds.push(k);
        }
    }
    if kinds.is_empty() {
        kinds.push((ChannelKind::InPerson, None));
    }
    let channels = kinds
        .into_iter()
        .map(|(kind, online_level)| Channel {
            kind,
            description: None,
            url: None,
            online_level,
            time_limits: vec![TimeLimit {
                value: Some(n.time_limit_days),
                unit: TimeUnit::WorkingDays,
                counted_from: Some("kể từ ngày nhận đủ hồ sơ hợp lệ".into()),
                cutoff_hour: None,
                condition: None,
                legal_basis: vec![],
                // The neutral corpus gives no legal basis for its time limits.
                unverified: true,
            }],
            fees: fees.clone(),
        })
        .collect();
    let items = n
        .papers
        .iter()
        .map(|p| Paper {
            name: p.name.clone(),
            originals: p.originals,
            copies: p.copies,
            handling: PaperHandling::Submit,
            form: None,
            office_looks_up: None,
            required: true,
            note: None,
            legal_basis: grounded(&first_law),
            unverified: first_law.is_none(),
        })
        .collect();
    let notes = (!uncitable.is_empty()).then(|| format!("Căn cứ khác: {}", uncitable.join("; ")));
    report.procedures += 1;
    Some(ProcedureFile {
        code: n.code.clone(),
        old_codes: vec![],
        name: n.name.clone(),
        keywords: vec![],
        summary: if body.notes.is_empty() {
            n.name.clone()
        } else {
            body.notes
        },
        sector: sector_id,
        levels: vec![level],
        procedure_type: None,
        applicants: vec!["Tổ chức, cá nhân".into()],
        agencies: ProcedureAgencies {
            competent: agency_id.clone(),
            executing: vec![agency_id],
            delegated: vec![],
            coordinating: vec![],
        },
        offices: vec![],
        steps: body
            .steps
            .into_iter()
            .map(|(title, text)| Step {
                title,
                actor: None,
                text: (!text.is_empty()).then_some(text),
            })
            .collect(),
        channels,
        papers: vec![PaperGroup { case: None, items }],
        dossier_sets: None,
        conditions: body
            .conditions
            .into_iter()
            .map(|text| Condition {
                text,
                legal_basis: vec![],
                unverified: true,
            })
            .collect(),
        result: ProcedureResult {
            name: format!("Kết quả giải quyết: {}", n.name),
            description: None,
            electronic: false,
        },
        legal_basis: cited.iter().map(|d| cite(d)).collect(),
        version: Version {
            decision: "Dữ liệu tổng hợp gen_corpus.py".into(),
            decision_url: None,
            signed: "2025-07-01".into(),
            effective: None,
            change: ChangeKind::New,
            changed_parts: vec![],
            replaces: vec![],
            replaced_by: None,
            notes,
        },
        sources: vec![Source {
            title: format!("Kho dữ liệu so sánh (gen_corpus.py), thủ tục {}", n.code),
            kind: SourceKind::Secondary,
            url: None,
            // Synthetic data has no address; `printed` keeps `check` quiet about it.
            printed: true,
            accessed: None,
            covers: vec![],
        }],
        last_verified: "2026-06-01".into(),
        alert: None,
    })
}

/// Converts the neutral corpus in `input` (the `catalogue/` directory of gen_corpus's output,
/// or that output directory itself) into a motcua catalogue in `out`.
pub fn convert(input: &Path, out: &Path) -> std::io::Result<Report> {
    let input = if input.join("catalogue").is_dir() {
        input.join("catalogue")
    } else {
        input.to_path_buf()
    };
    let mut sectors = BTreeMap::new();
    let mut agencies = BTreeMap::new();
    let mut legal = BTreeMap::new();
    let mut report = Report::default();
    for f in neutral_files(&input)? {
        let text = std::fs::read_to_string(&f)?;
        let n: Neutral = serde_yaml::from_str(&text).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", f.display()),
            )
        })?;
        let Some(p) = convert_one(n, &mut sectors, &mut agencies, &mut legal, &mut report) else {
            continue;
        };
        let path = out
            .join("procedures")
            .join(&p.sector)
            .join(format!("{}.yaml", p.code));
        write(&path, &to_yaml(&p))?;
    }
    let site = SiteFile {
        name: "Thủ tục hành chính (kho dữ liệu so sánh)".into(),
        province: "Toàn quốc".into(),
        // Links are paths under the base URL's path (`/`), as in the peers' builds.
        base_url: HttpUrl::parse("http://localhost/")
            .map_err(|p| std::io::Error::other(p.message))?,
        description: Some("Cùng nội dung với bản Hugo, Zola của bộ so sánh hiệu năng.".into()),
        languages: vec!["vi".into()],
        contact: None,
        feedback: Feedback {
            url: ContactUrl::parse("https://dichvucong.gov.vn/")
                .map_err(|p| std::io::Error::other(p.message))?,
            label: None,
            phone: None,
            tracking_url: None,
        },
        freshness_days: 3650,
        theme: None,
        featured: Vec::new(),
        licence: None,
        publish: Default::default(),
    };
    write(&out.join("site.yaml"), &to_yaml(&site))?;
    let sectors = SectorsFile {
        sectors: sectors
            .into_iter()
            .map(|(id, name)| Sector {
                id,
                name,
                description: None,
            })
            .collect(),
    };
    write(&out.join("sectors.yaml"), &to_yaml(&sectors))?;
    for (id, (name, level)) in agencies {
        let a = AgencyFile {
            name,
            short_name: None,
            level,
            description: None,
            parent: None,
            address: None,
            opening_hours: vec![],
            phone: None,
            email: None,
            website: None,
            coordinates: None,
            channels: vec![],
            sources: vec![],
        };
        write(
            &out.join("agencies").join(format!("{id}.yaml")),
            &to_yaml(&a),
        )?;
    }
    for (number, c) in legal {
        let d = LegalDocument {
            number: number.clone(),
            issuer: issuer_of(&number).into(),
            kind: c.kind,
            title: c.title,
            signed: c.signed,
            in_force_from: None,
            status: LegalStatus::InForce,
            in_force_until: None,
            replaced_by: None,
            amended_by: vec![],
            url: None,
            sources: vec![],
        };
        write(
            &out.join("legal")
                .join(format!("{}.yaml", number.replace('/', "-"))),
            &to_yaml(&d),
        )?;
    }
    Ok(report)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        eprintln!("usage: convert_bench_corpus GEN_CORPUS_OUTDIR OUTDIR");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    match convert(Path::new(input), Path::new(out)) {
        Ok(r) => {
            eprintln!(
                "converted {} procedures into {out} in {:.2?}",
                r.procedures,
                start.elapsed()
            );
            if !r.uncitable.is_empty() {
                eprintln!(
                    "note: skipped {} procedure(s) that cite no document with a số/năm/ký-hiệu number: {}",
                    r.uncitable.len(),
                    r.uncitable.join(", ")
                );
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
