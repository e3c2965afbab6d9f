//! Problems found in a catalogue, as data with positions and hints, and their renderings.
//!
//! Every stage pushes `Diagnostic`s into one list instead of stopping at the first problem,
//! so that legal staff see everything that is wrong in one run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};
use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks publishing.
    Error,
    /// Published anyway unless `--deny-warnings`.
    Warning,
}

/// A position in a source file: 1-based line and column (in characters), and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in Unicode scalar values.
    pub col: u32,
    /// Length in characters of the highlighted text (at least 1 when rendered).
    #[serde(skip)]
    pub len: u32,
}

impl Span {
    /// A span at line and column with the given length.
    pub fn new(line: u32, col: u32, len: u32) -> Span {
        Span { line, col, len }
    }

    /// The start of a file.
    pub fn start() -> Span {
        Span::new(1, 1, 1)
    }
}

/// A stable identifier for each kind of problem, for tooling and tests.
pub type Code = &'static str;

/// One problem in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// File path as shown to the user (relative to the working directory when possible).
    pub file: PathBuf,
    /// Where in the file.
    #[serde(flatten)]
    pub span: Span,
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `unknown-key`.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(file: &Path, span: Span, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            span,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a position.
    pub fn warning(file: &Path, span: Span, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, code, message)
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

/// All diagnostics of a run, kept sorted for stable output.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Sorts by file, position, then message, and removes exact repeats.
    pub fn sort(&mut self) {
        self.items.sort();
        self.items.dedup();
    }

    /// The diagnostics, in order.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Source excerpt with a caret, and a hint.
    #[default]
    Human,
    /// One line per problem: `file:line:col: severity[code]: message (hint)`.
    Short,
    /// A JSON document with every diagnostic and the counts.
    Json,
}

/// Renders all diagnostics and a closing summary line in the chosen format.
pub fn render(diags: &Diagnostics, format: Format) -> String {
    match format {
        Format::Human => render_human(diags),
        Format::Short => render_short(diags),
        Format::Json => render_json(diags),
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The closing line, in Vietnamese, with counts.
pub fn summary_line(diags: &Diagnostics) -> String {
    let (e, w) = (diags.error_count(), diags.warning_count());
    if e == 0 && w == 0 {
        "không có lỗi".to_string()
    } else {
        format!("{e} lỗi, {w} cảnh báo")
    }
}

fn render_short(diags: &Diagnostics) -> String {
    let mut out = String::new();
    for d in diags.items() {
        let _ = write!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            d.file.display(),
            d.span.line,
            d.span.col,
            severity_word(d.severity),
            d.code,
            d.message
        );
        if let Some(h) = &d.hint {
            let _ = write!(out, " ({h})");
        }
        out.push('\n');
    }
    out
}

fn render_json(diags: &Diagnostics) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        errors: usize,
        warnings: usize,
        diagnostics: &'a [Diagnostic],
    }
    let report = Report {
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        diagnostics: diags.items(),
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

fn render_human(diags: &Diagnostics) -> String {
    let mut out = Vec::new();
    let mut cache: Option<(PathBuf, Option<String>)> = None;
    let config = term::Config::default();
    for d in diags.items() {
        if cache.as_ref().map(|(p, _)| p != &d.file).unwrap_or(true) {
            let text = std::fs::read(&d.file)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            cache = Some((d.file.clone(), text));
        }
        let text = cache.as_ref().and_then(|(_, t)| t.as_deref());
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.code)
        .with_message(&d.message);
        if let Some(h) = &d.hint {
            cs = cs.with_notes(vec![format!("gợi ý: {h}")]);
        }
        let name = d.file.display().to_string();
        match text.and_then(|t| byte_range(t, d.span).map(|r| (t, r))) {
            Some((t, range)) => {
                let file = SimpleFile::new(name, t);
                cs = cs.with_labels(vec![Label::primary((), range)]);
                let mut w = NoColor::new(&mut out);
                let _ = term::emit(&mut w, &config, &file, &cs);
            }
            None => {
                // The file is gone or the position is outside it (e.g. a directory problem):
                // still print the location, without an excerpt.
                let file = SimpleFile::new(name.clone(), String::new());
                let cs =
                    cs.with_notes(vec![format!("tại {}:{}:{}", name, d.span.line, d.span.col)]);
                let mut w = NoColor::new(&mut out);
                let _ = term::emit(&mut w, &config, &file, &cs);
            }
        }
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    s.push_str(&summary_line(diags));
    s.push('\n');
    s
}

/// Converts a line/column span into a byte range of `text`, clamped to the line's end.
fn byte_range(text: &str, span: Span) -> Option<std::ops::Range<usize>> {
    let line_start = if span.line <= 1 {
        0
    } else {
        let mut seen = 1;
        let mut pos = None;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                seen += 1;
                if seen == span.line {
                    pos = Some(i + 1);
                    break;
                }
            }
        }
        pos?
    };
    let line_end = text[line_start..]
        .find('\n')
        .map(|i| line_start + i)
        .unwrap_or(text.len());
    let line = &text[line_start..line_end];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let col0 = span.col.saturating_sub(1) as usize;
    let start = line
        .char_indices()
        .nth(col0)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let len = span.len.max(1) as usize;
    let end = line[start..]
        .char_indices()
        .nth(len)
        .map(|(i, _)| start + i)
        .unwrap_or(line.len());
    Some(line_start + start..line_start + end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_range_counts_columns_in_characters() {
        let text = "a: 1\nnäme: Đăng ký\n";
        let r = byte_range(text, Span::new(2, 7, 3)).unwrap();
        assert_eq!(&text[r], "Đăn");
    }

    #[test]
    fn byte_range_clamps_to_line_end() {
        let text = "abc\r\ndef";
        let r = byte_range(text, Span::new(1, 2, 50)).unwrap();
        assert_eq!(&text[r], "bc");
    }

    #[test]
    fn short_format_is_one_line_per_problem() {
        let mut ds = Diagnostics::new();
        ds.push(
            Diagnostic::error(Path::new("a.yaml"), Span::new(3, 1, 4), "unknown-key", "x")
                .with_hint("y"),
        );
        assert_eq!(
            render(&ds, Format::Short),
            "a.yaml:3:1: error[unknown-key]: x (y)\n"
        );
    }
}
