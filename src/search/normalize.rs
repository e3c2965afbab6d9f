//! The one Vietnamese normalizer used for indexing and querying, in Rust and (mirrored
//! line for line) in `themes/default/static/js/search.js`. Both are locked together by
//! `tests/fixtures/search/vectors.tsv`.
//!
//! Pipeline, per input string:
//! 1. NFC, then Unicode lowercase (text arrives in NFC or NFD, any case); ð → đ.
//! 2. Split into runs of letters, digits and combining marks; everything else separates.
//!    Digit runs joined by single dots (`1.001193`, `1.500.000`) become one *code* token.
//! 3. Each run that parses as a Vietnamese syllable (initial + 1–3 vowels + final) is
//!    respelled canonically: i/y after h, k, l, m, s, t, qu at the end of the syllable
//!    becomes `y` (kí/ký, lí/lý, qui/quy), and the tone mark is moved to one canonical
//!    vowel so old and new placement (hoà/hòa, thuỷ/thủy) agree.
//! 4. Every token has an *accented* form (the canonical spelling, NFC) and a *folded* form
//!    (marks removed, đ/ð → d). Folded forms are what must match; accented forms only
//!    add a ranking bonus when the user typed accents.
//!
//! Index terms are folded unigrams, code aliases (`1001193`), accented unigrams that differ
//! from their folded form, and folded pairs of adjacent syllables (`dang_ky`).

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Version of the normalization rules; bump when tokens change so stale indexes are rebuilt.
pub const NORMALIZER_VERSION: u32 = 1;

/// Folded query words that people add around what they want ("làm", "cách", "xin"…).
/// They score when present but are not required to match (unless the query has nothing else).
pub const OPTIONAL_WORDS: &[&str] = &[
    "lam", "cach", "xin", "muon", "toi", "minh", "o", "dau", "nhu", "nao", "sao", "gi", "thu",
    "tuc",
];

/// One normalized token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Canonical accented spelling (NFC, lowercase, tone placement and i/y normalized).
    pub accented: String,
    /// `accented` with all marks removed and đ → d; the form that must match.
    pub folded: String,
    /// True for dotted numeric codes such as `1.001193`.
    pub code: bool,
    /// True when only whitespace or hyphens separate this token from the previous one,
    /// so the two form a pair term.
    pub joined: bool,
}

impl Token {
    /// Whether the accented form carries information the folded form lacks.
    pub fn has_accents(&self) -> bool {
        self.accented != self.folded
    }

    /// The digits-only alias of a code token (`1.001193` → `1001193`).
    #[cfg(test)]
    pub fn code_alias(&self) -> Option<String> {
        self.code.then(|| self.folded.replace('.', ""))
    }
}

/// Folds a string without tokenizing: NFC, lowercase, marks removed, đ/ð → d.
pub fn fold(s: &str) -> String {
    fold_lower(&lower(s))
}

/// NFC, Unicode lowercase, and the look-alike eth (Ð/ð, often typed for Đ) as đ.
fn lower(s: &str) -> String {
    // Catalogue text is almost all ASCII and precomposed Vietnamese letters, which need
    // neither recomposition nor the general case tables; anything else takes the full path.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match latin_lower(c) {
            Some('ð') => out.push('đ'),
            Some(l) => out.push(l),
            None => return lower_general(s),
        }
    }
    out
}

fn lower_general(s: &str) -> String {
    // Most text is already NFC; the quick check skips a full recomposition pass.
    let lower = match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_lowercase(),
        _ => s.nfc().collect::<String>().to_lowercase(),
    };
    if lower.contains('ð') {
        lower.replace('ð', "đ")
    } else {
        lower
    }
}

/// The lowercase of a character that is already in NFC and needs no context to lowercase
/// (ASCII, Latin-1, and the letters of Vietnamese), or `None` for every other character.
/// The tests compare it with the standard library over every character it accepts.
fn latin_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0x00..=0x7f => c.to_ascii_lowercase(),
        0xd7 | 0xdf..=0xff | 0x103 | 0x111 | 0x129 | 0x169 | 0x1a1 | 0x1b0 => c,
        0xc0..=0xde | 0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 => {
            char::from_u32(if u < 0x100 { u + 0x20 } else { u + 1 })?
        }
        0x1af => '\u{1b0}',
        // Latin Extended Additional, Vietnamese part: capitals even, small letters odd.
        0x1ea0..=0x1ef9 => char::from_u32(u | 1)?,
        _ => return None,
    };
    Some(l)
}

/// Folding of text that is already lowercase.
fn fold_lower(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Characters that belong to tokens. Combining marks are included so stray marks never
/// split a word; the JS twin uses `[\p{Alphabetic}\p{N}\p{M}]`.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Latin-1 letters, Latin Extended-A/B and Extended Additional are all letters; the
        // table lookup below dominated tokenizing Vietnamese text.
        0xc0..=0x24f => c != '×' && c != '÷',
        0x1e00..=0x1eff => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Whitespace as an explicit set, identical in JS (`\s` and `char::is_whitespace` differ
/// on U+0085 and U+FEFF).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// A token borrowed from the scanner: [`Token`] without its two allocations.
#[derive(Debug, Clone, Copy)]
pub struct TokenRef<'a> {
    /// See [`Token::accented`].
    pub accented: &'a str,
    /// See [`Token::folded`].
    pub folded: &'a str,
    /// See [`Token::code`].
    pub code: bool,
    /// See [`Token::joined`].
    pub joined: bool,
}

impl TokenRef<'_> {
    fn to_owned(self) -> Token {
        Token {
            accented: self.accented.to_string(),
            folded: self.folded.to_string(),
            code: self.code,
            joined: self.joined,
        }
    }
}

/// Splits `s` into normalized tokens.
pub fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    scan(s, |t| out.push(t.to_owned()));
    out
}

/// Calls `f` with each token of `s`, in order: the one tokenizer behind [`tokens`] and the
/// index builder, which sees millions of tokens and needs no owned copy of them.
pub fn scan(s: &str, mut f: impl FnMut(TokenRef<'_>)) {
    let lower = lower(s);
    // (run, gap before it), as slices of `lower`.
    let mut runs: Vec<(&str, &str)> = Vec::new();
    let mut gap_start = 0;
    let mut run_start: Option<usize> = None;
    for (i, c) in lower.char_indices() {
        if is_word_char(c) {
            if run_start.is_none() {
                run_start = Some(i);
            }
        } else if let Some(r) = run_start.take() {
            runs.push((&lower[r..i], &lower[gap_start..r]));
            gap_start = i;
        }
    }
    if let Some(r) = run_start {
        runs.push((&lower[r..], &lower[gap_start..r]));
    }

    let mut any = false;
    let mut code = String::new();
    let mut i = 0;
    while i < runs.len() {
        let (first, gap_before) = runs[i];
        let joined = any && gap_before.chars().all(|c| is_space(c) || c == '-');
        any = true;
        if is_ascii_digits(first) {
            // Join digit runs separated by exactly one dot: procedure codes, amounts.
            code.clear();
            code.push_str(first);
            let mut j = i + 1;
            while j < runs.len() && runs[j].1 == "." && is_ascii_digits(runs[j].0) {
                code.push('.');
                code.push_str(runs[j].0);
                j += 1;
            }
            if j > i + 1 {
                f(TokenRef {
                    accented: &code,
                    folded: &code,
                    code: true,
                    joined,
                });
                i = j;
                continue;
            }
        }
        let forms = cached_syllable(first);
        f(TokenRef {
            accented: &forms.0,
            folded: &forms.1,
            code: false,
            joined,
        });
        i += 1;
    }
}

fn is_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const INITIALS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
const VOWELS: &str = "aăâeêioôơuưy";
const HATTED: &str = "ăâêôơư";
/// Initials after which a lone final i/y is spelled either way (kí/ký, qui/quy).
const IY_INITIALS: [&str; 7] = ["h", "k", "l", "m", "s", "t", "qu"];

thread_local! {
    /// Syllable forms already computed on this thread: a catalogue has a few thousand
    /// distinct syllables but millions of occurrences.
    static SYLLABLES: RefCell<HashMap<String, Rc<(String, String)>>> = RefCell::new(HashMap::default());
}

/// [`syllable`], memoized per thread (bounded, so odd inputs cannot grow it forever).
fn cached_syllable(run: &str) -> Rc<(String, String)> {
    if let Some(hit) = SYLLABLES.with(|c| c.borrow().get(run).cloned()) {
        return hit;
    }
    let forms = Rc::new(syllable(run));
    SYLLABLES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 200_000 {
            c.clear();
        }
        c.insert(run.to_string(), forms.clone());
    });
    forms
}

/// Canonical accented and folded forms of one lowercase NFC run.
fn syllable(run: &str) -> (String, String) {
    let mut base = String::with_capacity(run.len());
    let mut tone = None;
    let mut tone_count = 0;
    for c in run.nfd() {
        if TONES.contains(&c) {
            tone = Some(c);
            tone_count += 1;
        } else {
            base.push(c);
        }
    }
    let base: String = base.nfc().collect();
    let accented = match parse(&base) {
        Some((initial, vowels, last)) if tone_count <= 1 => {
            let vowels = if last.is_empty() && vowels == "i" && IY_INITIALS.contains(&initial) {
                "y"
            } else {
                vowels
            };
            let mut s = String::with_capacity(run.len() + 2);
            s.push_str(initial);
            let v: Vec<char> = vowels.chars().collect();
            let at = tone_position(&v, !last.is_empty());
            for (k, c) in v.iter().enumerate() {
                s.push(*c);
                if k == at {
                    if let Some(t) = tone {
                        s.push(t);
                    }
                }
            }
            s.push_str(last);
            s.nfc().collect()
        }
        _ => run.to_string(),
    };
    let folded = fold_lower(&accented);
    (accented, folded)
}

/// Splits a toneless syllable into (initial, vowel cluster, final), or `None` when it is
/// not a Vietnamese syllable (loanwords and abbreviations are left as written).
fn parse(base: &str) -> Option<(&str, &str, &str)> {
    for initial in INITIALS.iter().copied().chain(std::iter::once("")) {
        let Some(rest) = base.strip_prefix(initial) else {
            continue;
        };
        let n = rest.chars().take_while(|c| VOWELS.contains(*c)).count();
        // "gi"/"qu" are initials only when a vowel follows (gìn = g + i + n).
        if n == 0 && (initial == "gi" || initial == "qu") {
            continue;
        }
        if n == 0 || n > 3 {
            return None;
        }
        let split = rest.char_indices().nth(n).map_or(rest.len(), |(b, _)| b);
        let (vowels, last) = rest.split_at(split);
        return FINALS
            .contains(&last)
            .then(|| (&base[..base.len() - rest.len()], vowels, last));
    }
    None
}

/// Index of the vowel that carries the tone. Any consistent rule would do for matching;
/// this one follows the traditional placement (hòa, thủy) used in most official texts.
fn tone_position(v: &[char], closed: bool) -> usize {
    if let Some(k) = v.iter().rposition(|c| HATTED.contains(*c)) {
        return k;
    }
    match v.len() {
        1 => 0,
        _ if closed => v.len() - 1,
        3 => 1,
        _ => 0,
    }
}

/// All index terms of a text: folded unigrams, code aliases, accented unigrams that differ
/// from their folded form, and folded pairs of adjacent syllables.
#[cfg(test)]
pub fn index_terms(text: &str) -> Vec<String> {
    terms_of(&tokens(text), true)
}

/// Index terms of already tokenized text; `rich` adds accented forms and pairs.
pub fn terms_of(toks: &[Token], rich: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(toks.len() * if rich { 3 } else { 1 });
    for_each_term(toks, rich, |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each term of [`terms_of`], in the same order, without allocating a string
/// per term (the index builder sees millions of them).
pub fn for_each_term(toks: &[Token], rich: bool, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for (k, t) in toks.iter().enumerate() {
        f(&t.folded);
        if t.code {
            buf.clear();
            buf.extend(t.folded.chars().filter(|&c| c != '.'));
            f(&buf);
        }
        if rich {
            if t.has_accents() {
                f(&t.accented);
            }
            if let Some(prev) = k.checked_sub(1).map(|p| &toks[p]) {
                if t.joined && !prev.code && !t.code {
                    buf.clear();
                    buf.push_str(&prev.folded);
                    buf.push('_');
                    buf.push_str(&t.folded);
                    f(&buf);
                }
            }
        }
    }
}

/// Calls `f` with each term of `text`, exactly as [`for_each_term`] over [`tokens`] would,
/// without materializing the tokens. Returns the number of tokens.
pub fn for_each_text_term(text: &str, rich: bool, mut f: impl FnMut(&str)) -> usize {
    let mut count = 0;
    let mut buf = String::new();
    // The previous token's folded form and whether it was a code (for pair terms).
    let mut prev: Option<(String, bool)> = None;
    scan(text, |t| {
        count += 1;
        f(t.folded);
        if t.code {
            buf.clear();
            buf.extend(t.folded.chars().filter(|&c| c != '.'));
            f(&buf);
        }
        if rich {
            if t.accented != t.folded {
                f(t.accented);
            }
            if let Some((pf, pcode)) = &prev {
                if t.joined && !*pcode && !t.code {
                    buf.clear();
                    buf.push_str(pf);
                    buf.push('_');
                    buf.push_str(t.folded);
                    f(&buf);
                }
            }
            let (pf, pcode) = prev.get_or_insert_with(|| (String::new(), false));
            pf.clear();
            pf.push_str(t.folded);
            *pcode = t.code;
        }
    });
    count
}

/// The pair term of two adjacent tokens, if they may form one.
fn pair(a: &Token, b: &Token) -> Option<String> {
    (b.joined && !a.code && !b.code).then(|| format!("{}_{}", a.folded, b.folded))
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded form; must match (exactly, as a prefix, or with one typo).
    pub folded: String,
    /// Accented form when the user typed accents (ranking bonus only).
    pub accented: Option<String>,
    /// Prefixes to expand when this is the last word and the user is still typing: the
    /// canonical folded form and the raw folded spelling ("ki" may become "kinh").
    pub prefixes: Vec<String>,
    /// A filler word ("làm", "cách") that does not need to match.
    pub optional: bool,
    /// Whether one-edit typo tolerance applies (folded syllables of 4+ letters, not codes).
    pub fuzzy: bool,
}

/// A normalized query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryTerms {
    /// Distinct words in query order.
    pub words: Vec<QueryWord>,
    /// Folded pairs of adjacent words (phrase bonus).
    pub pairs: Vec<String>,
}

/// Normalizes a query. With `prefix`, the last word also matches longer terms when the
/// query ends inside a word (search-as-you-type).
pub fn query_terms(q: &str, prefix: bool) -> QueryTerms {
    let toks = tokens(q);
    let mut words: Vec<QueryWord> = Vec::with_capacity(toks.len());
    let mut pairs = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if let Some(p) = k.checked_sub(1).and_then(|p| pair(&toks[p], t)) {
            if !pairs.contains(&p) {
                pairs.push(p);
            }
        }
        if words.iter().any(|w| w.folded == t.folded) {
            continue;
        }
        words.push(QueryWord {
            folded: t.folded.clone(),
            accented: t.has_accents().then(|| t.accented.clone()),
            prefixes: Vec::new(),
            optional: OPTIONAL_WORDS.contains(&t.folded.as_str()),
            fuzzy: !t.code && t.folded.chars().count() >= 4,
        });
    }
    if words.iter().all(|w| w.optional) {
        for w in &mut words {
            w.optional = false;
        }
    }
    // Only a word still being typed (no trailing space or punctuation) is a prefix.
    let typing = q.chars().last().is_some_and(is_word_char);
    if prefix && typing {
        if let (Some(t), Some(w)) = (toks.last(), words.last_mut()) {
            if t.folded == w.folded {
                w.prefixes.push(w.folded.clone());
                let typed = raw_fold_of_last(q);
                if !t.code && !typed.is_empty() && typed != w.folded {
                    w.prefixes.push(typed);
                }
            }
        }
    }
    QueryTerms { words, pairs }
}

/// The folded spelling of the last run exactly as typed (before i/y respelling).
fn raw_fold_of_last(q: &str) -> String {
    let last: String = lower(q)
        .chars()
        .rev()
        .take_while(|c| is_word_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    fold_lower(&last)
}

/// Optimal-string-alignment distance is at most one (one insertion, deletion,
/// substitution or swap of adjacent letters: "chiue" → "chieu").
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let mut i = 0;
    while i < la && i < lb && a[i] == b[i] {
        i += 1;
    }
    if i == la && i == lb {
        return true;
    }
    if la == lb {
        if a[i + 1..] == b[i + 1..] {
            return true;
        }
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..];
    }
    if la > lb {
        a[i + 1..] == b[i..]
    } else {
        a[i..] == b[i + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.folded).collect()
    }
    fn accented(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.accented).collect()
    }

    #[test]
    fn folds_d_and_marks() {
        assert_eq!(fold("Đăng ký ĐẤT ĐAI"), "dang ky dat dai");
        assert_eq!(fold("Ðà Nẵng"), "da nang");
    }

    #[test]
    fn tone_placement_and_iy_variants_agree() {
        assert_eq!(accented("hoà hòa"), ["hòa", "hòa"]);
        assert_eq!(accented("thuỷ thủy"), ["thủy", "thủy"]);
        assert_eq!(accented("đăng kí đăng ký"), ["đăng", "ký", "đăng", "ký"]);
        assert_eq!(folded("qui quy quí quý"), ["quy"; 4]);
        assert_eq!(folded("lí lịch"), ["ly", "lich"]);
        assert_eq!(folded("gìn giữ gịa"), ["gin", "giu", "gia"]);
    }

    #[test]
    fn fast_paths_agree_with_the_unicode_tables() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if let Some(l) = latin_lower(c) {
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), vec![l], "{c:?}");
                assert_eq!(
                    unicode_normalization::is_nfc_quick(std::iter::once(c)),
                    unicode_normalization::IsNormalized::Yes,
                    "{c:?}"
                );
                assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            }
            let general = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric() || is_combining_mark(c)
            };
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
        for s in ["ĐĂNG KÝ Hộ Khẩu", "Ðăng ký", "ΣΑΣ", "İstanbul", "e\u{301}"] {
            assert_eq!(lower(s), lower_general(s), "{s}");
        }
    }

    #[test]
    fn text_terms_match_the_terms_of_the_tokens() {
        for text in [
            "Đăng ký khai sinh có yếu tố nước ngoài",
            "Mã 1.001193; lệ phí 1.500.000 đồng - hoà/hòa, thuỷ-thủy",
            "  ",
            "GPLX hạng B2 (ô tô) 2.000200 x",
        ] {
            for rich in [true, false] {
                let mut got = Vec::new();
                let n = for_each_text_term(text, rich, |t| got.push(t.to_string()));
                let toks = tokens(text);
                assert_eq!(n, toks.len(), "{text}");
                assert_eq!(got, terms_of(&toks, rich), "{text} rich={rich}");
            }
        }
    }

    #[test]
    fn codes_are_single_tokens() {
        let t = tokens("Mã 1.001193; giá 1.500.000 đ");
        assert_eq!(t[1].folded, "1.001193");
        assert!(t[1].code);
        assert_eq!(t[1].code_alias().as_deref(), Some("1001193"));
        assert_eq!(t[3].folded, "1.500.000");
        assert_eq!(t[4].folded, "d");
    }

    #[test]
    fn nfd_input_matches_nfc() {
        let nfd: String = "Đăng ký khai sinh".nfd().collect();
        assert_eq!(tokens(&nfd), tokens("Đăng ký khai sinh"));
    }

    #[test]
    fn index_terms_have_pairs_and_accents() {
        assert_eq!(
            index_terms("Hộ chiếu, cấp"),
            ["ho", "hộ", "chieu", "chiếu", "ho_chieu", "cap", "cấp"]
        );
    }

    #[test]
    fn query_prefix_keeps_typed_spelling() {
        let q = query_terms("đăng ki", true);
        let last = q.words.last().expect("two words");
        assert_eq!(last.folded, "ky");
        assert_eq!(last.prefixes, ["ky", "ki"]);
        assert_eq!(q.pairs, ["dang_ky"]);
        assert_eq!(q.words[0].accented.as_deref(), Some("đăng"));
    }

    #[test]
    fn optional_words() {
        let q = query_terms("làm hộ chiếu", false);
        assert!(q.words[0].optional);
        assert!(!q.words[1].optional);
        assert!(!query_terms("làm", false).words[0].optional);
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("chiue", "chieu"));
        assert!(within_one_edit("chiu", "chieu"));
        assert!(within_one_edit("chieux", "chieu"));
        assert!(within_one_edit("chiex", "chieu"));
        assert!(within_one_edit("cheiu", "chieu"));
        assert!(!within_one_edit("chxxu", "chieu"));
    }

    /// Expected columns of one vector line: folded tokens, accented tokens, index terms.
    fn expected(input: &str) -> [String; 3] {
        let toks = tokens(input);
        [
            toks.iter()
                .map(|t| t.folded.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            toks.iter()
                .map(|t| t.accented.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            terms_of(&toks, true).join(" "),
        ]
    }

    const VECTORS: &str = include_str!("../../tests/fixtures/search/vectors.tsv");

    #[test]
    fn shared_vectors() {
        let mut checked = 0;
        for (n, line) in VECTORS.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "vectors.tsv line {}", n + 1);
            let got = expected(cols[0]);
            assert_eq!(got, cols[1..4], "vectors.tsv line {}: {:?}", n + 1, cols[0]);
            checked += 1;
        }
        assert!(checked >= 300, "only {checked} vectors");
    }

    /// Rewrites the expected columns from the current implementation (review the diff!).
    #[test]
    #[ignore]
    fn regenerate_vectors() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/search/vectors.tsv"
        );
        let text = std::fs::read_to_string(path).expect("read vectors");
        let mut out = String::new();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                out.push_str(line);
            } else {
                let input = line.split('\t').next().unwrap_or_default();
                let [f, a, t] = expected(input);
                out.push_str(&format!("{input}\t{f}\t{a}\t{t}"));
            }
            out.push('\n');
        }
        std::fs::write(path, out).expect("write vectors");
    }
}
