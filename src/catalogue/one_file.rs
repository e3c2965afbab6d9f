//! What the checkers of the catalogue's single files (`calendar.yaml`, `communes.yaml`) share:
//! positions in the file's tree, error counting, and the date rule.

use std::path::Path;

use chrono::NaiveDate;

use super::yaml::{Node, PathSeg};
use crate::diagnostics::{Diagnostic, Span};

/// The diagnostics of one file being checked, with its tree for positions.
pub(super) struct OneFile<'a> {
    pub(super) path: &'a Path,
    root: &'a Node,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) errors: usize,
}

impl<'a> OneFile<'a> {
    /// Starts checking the file at `path`, whose tree is `root`.
    pub(super) fn new(path: &'a Path, root: &'a Node) -> OneFile<'a> {
        OneFile {
            path,
            root,
            diags: Vec::new(),
            errors: 0,
        }
    }

    /// The span of the value at `path`.
    pub(super) fn at(&self, path: &[PathSeg]) -> Span {
        self.root.locate(path).0.span
    }

    /// The span of the key at `path`.
    pub(super) fn key_at(&self, path: &[PathSeg]) -> Span {
        self.root.key_span_at(path)
    }

    /// Reports an error.
    pub(super) fn error(&mut self, span: Span, code: &'static str, msg: String, hint: &str) {
        self.errors += 1;
        self.diags
            .push(Diagnostic::error(self.path, span, code, msg).with_hint(hint));
    }

    /// A `YYYY-MM-DD` date that exists, or a `bad-date` error whose hint shows `example`.
    pub(super) fn date(
        &mut self,
        example: &str,
        value: &str,
        path: &[PathSeg],
    ) -> Option<NaiveDate> {
        let parsed = if value.len() == 10 {
            NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
        } else {
            None
        };
        if parsed.is_none() {
            let span = self.at(path);
            self.error(
                span,
                "bad-date",
                format!("ngày `{value}` không hợp lệ"),
                &format!(
                    "viết ngày dạng YYYY-MM-DD, ví dụ \"{example}\", và kiểm tra ngày có thật"
                ),
            );
        }
        parsed
    }
}
