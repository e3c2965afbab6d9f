//! YAML parsing into a tree that remembers where every node came from.
//!
//! serde_yaml (deprecated upstream) cannot report positions of values, and every catalogue
//! diagnostic needs one, so parsing goes through yaml-rust2's event API. This module is the
//! only place that knows which YAML library is used: replacing it touches nothing else.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostics::Span;

/// Deepest nesting accepted; catalogue files need fewer than ten levels.
const MAX_DEPTH: usize = 64;
/// Most nodes one file may expand to through aliases (defends against "billion laughs").
const MAX_NODES: usize = 200_000;

/// A parsed YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it starts in the file.
    pub span: Span,
}

/// A YAML value (core schema; dates stay text).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order. Keys are text.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Where the key is written.
    pub span: Span,
}

/// A YAML syntax or structure problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// Where it was found.
    pub span: Span,
    /// What went wrong, in Vietnamese.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Node {
    /// The value as text, if it is text.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entry of a mapping by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The key span of a mapping entry.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == key)
                .map(|(k, _)| k.span),
            _ => None,
        }
    }

    /// The item of a list by index.
    pub fn index(&self, i: usize) -> Option<&Node> {
        match &self.value {
            Value::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// The span of the last key of `path` (for problems about an entry as a whole), or of the
    /// deepest node reached when that key is absent.
    pub fn key_span_at(&self, path: &[PathSeg]) -> Span {
        if let Some((PathSeg::Key(k), parent)) = path.split_last() {
            let (node, found) = self.locate(parent);
            if found {
                if let Some(s) = node.key_span(k) {
                    return s;
                }
            }
        }
        self.locate(path).0.span
    }

    /// Follows a path of keys and indexes; returns the deepest node reached and whether the
    /// whole path was found.
    pub fn locate(&self, path: &[PathSeg]) -> (&Node, bool) {
        let mut node = self;
        for seg in path {
            let next = match seg {
                PathSeg::Key(k) => node.get(k),
                PathSeg::Index(i) => node.index(*i),
            };
            match next {
                Some(n) => node = n,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// Converts to JSON for typed deserialization.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(J::Number)
                .unwrap_or(J::Null),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// A mapping key.
    Key(String),
    /// A list index.
    Index(usize),
}

/// Parses one YAML document. An empty file is `Null`.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    // Pull events one at a time rather than `Parser::load`, which recurses per nesting level
    // and overflows the stack on hostile input before our depth limit can stop it.
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((ev, mark)) => {
                builder.on_event(ev, mark);
                if builder.error.is_some() {
                    break;
                }
            }
            Err(e) => {
                let m = e.marker();
                return Err(ParseError {
                    span: Span::new(m.line() as u32, m.col() as u32 + 1, 1),
                    message: format!("lỗi cú pháp YAML: {}", e.info()),
                    hint: Some(syntax_hint(e.info())),
                });
            }
        }
    }
    if let Some(err) = builder.error {
        return Err(err);
    }
    if builder.documents > 1 {
        return Err(ParseError {
            span: builder.second_doc.unwrap_or_else(Span::start),
            message: "tệp có nhiều hơn một tài liệu YAML".into(),
            hint: Some(
                "mỗi tệp chỉ chứa một bản ghi; xoá dòng `---` thứ hai hoặc tách thành tệp riêng"
                    .into(),
            ),
        });
    }
    Ok(builder.root.unwrap_or(Node {
        value: Value::Null,
        span: Span::start(),
    }))
}

fn syntax_hint(info: &str) -> String {
    if info.contains("tab") {
        "YAML không cho phép ký tự tab để thụt lề; hãy dùng dấu cách".into()
    } else if info.contains("mapping values are not allowed") {
        "nếu giá trị có dấu hai chấm `:`, hãy đặt cả giá trị trong dấu ngoặc kép".into()
    } else if info.contains("did not find expected") || info.contains("while parsing") {
        "kiểm tra thụt lề (cùng cấp phải thẳng hàng) và các dấu ngoặc, ngoặc kép đã đóng chưa"
            .into()
    } else {
        "kiểm tra thụt lề và dấu ngoặc kép quanh dòng này".into()
    }
}

enum Frame {
    Seq(Node),
    Map(Node, Option<Key>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<(Frame, usize)>,
    root: Option<Node>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    documents: usize,
    second_doc: Option<Span>,
    error: Option<ParseError>,
}

fn span_of(m: &Marker, len: usize) -> Span {
    Span::new(m.line() as u32, m.col() as u32 + 1, len.max(1) as u32)
}

fn count_nodes(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(_, v)| count_nodes(v)).sum::<usize>(),
        _ => 1,
    }
}

impl Builder {
    fn fail(&mut self, span: Span, message: &str, hint: &str) {
        if self.error.is_none() {
            self.error = Some(ParseError {
                span,
                message: message.into(),
                hint: Some(hint.into()),
            });
        }
    }

    /// Attaches a finished node to its parent (or makes it the root).
    fn attach(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some((Frame::Seq(seq), _)) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Some((Frame::Map(map, pending), _)) => match pending.take() {
                None => {
                    let span = node.span;
                    // The key's text is moved, not copied: the key node itself is not kept.
                    let name = match node.value {
                        Value::Str(s) => s,
                        Value::Int(i) => i.to_string(),
                        Value::Float(f) => f.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => String::new(),
                        Value::Seq(_) | Value::Map(_) => {
                            self.fail(
                                span,
                                "khoá (key) phải là một chuỗi ngắn",
                                "không dùng danh sách hoặc mapping làm khoá",
                            );
                            return;
                        }
                    };
                    // yaml-rust2 marks a block mapping at its first `:`; the first key is
                    // where a reader sees the mapping start.
                    if let Value::Map(entries) = &map.value {
                        if entries.is_empty() && span < map.span {
                            map.span = span;
                        }
                    }
                    *pending = Some(Key { name, span });
                }
                Some(key) => {
                    if let Value::Map(entries) = &mut map.value {
                        if entries.iter().any(|(k, _)| k.name == key.name) {
                            let span = key.span;
                            let msg =
                                format!("khoá `{}` bị lặp lại trong cùng một mapping", key.name);
                            self.fail(
                                span,
                                &msg,
                                "xoá một trong hai dòng; mỗi khoá chỉ được viết một lần",
                            );
                            return;
                        }
                        entries.push((key, node));
                    }
                }
            },
        }
    }

    fn open(&mut self, frame: Frame, anchor: usize, mark: &Marker) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(
                span_of(mark, 1),
                "cấu trúc lồng nhau quá sâu",
                "tệp danh mục không cần quá vài cấp thụt lề; kiểm tra lại tệp",
            );
        }
        self.stack.push((frame, anchor));
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fail(
                span_of(&mark, 1),
                "tệp quá lớn hoặc quá phức tạp",
                "tách thành nhiều tệp nhỏ",
            );
            return;
        }
        match ev {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents == 2 {
                    self.second_doc = Some(span_of(&mark, 3));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let len = text.chars().count()
                    + if matches!(
                        style,
                        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted
                    ) {
                        2
                    } else {
                        0
                    };
                let forced_str = tag.as_ref().map(|t| t.suffix == "str").unwrap_or(false);
                let value = if style == TScalarStyle::Plain && !forced_str {
                    resolve_plain(text)
                } else {
                    Value::Str(text)
                };
                self.attach(
                    Node {
                        value,
                        span: span_of(&mark, len),
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => {
                if self.error.is_none() {
                    let node = Node {
                        value: Value::Seq(Vec::new()),
                        span: span_of(&mark, 1),
                    };
                    self.open(Frame::Seq(node), anchor, &mark);
                }
            }
            Event::MappingStart(anchor, _) => {
                let node = Node {
                    value: Value::Map(Vec::new()),
                    span: span_of(&mark, 1),
                };
                self.open(Frame::Map(node, None), anchor, &mark);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((frame, anchor)) = self.stack.pop() {
                    let node = match frame {
                        Frame::Seq(n) => n,
                        Frame::Map(n, _) => n,
                    };
                    self.attach(node, anchor);
                }
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(mut node) => {
                    self.nodes += count_nodes(&node);
                    if self.nodes > MAX_NODES {
                        self.fail(
                            span_of(&mark, 1),
                            "bí danh (alias `*`) mở rộng ra quá nhiều nút",
                            "không dùng alias lồng nhau; viết trực tiếp nội dung",
                        );
                        return;
                    }
                    node.span = span_of(&mark, 1);
                    self.attach(node, 0);
                }
                None => self.fail(
                    span_of(&mark, 1),
                    "bí danh (alias) không xác định",
                    "khai báo neo `&tên` trước khi dùng `*tên`",
                ),
            },
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }
}

/// Resolves an unquoted scalar by the YAML 1.2 core schema, but keeps dates as text.
fn resolve_plain(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let t = text.as_str();
    let looks_numeric = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'_'))
        && t.bytes().any(|b| b.is_ascii_digit());
    if looks_numeric {
        if let Ok(i) = t.parse::<i64>() {
            return Value::Int(i);
        }
        if !t.contains('_') && t.matches('-').count() <= 1 {
            if let Ok(f) = t.parse::<f64>() {
                return Value::Float(f);
            }
        }
    }
    Value::Str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let n = parse("name: Đăng ký\nlevels:\n  - commune\n").unwrap();
        assert_eq!(n.key_span("levels"), Some(Span::new(2, 1, 6)));
        let item = n.get("levels").unwrap().index(0).unwrap();
        assert_eq!(item.span, Span::new(3, 5, 7));
        assert_eq!(n.get("name").unwrap().span.col, 7);
    }

    #[test]
    fn resolves_scalars_but_keeps_dates_and_codes_quoted_as_text() {
        let n = parse("a: 12\nb: 1.001193\nc: '1.001193'\nd: 2025-07-01\ne: ~\nf: true\n").unwrap();
        assert_eq!(n.get("a").unwrap().value, Value::Int(12));
        assert_eq!(n.get("b").unwrap().value, Value::Float(1.001193));
        assert_eq!(n.get("c").unwrap().as_str(), Some("1.001193"));
        assert_eq!(n.get("d").unwrap().as_str(), Some("2025-07-01"));
        assert_eq!(n.get("e").unwrap().value, Value::Null);
        assert_eq!(n.get("f").unwrap().value, Value::Bool(true));
    }

    #[test]
    fn rejects_duplicate_keys() {
        let e = parse("name: a\nname: b\n").unwrap_err();
        assert_eq!(e.span.line, 2);
        assert!(e.message.contains("lặp lại"));
    }

    #[test]
    fn rejects_alias_bombs() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            s.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let e = parse(&s).unwrap_err();
        assert!(e.message.contains("alias"), "{}", e.message);
    }

    #[test]
    fn rejects_deep_nesting() {
        let s = "[".repeat(5000) + &"]".repeat(5000);
        assert!(parse(&s).is_err());
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let e = parse("name: \"unclosed\nsector: x\n").unwrap_err();
        assert!(e.message.starts_with("lỗi cú pháp YAML"));
        assert!(e.span.line >= 1);
    }

    #[test]
    fn rejects_several_documents() {
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.span.line, 2);
    }
}
