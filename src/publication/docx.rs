//! The annex as a Word document: A4, Times New Roman 13 pt, margins of NĐ 30/2020/NĐ-CP
//! (top and bottom 2 cm, left 3 cm, right 2 cm), Phần I as real Word tables so gazette
//! editors can paste them into the decision template.

use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};

use super::annex::{Annex, Block};

/// Font size in half-points (13 pt).
const SIZE: usize = 26;
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Text width of A4 with 3 cm + 2 cm side margins, in twips.
const TEXT_WIDTH: usize = 11_906 - 1_701 - 1_134;

/// A failure to write the document.
#[derive(Debug, thiserror::Error)]
#[error("không tạo được tệp .docx: {0}")]
pub struct DocxError(String);

fn run(text: &str) -> Run {
    // Line breaks inside a cell become Word line breaks, not one long line.
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn bold(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text).bold())
}

fn centered(text: &str) -> Paragraph {
    bold(text).align(AlignmentType::Center)
}

/// Column widths (twips) for the Danh mục tables: narrow number and code columns.
fn widths(columns: usize) -> Vec<usize> {
    let narrow = [600, 1_150];
    let rest = (TEXT_WIDTH - narrow.iter().sum::<usize>()) / columns.saturating_sub(2).max(1);
    (0..columns)
        .map(|i| narrow.get(i).copied().unwrap_or(rest))
        .collect()
}

fn table(header: &[String], rows: &[Vec<String>], widths: &[usize]) -> Table {
    let cell = |text: &str, w: usize, head: bool| {
        let p = if head { centered(text) } else { para(text) };
        TableCell::new().add_paragraph(p).width(w, WidthType::Dxa)
    };
    let mut out = vec![TableRow::new(
        header
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(h, *w, true))
            .collect(),
    )];
    for r in rows {
        out.push(TableRow::new(
            r.iter()
                .zip(widths)
                .map(|(t, w)| cell(t, *w, false))
                .collect(),
        ));
    }
    Table::new(out).set_grid(widths.to_vec())
}

/// The .docx bytes of an annex.
pub fn write(annex: &Annex) -> Result<Vec<u8>, DocxError> {
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin {
            top: 1_134,
            left: 1_701,
            bottom: 1_134,
            right: 1_134,
            header: 720,
            footer: 720,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .east_asia("Times New Roman")
                .cs("Times New Roman"),
        )
        .default_size(SIZE);
    doc = doc.add_paragraph(centered(&annex.title));
    for line in annex.subtitle.split('\n') {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(line).italic())
                .align(AlignmentType::Center),
        );
    }
    doc = doc.add_paragraph(centered("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH"));
    for g in &annex.list {
        doc = doc.add_paragraph(bold(&format!("{}. {}", g.number, g.heading)));
        let header: Vec<String> = g.columns.iter().map(|c| c.to_string()).collect();
        let w = widths(header.len());
        for l in &g.levels {
            doc = doc.add_paragraph(bold(&format!("{}. {}", l.letter, l.heading)));
            for s in &l.sectors {
                doc = doc.add_paragraph(bold(&format!("{}. {}", s.roman, s.heading)));
                doc = doc.add_table(table(&header, &s.rows, &w));
            }
        }
    }
    if !annex.contents.is_empty() {
        doc = doc.add_paragraph(
            centered("PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH")
                .page_break_before(true),
        );
    }
    for c in &annex.contents {
        doc = doc.add_paragraph(bold(&format!("{}. {} (mã {})", c.number, c.name, c.code)));
        if let Some(ch) = &c.changed {
            doc = doc.add_paragraph(Paragraph::new().add_run(run(ch).italic()));
        }
        for (i, s) in c.sections.iter().enumerate() {
            doc = doc.add_paragraph(bold(&format!("{}. {}", i + 1, s.heading)));
            for b in &s.blocks {
                doc = match b {
                    Block::Text { text } => doc.add_paragraph(para(text)),
                    Block::Table { header, rows } => {
                        let w = match header.len() {
                            3 => vec![TEXT_WIDTH / 2, TEXT_WIDTH / 4, TEXT_WIDTH / 4],
                            n => vec![TEXT_WIDTH / n.max(1); n],
                        };
                        doc.add_table(table(header, rows, &w))
                    }
                };
            }
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| DocxError(e.to_string()))?;
    Ok(bytes.into_inner())
}
