//! The JSON Schemas of catalogue files, generated from the `raw` types, and a checker that
//! walks a positioned YAML tree against them to report every structural problem at once
//! (unknown keys, wrong types, missing keys, bad enum values, bad patterns).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value as J;

use super::raw;
use super::yaml::{Node, Value};
use crate::diagnostics::Span;

/// The kinds of catalogue file that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `site.yaml`.
    Site,
    /// `sectors.yaml`.
    Sectors,
    /// `agencies/*.yaml`.
    Agency,
    /// `legal/*.yaml`.
    Legal,
    /// `journeys/*.yaml`.
    Journey,
    /// `procedures/*/*.yaml`.
    Procedure,
    /// `decisions/*.yaml`.
    Decision,
    /// `calendar.yaml`.
    Calendar,
    /// `communes.yaml`.
    Communes,
}

impl FileKind {
    /// Every kind, in a stable order.
    pub const ALL: [FileKind; 9] = [
        FileKind::Procedure,
        FileKind::Decision,
        FileKind::Agency,
        FileKind::Legal,
        FileKind::Journey,
        FileKind::Sectors,
        FileKind::Site,
        FileKind::Calendar,
        FileKind::Communes,
    ];

    /// The file name of the shipped schema, e.g. `procedure.schema.json`.
    pub fn schema_file_name(self) -> &'static str {
        match self {
            FileKind::Site => "site.schema.json",
            FileKind::Sectors => "sectors.schema.json",
            FileKind::Agency => "agency.schema.json",
            FileKind::Legal => "legal.schema.json",
            FileKind::Journey => "journey.schema.json",
            FileKind::Procedure => "procedure.schema.json",
            FileKind::Decision => "decision.schema.json",
            FileKind::Calendar => "calendar.schema.json",
            FileKind::Communes => "communes.schema.json",
        }
    }

    /// The name used on the command line (`motcua schema procedure`).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Site => "site",
            FileKind::Sectors => "sectors",
            FileKind::Agency => "agency",
            FileKind::Legal => "legal",
            FileKind::Journey => "journey",
            FileKind::Procedure => "procedure",
            FileKind::Decision => "decision",
            FileKind::Calendar => "calendar",
            FileKind::Communes => "communes",
        }
    }
}

fn generate<T: JsonSchema>() -> J {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.to_value()
}

/// The draft-07 JSON Schema of one kind of file, generated from the Rust types.
pub fn json_schema(kind: FileKind) -> J {
    match kind {
        FileKind::Site => generate::<raw::SiteFile>(),
        FileKind::Sectors => generate::<raw::SectorsFile>(),
        FileKind::Agency => generate::<raw::AgencyFile>(),
        FileKind::Legal => generate::<raw::LegalDocument>(),
        FileKind::Journey => generate::<raw::JourneyFile>(),
        FileKind::Procedure => generate::<raw::ProcedureFile>(),
        FileKind::Decision => generate::<super::decision::DecisionFile>(),
        FileKind::Calendar => generate::<super::calendar::CalendarFile>(),
        FileKind::Communes => generate::<super::communes::CommunesFile>(),
    }
}

/// The schema as pretty JSON text with a final newline, as shipped in `schema/`.
pub fn json_schema_text(kind: FileKind) -> String {
    // A `Value` always serializes; `{:#}` is `serde_json::to_string_pretty`.
    let mut s = format!("{:#}", json_schema(kind));
    s.push('\n');
    s
}

/// A structural problem found by the checker.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Where.
    pub span: Span,
    /// Stable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// The generated schemas, kept for the lifetime of the process so compiled rules can point
/// into them.
fn schemas() -> &'static HashMap<FileKind, J> {
    static S: OnceLock<HashMap<FileKind, J>> = OnceLock::new();
    S.get_or_init(|| FileKind::ALL.iter().map(|&k| (k, json_schema(k))).collect())
}

/// What a rule's `type` (or, without one, its enum or constants) admits.
enum TypeCheck {
    /// Bits of [`type_bits`] the `type` keyword names.
    Mask(u8),
    /// An `enum` without a `type`; the flag says whether every value is text.
    Enum(&'static [J], bool),
    /// A `const` without a `type`.
    Const(&'static J),
    /// A list of text constants (a Rust enum of unit variants): text only.
    Text,
    /// Anything.
    Any,
}

/// One schema node, compiled once: what the checker reads on every YAML node of every file,
/// so a check does no keyword lookups (`$ref`, `anyOf`, `properties`…) by string. Problem
/// messages are still worded from `json`, the node itself, on the (rare) error path.
struct Rule {
    json: &'static J,
    /// The rule this one stands for once `$ref` and one-branch `allOf` are followed.
    resolved: usize,
    /// `anyOf` / `oneOf` branches, unresolved.
    alternatives: Option<Vec<usize>>,
    /// The allowed constants when the branches are all constants.
    constants: Option<Vec<&'static J>>,
    types: TypeCheck,
    enum_values: Option<&'static [J]>,
    const_value: Option<&'static J>,
    schemes: Option<Vec<&'static str>>,
    pattern: Option<Regex>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    items: Option<usize>,
    properties: &'static serde_json::Map<String, J>,
    property_rules: rustc_hash::FxHashMap<&'static str, usize>,
    closed: bool,
    required: Vec<&'static str>,
}

struct Compiled {
    rules: Vec<Rule>,
    roots: HashMap<FileKind, (&'static J, usize)>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let mut b = RuleBuilder {
            rules: Vec::new(),
            seen: HashMap::new(),
            root: &J::Null,
        };
        let mut roots = HashMap::new();
        for (&kind, s) in schemas() {
            b.root = s;
            let i = b.intern(s);
            roots.insert(kind, (s, i));
        }
        // Every slot is filled once `intern` returns, so no index shifts here.
        let n = b.rules.len();
        let rules: Vec<Rule> = b.rules.into_iter().flatten().collect();
        debug_assert_eq!(rules.len(), n);
        Compiled { rules, roots }
    })
}

struct RuleBuilder {
    rules: Vec<Option<Rule>>,
    seen: HashMap<*const J, usize>,
    root: &'static J,
}

impl RuleBuilder {
    /// The index of the rule compiled from `s`, compiling it (and everything it refers to) the
    /// first time. Recursive types terminate because the index is taken before recursing.
    fn intern(&mut self, s: &'static J) -> usize {
        if let Some(&i) = self.seen.get(&(s as *const J)) {
            return i;
        }
        let i = self.rules.len();
        self.rules.push(None);
        self.seen.insert(s as *const J, i);
        let resolved_json = resolve_json(self.root, s);
        let resolved = if std::ptr::eq(resolved_json, s) {
            i
        } else {
            self.intern(resolved_json)
        };
        let alternatives = alternatives(s).map(|bs| bs.iter().map(|b| self.intern(b)).collect());
        let items = s.get("items").map(|x| self.intern(x));
        static EMPTY: OnceLock<serde_json::Map<String, J>> = OnceLock::new();
        let properties = s
            .get("properties")
            .and_then(J::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(serde_json::Map::new));
        let property_rules = properties
            .iter()
            .map(|(k, v)| (k.as_str(), self.intern(v)))
            .collect();
        let rule = Rule {
            json: s,
            resolved,
            alternatives,
            constants: constants_json(self.root, s),
            types: type_check(s),
            enum_values: s.get("enum").and_then(J::as_array).map(Vec::as_slice),
            const_value: s.get("const"),
            schemes: s
                .get(super::url::SCHEMES_KEYWORD)
                .and_then(J::as_array)
                .map(|a| a.iter().filter_map(J::as_str).collect()),
            pattern: s
                .get("pattern")
                .and_then(J::as_str)
                .and_then(|p| Regex::new(p).ok()),
            minimum: s.get("minimum").and_then(J::as_f64),
            maximum: s.get("maximum").and_then(J::as_f64),
            items,
            properties,
            property_rules,
            closed: s.get("additionalProperties") == Some(&J::Bool(false)),
            required: s
                .get("required")
                .and_then(J::as_array)
                .map(|a| a.iter().filter_map(J::as_str).collect())
                .unwrap_or_default(),
        };
        self.rules[i] = Some(rule);
        i
    }
}

/// Checks a document against the schema of its kind; returns every problem found.
pub fn check(kind: FileKind, node: &Node) -> Vec<Issue> {
    let c = compiled();
    let Some(&(root, start)) = c.roots.get(&kind) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cx = Checker {
        root,
        rules: &c.rules,
        out: &mut out,
    };
    cx.check(node, start, Label::Name("tệp"), None);
    out
}

/// What is being checked, for messages: a key, or an item of a list (`steps[2]`). Built as
/// text only when a problem is reported.
#[derive(Clone, Copy)]
enum Label<'l> {
    Name(&'l str),
    Item(&'l Label<'l>, usize),
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Name(s) => f.write_str(s),
            Label::Item(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

struct Checker<'a> {
    root: &'static J,
    rules: &'static [Rule],
    out: &'a mut Vec<Issue>,
}

/// The branches of an `anyOf` / `oneOf`.
fn alternatives(schema: &J) -> Option<&Vec<J>> {
    schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(J::as_array)
}

/// The allowed constants when `schema` is a list of them (a Rust enum of unit variants).
fn constants_json<'j>(root: &'j J, schema: &'j J) -> Option<Vec<&'j J>> {
    let branches = alternatives(schema)?;
    branches
        .iter()
        .map(|b| resolve_json(root, b).get("const"))
        .collect()
}

/// Follows `$ref` and one-branch `allOf` from `s` to the schema they stand for.
fn resolve_json<'j>(root: &'j J, mut s: &'j J) -> &'j J {
    for _ in 0..32 {
        // schemars wraps a described reference as `allOf: [{$ref}]`.
        if let Some([only]) = s.get("allOf").and_then(J::as_array).map(Vec::as_slice) {
            s = only;
            continue;
        }
        match s.get("$ref").and_then(J::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or("");
                match root
                    .get("definitions")
                    .or_else(|| root.get("$defs"))
                    .and_then(|d| d.get(name))
                {
                    Some(t) => s = t,
                    None => return s,
                }
            }
            None => return s,
        }
    }
    s
}

impl Checker<'_> {
    /// The allowed constants when `schema` is a list of them (a Rust enum of unit variants).
    fn constants(&self, schema: &'static J) -> Option<Vec<&'static J>> {
        constants_json(self.root, schema)
    }

    fn resolve(&self, s: &'static J) -> &'static J {
        resolve_json(self.root, s)
    }

    fn push(&mut self, span: Span, code: &'static str, message: String, hint: Option<String>) {
        self.out.push(Issue {
            span,
            code,
            message,
            hint,
        });
    }

    /// `field` names what is being checked, for messages; `key_span` points at its key.
    fn check(&mut self, node: &Node, outer: usize, field: Label, key_span: Option<Span>) {
        let rules = self.rules;
        let schema = rules[outer].resolved;
        let before = self.out.len();
        self.check_resolved(node, schema, field, key_span);
        // Hints fall back to the field's own description, which sits on the outer schema
        // (looked up only when there is an issue: this runs for every node of every file).
        if self.out.len() > before {
            if let Some(d) = description(rules[outer].json) {
                for issue in &mut self.out[before..] {
                    if issue.hint.is_none() {
                        issue.hint = Some(d.clone());
                    }
                }
            }
        }
    }

    fn check_resolved(&mut self, node: &Node, rule: usize, field: Label, key_span: Option<Span>) {
        let rules = self.rules;
        let r = &rules[rule];
        let schema = r.json;
        if let Some(branches) = &r.alternatives {
            if let Some(consts) = &r.constants {
                if !consts.iter().any(|c| json_eq(node, c)) {
                    if matches!(node.value, Value::Str(_)) {
                        let consts: Vec<J> = consts.iter().map(|c| (*c).clone()).collect();
                        self.bad_value(node, schema, &consts, field);
                    } else {
                        let expected = describe(self, schema);
                        self.push(
                            node.span,
                            "wrong-type",
                            format!(
                                "`{field}` phải là {expected}, nhưng đang là {}",
                                found(node)
                            ),
                            None,
                        );
                    }
                }
                return;
            }
            self.check_alternatives(node, schema, branches, field, key_span);
            return;
        }
        if !r.type_matches(node) {
            let expected = describe(self, schema);
            let hint = type_hint(node, schema, &expected);
            let span = if matches!(node.value, Value::Null) {
                key_span.unwrap_or(node.span)
            } else {
                node.span
            };
            self.push(
                span,
                "wrong-type",
                format!(
                    "`{field}` phải là {expected}, nhưng đang là {}",
                    found(node)
                ),
                hint,
            );
            return;
        }
        if let Some(values) = r.enum_values {
            if !values.iter().any(|v| json_eq(node, v)) {
                self.bad_value(node, schema, values, field);
                return;
            }
        }
        if let Some(c) = r.const_value {
            if !json_eq(node, c) {
                self.bad_value(node, schema, std::slice::from_ref(c), field);
                return;
            }
        }
        match &node.value {
            Value::Str(s) => {
                if let Some(schemes) = &r.schemes {
                    if let Err(p) = super::url::check(s, schemes) {
                        self.push(
                            node.span,
                            "bad-url",
                            format!("`{field}`: {}", p.message),
                            Some(p.hint),
                        );
                    }
                }
                if let Some(re) = &r.pattern {
                    if !re.is_match(s) {
                        self.push(
                            node.span,
                            "bad-format",
                            format!("`{field}` không đúng định dạng: `{s}`"),
                            description(schema),
                        );
                    }
                }
            }
            Value::Int(_) | Value::Float(_) => {
                let x = match node.value {
                    Value::Int(i) => i as f64,
                    Value::Float(f) => f,
                    _ => 0.0,
                };
                let (min, max) = (r.minimum, r.maximum);
                if min.map(|m| x < m).unwrap_or(false) || max.map(|m| x > m).unwrap_or(false) {
                    let range = match (min, max) {
                        (Some(a), Some(b)) => format!("từ {a} đến {b}"),
                        (Some(0.0), None) => "không được âm".to_string(),
                        (Some(a), None) => format!("ít nhất {a}"),
                        (None, Some(b)) => format!("nhiều nhất {b}"),
                        (None, None) => String::new(),
                    };
                    self.push(
                        node.span,
                        "out-of-range",
                        format!("`{field}` phải {range}, nhưng đang là {}", fmt_num(x)),
                        description(schema),
                    );
                }
            }
            Value::Seq(items) => {
                if let Some(item_rule) = r.items {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item, item_rule, Label::Item(&field, i), None);
                    }
                }
            }
            Value::Map(entries) => self.check_object(node, entries, r, field, key_span),
            _ => {}
        }
    }

    fn check_alternatives(
        &mut self,
        node: &Node,
        schema: &'static J,
        branches: &[usize],
        field: Label,
        key_span: Option<Span>,
    ) {
        let rules = self.rules;
        let mut best: Option<Vec<Issue>> = None;
        for &b in branches {
            let mut trial = Vec::new();
            let mut sub = Checker {
                root: self.root,
                rules,
                out: &mut trial,
            };
            sub.check(node, b, field, key_span);
            if trial.is_empty() {
                return;
            }
            // A structured branch whose type matched explains the problem better than one that
            // did not; a word list (like `free`) does not, since a number is also allowed.
            let resolved = &rules[rules[b].resolved];
            let word_list = resolved.constants.is_some();
            let matched_type = resolved.type_matches(node) && !word_list;
            if matched_type
                && best
                    .as_ref()
                    .map(|x| trial.len() < x.len() || x.is_empty())
                    .unwrap_or(true)
            {
                best = Some(trial);
            }
        }
        match best {
            Some(issues) => self.out.extend(issues),
            None => {
                let expected = describe(self, schema);
                let hint = type_hint(node, schema, &expected);
                self.push(
                    node.span,
                    "wrong-type",
                    format!(
                        "`{field}` phải là {expected}, nhưng đang là {}",
                        found(node)
                    ),
                    hint,
                );
            }
        }
    }

    fn bad_value(&mut self, node: &Node, schema: &J, values: &[J], field: Label) {
        let allowed: Vec<String> = values
            .iter()
            .filter_map(J::as_str)
            .map(String::from)
            .collect();
        let given = match &node.value {
            Value::Str(s) => s.clone(),
            _ => found(node),
        };
        let suggestion = vietnamese_synonym(&given)
            .filter(|s| allowed.iter().any(|a| a == s))
            .or_else(|| closest(&given, allowed.iter().map(String::as_str)));
        let hint = match suggestion {
            Some(s) => format!(
                "có phải ý bạn là `{s}`? Các giá trị hợp lệ: {}",
                backticked(&allowed)
            ),
            None => format!("các giá trị hợp lệ: {}", backticked(&allowed)),
        };
        let _ = schema;
        self.push(
            node.span,
            "bad-value",
            format!("giá trị `{given}` không hợp lệ cho `{field}`"),
            Some(hint),
        );
    }

    fn check_object(
        &mut self,
        node: &Node,
        entries: &[(super::yaml::Key, Node)],
        r: &'static Rule,
        field: Label,
        key_span: Option<Span>,
    ) {
        let props = r.properties;
        for (key, value) in entries {
            match r.property_rules.get(key.name.as_str()) {
                Some(&ps) => self.check(value, ps, Label::Name(&key.name), Some(key.span)),
                None if r.closed => {
                    let suggestion = closest(&key.name, props.keys().map(String::as_str));
                    let hint = match suggestion {
                        Some(s) => format!("có phải ý bạn là `{s}`?"),
                        None => format!(
                            "các khoá hợp lệ ở đây: {}",
                            backticked(&props.keys().cloned().collect::<Vec<_>>())
                        ),
                    };
                    self.push(
                        key.span,
                        "unknown-key",
                        format!(
                            "khoá `{}` không có trong định dạng của {}",
                            key.name,
                            where_(&field.to_string())
                        ),
                        Some(hint),
                    );
                }
                None => {}
            }
        }
        for &req in &r.required {
            if !entries.iter().any(|(k, _)| k.name == req) {
                let hint = props
                    .get(req)
                    // The property's own description is the Vietnamese one; the type's
                    // doc comment is written for developers.
                    .and_then(description)
                    .map(|d| format!("thêm dòng `{req}: …` ({d})"));
                self.push(
                    key_span.unwrap_or(node.span),
                    "missing-key",
                    format!(
                        "thiếu khoá bắt buộc `{req}` trong {}",
                        where_(&field.to_string())
                    ),
                    hint,
                );
            }
        }
    }
}

impl Rule {
    /// Whether the node has a type this rule admits: one `type` names, or without a `type`,
    /// a value of the enum or constant (or any text when those are all text).
    fn type_matches(&self, node: &Node) -> bool {
        match &self.types {
            TypeCheck::Mask(m) => m & type_bits(node) != 0,
            TypeCheck::Enum(values, all_text) => {
                values.iter().any(|v| json_eq(node, v))
                    || *all_text && matches!(node.value, Value::Str(_))
            }
            TypeCheck::Const(c) => {
                json_eq(node, c) || c.is_string() && matches!(node.value, Value::Str(_))
            }
            TypeCheck::Text => matches!(node.value, Value::Str(_)),
            TypeCheck::Any => true,
        }
    }
}

/// The bit of each JSON Schema type name, as [`TypeCheck::Mask`] stores them.
fn type_bit(t: &str) -> u8 {
    match t {
        "null" => 1,
        "boolean" => 2,
        "integer" => 4,
        "number" => 8,
        "string" => 16,
        "array" => 32,
        "object" => 64,
        _ => 0,
    }
}

/// The type names a node satisfies, as bits (an integer is also a number).
fn type_bits(node: &Node) -> u8 {
    match node.value {
        Value::Null => 1,
        Value::Bool(_) => 2,
        Value::Int(_) => 4 | 8,
        Value::Float(_) => 8,
        Value::Str(_) => 16,
        Value::Seq(_) => 32,
        Value::Map(_) => 64,
    }
}

/// Compiles the type test of `schema`.
fn type_check(schema: &'static J) -> TypeCheck {
    match schema.get("type") {
        Some(J::String(t)) => TypeCheck::Mask(type_bit(t)),
        Some(J::Array(ts)) => TypeCheck::Mask(
            ts.iter()
                .filter_map(J::as_str)
                .fold(0, |m, t| m | type_bit(t)),
        ),
        _ => {
            if let Some(values) = schema.get("enum").and_then(J::as_array) {
                return TypeCheck::Enum(values.as_slice(), values.iter().all(|v| v.is_string()));
            }
            if let Some(c) = schema.get("const") {
                return TypeCheck::Const(c);
            }
            if let Some(branches) = schema
                .get("oneOf")
                .or_else(|| schema.get("anyOf"))
                .and_then(J::as_array)
            {
                if branches
                    .iter()
                    .all(|b| b.get("const").is_some_and(J::is_string))
                {
                    return TypeCheck::Text;
                }
            }
            TypeCheck::Any
        }
    }
}

/// Values legal staff naturally write in Vietnamese, mapped to the English ones the format uses.
fn vietnamese_synonym(given: &str) -> Option<&'static str> {
    let g = given.to_lowercase().replace([' ', '-'], "_");
    Some(match g.as_str() {
        "bo" | "bộ" | "cap_bo" | "cấp_bộ" | "trung_uong" => "ministry",
        "tinh" | "tỉnh" | "cap_tinh" | "cấp_tỉnh" => "province",
        "huyen" | "huyện" | "cap_huyen" | "cấp_huyện" => "district",
        "xa" | "xã" | "cap_xa" | "cấp_xã" | "phuong" | "phường" => "commune",
        "truc_tiep" | "trực_tiếp" => "in_person",
        "truc_tuyen" | "trực_tuyến" => "online",
        "buu_chinh" | "bưu_chính" | "buu_dien" => "postal",
        "phi" | "phí" => "fee",
        "le_phi" | "lệ_phí" => "charge",
        "ngay_lam_viec" | "ngày_làm_việc" => "working_days",
        "ngay" | "ngày" => "calendar_days",
        "gio" | "giờ" => "hours",
        "ngay_lap_tuc" | "ngay_khi_nhan" => "immediate",
        "khong_quy_dinh" | "không_quy_định" => "not_specified",
        "nop" | "nộp" => "submit",
        "xuat_trinh" | "xuất_trình" => "show",
        "mien_phi" | "miễn_phí" | "khong_thu" => "free",
        "moi" | "cong_bo_moi" => "new",
        "sua_doi" | "sua_doi_bo_sung" => "amended",
        "thay_the" => "replaced",
        "bai_bo" | "bãi_bỏ" => "abolished",
        _ => return None,
    })
}

fn where_(field: &str) -> String {
    if field == "tệp" {
        "tệp này".to_string()
    } else {
        format!("`{field}`")
    }
}

fn backticked(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest candidate by edit distance, if it is close enough to be a typo.
pub fn closest<'s>(given: &str, candidates: impl Iterator<Item = &'s str>) -> Option<&'s str> {
    let given_l = given.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&given_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 4) && *d < c.chars().count())
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

fn description(schema: &J) -> Option<String> {
    schema
        .get("description")
        .and_then(J::as_str)
        .map(String::from)
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn json_eq(node: &Node, v: &J) -> bool {
    match (&node.value, v) {
        (Value::Str(s), J::String(t)) => s == t,
        (Value::Int(i), J::Number(n)) => n.as_i64() == Some(*i),
        (Value::Bool(b), J::Bool(c)) => b == c,
        (Value::Null, J::Null) => true,
        _ => false,
    }
}

fn describe(cx: &Checker, schema: &'static J) -> String {
    let schema = cx.resolve(schema);
    if let Some(branches) = alternatives(schema) {
        if let Some(consts) = cx.constants(schema) {
            let consts: Vec<String> = consts
                .iter()
                .map(|c| {
                    c.as_str()
                        .map(String::from)
                        .unwrap_or_else(|| c.to_string())
                })
                .collect();
            return format!("một trong các giá trị {}", backticked(&consts));
        }
        let parts: Vec<String> = branches
            .iter()
            .filter(|b| b.get("type") != Some(&J::String("null".into())))
            .map(|b| describe(cx, b))
            .collect();
        return parts.join(" hoặc ");
    }
    if let Some(values) = schema.get("enum").and_then(J::as_array) {
        let v: Vec<String> = values
            .iter()
            .filter_map(J::as_str)
            .map(String::from)
            .collect();
        if v.len() == 1 {
            return format!("`{}`", v[0]);
        }
        return format!("một trong các giá trị {}", backticked(&v));
    }
    if let Some(c) = schema.get("const").and_then(J::as_str) {
        return format!("`{c}`");
    }
    let t = match schema.get("type") {
        Some(J::String(t)) => t.as_str(),
        Some(J::Array(ts)) => ts
            .iter()
            .filter_map(J::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ => "",
    };
    match t {
        "string" => "văn bản".into(),
        "integer" => "số nguyên".into(),
        "number" => "số".into(),
        "boolean" => "`true` hoặc `false`".into(),
        "array" => "danh sách".into(),
        "object" => "mapping (các dòng `khoá: giá trị`)".into(),
        _ => "giá trị hợp lệ".into(),
    }
}

fn found(node: &Node) -> String {
    match &node.value {
        Value::Null => "trống".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Int(i) => format!("số {i}"),
        Value::Float(f) => format!("số {f}"),
        Value::Str(s) => {
            let short: String = s.chars().take(40).collect();
            format!("văn bản \"{short}\"")
        }
        Value::Seq(_) => "danh sách".into(),
        Value::Map(_) => "mapping".into(),
    }
}

fn type_hint(node: &Node, schema: &J, expected: &str) -> Option<String> {
    if let Value::Str(s) = &node.value {
        if expected.contains("số") && s.trim().parse::<f64>().is_ok() {
            return Some("bỏ dấu ngoặc kép quanh số, ví dụ `amount: 20000`".into());
        }
    }
    if let Value::Float(f) = node.value {
        if expected.contains("số nguyên") {
            let _ = f;
            return Some("ghi số nguyên (đồng), không có phần thập phân; dấu chấm ngăn cách hàng nghìn không được dùng: viết 20000, không viết 20.000".into());
        }
    }
    let wants_string =
        expected.contains("văn bản") || schema.get("type") == Some(&J::String("string".into()));
    match &node.value {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) if wants_string => Some(
            "đặt giá trị trong dấu ngoặc kép, ví dụ `code: \"1.001193\"`, để YAML không hiểu nhầm là số"
                .into(),
        ),
        Value::Str(_) | Value::Map(_) if expected.starts_with("danh sách") => {
            Some("viết dạng danh sách: `[a, b]` hoặc mỗi mục một dòng bắt đầu bằng `- `".into())
        }
        Value::Null => Some("điền giá trị hoặc xoá dòng này nếu không bắt buộc".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::yaml::parse;

    fn issues(kind: FileKind, text: &str) -> Vec<Issue> {
        check(kind, &parse(text).unwrap())
    }

    #[test]
    fn schema_is_draft_07() {
        let s = json_schema(FileKind::Procedure);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(s["properties"]["code"]["description"]
            .as_str()
            .unwrap()
            .contains("Mã thủ tục"));
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let is = issues(
            FileKind::Sectors,
            "sectors:\n  - id: ho-tich\n    nmae: Hộ tịch\n",
        );
        let unknown = is.iter().find(|i| i.code == "unknown-key").unwrap();
        assert_eq!(unknown.span, Span::new(3, 5, 4));
        assert_eq!(unknown.hint.as_deref(), Some("có phải ý bạn là `name`?"));
        assert!(is
            .iter()
            .any(|i| i.code == "missing-key" && i.message.contains("`name`")));
    }

    #[test]
    fn wrong_type_and_bad_enum() {
        let text = "name: X\nlevel: tinh\nopening_hours: 7h\n";
        let is = issues(FileKind::Agency, text);
        let bad = is.iter().find(|i| i.code == "bad-value").unwrap();
        assert_eq!(bad.span.line, 2);
        let wt = is.iter().find(|i| i.code == "wrong-type").unwrap();
        assert_eq!(wt.span.line, 3);
        assert!(wt.message.contains("danh sách"));
    }

    #[test]
    fn closest_ignores_distant_words() {
        assert_eq!(
            closest("nmae", ["name", "sector"].into_iter()),
            Some("name")
        );
        assert_eq!(closest("zzzzzz", ["name", "sector"].into_iter()), None);
    }

    // The type test before rules were compiled, kept as the reference the compiled one must
    // agree with.
    fn node_type_ok(node: &Node, t: &str) -> bool {
        matches!(
            (t, &node.value),
            ("null", Value::Null)
                | ("boolean", Value::Bool(_))
                | ("integer", Value::Int(_))
                | ("number", Value::Int(_) | Value::Float(_))
                | ("string", Value::Str(_))
                | ("array", Value::Seq(_))
                | ("object", Value::Map(_))
        )
    }

    fn type_matches(node: &Node, schema: &J) -> bool {
        match schema.get("type") {
            Some(J::String(t)) => node_type_ok(node, t),
            Some(J::Array(ts)) => ts
                .iter()
                .filter_map(J::as_str)
                .any(|t| node_type_ok(node, t)),
            _ => {
                // No "type": an enum or const decides.
                if let Some(values) = schema.get("enum").and_then(J::as_array) {
                    return values.iter().any(|v| json_eq(node, v))
                        || values.iter().all(|v| v.is_string())
                            && matches!(node.value, Value::Str(_));
                }
                if let Some(c) = schema.get("const") {
                    return json_eq(node, c)
                        || c.is_string() && matches!(node.value, Value::Str(_));
                }
                // A list of constants (a Rust enum): text is the right type, anything else is not.
                if let Some(branches) = schema
                    .get("oneOf")
                    .or_else(|| schema.get("anyOf"))
                    .and_then(J::as_array)
                {
                    if branches
                        .iter()
                        .all(|b| b.get("const").is_some_and(J::is_string))
                    {
                        return matches!(node.value, Value::Str(_));
                    }
                }
                true
            }
        }
    }

    #[test]
    fn compiled_type_test_agrees_with_the_schema() {
        let nodes: Vec<Node> = [
            "~",
            "true",
            "12",
            "-3",
            "1.5",
            "text",
            "free",
            "in_person",
            "[a]",
            "{a: 1}",
        ]
        .iter()
        .map(|t| parse(t).unwrap())
        .collect();
        let c = compiled();
        assert!(c.rules.len() > 50);
        for rule in &c.rules {
            for n in &nodes {
                assert_eq!(
                    rule.type_matches(n),
                    type_matches(n, rule.json),
                    "{}",
                    rule.json
                );
            }
        }
    }
}
