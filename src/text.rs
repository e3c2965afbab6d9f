//! Small text helpers shared by the stages: Vietnamese folding, Markdown, number formats.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Removes Vietnamese diacritics (NFD, drop combining marks, `đ` → `d`), keeping case.
pub fn fold_ascii(s: &str) -> String {
    fold_ascii_chars(s).collect()
}

/// The characters of [`fold_ascii`]`(s)`, produced lazily (a caller that needs the first
/// few does not fold the whole text).
pub fn fold_ascii_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.nfd().filter(|c| !is_combining_mark(*c)).map(|c| match c {
        'đ' => 'd',
        'Đ' => 'D',
        other => other,
    })
}

/// Whether `s` is already in NFC. Text made only of characters below U+0300 (ASCII, Latin-1,
/// Latin Extended) and precomposed Vietnamese letters (U+1E00–U+1EFF) is, without a look
/// at the normalization tables; a test checks that range against them.
pub fn is_nfc(s: &str) -> bool {
    let plain = |c: char| (c as u32) < 0x300 || ('\u{1e00}'..='\u{1eff}').contains(&c);
    s.is_ascii()
        || s.chars().all(plain)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Renders untrusted Markdown to HTML that cannot run script: pulldown-cmark, then ammonia
/// whenever the text carries raw HTML or a URL.
pub fn markdown(src: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser, Tag};
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(src, opts).collect();
    // pulldown-cmark escapes all text, code and attribute values it writes, so raw HTML and
    // link or image URLs are the only ways script can get in. Text without them (most steps
    // and notes) skips the sanitizer's parse and reserialize, a large share of a build; a
    // test pins both paths to the same bytes.
    let untrusted_markup = events.iter().any(|e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
        ) || matches!(e, Event::Start(Tag::Table(align))
            // Aligned columns get style attributes, which the sanitizer drops.
            if align.iter().any(|a| *a != pulldown_cmark::Alignment::None))
    });
    let mut raw = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    if untrusted_markup {
        sanitizer().clean(&raw).to_string()
    } else if raw.contains(" />") {
        // The void elements as the sanitizer writes them, so both paths give the same bytes
        // (text is escaped, so " />" can only close a tag here).
        raw.replace("<br />", "<br>").replace("<hr />", "<hr>")
    } else {
        raw
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        b.link_rel(Some("noopener noreferrer nofollow"));
        b
    })
}

/// Plain text of Markdown, for search and meta descriptions.
pub fn markdown_text(src: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(src.len());
    // Whitespace is collapsed as the text arrives (one space between words, none at the
    // ends), instead of a second pass over the whole text.
    let mut gap = false;
    for ev in Parser::new(src) {
        match ev {
            Event::Text(t) | Event::Code(t) => push_words(&mut out, &t, &mut gap),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => gap = true,
            _ => {}
        }
    }
    out
}

/// Appends `s` to `out` with runs of whitespace as one space; `gap` carries a pending space
/// across calls, so words split over two text events still join.
fn push_words(out: &mut String, s: &str, gap: &mut bool) {
    if s.starts_with(char::is_whitespace) {
        *gap = true;
    }
    for (i, word) in s.split_whitespace().enumerate() {
        if (i > 0 || *gap) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        *gap = false;
    }
    if s.ends_with(char::is_whitespace) {
        *gap = true;
    }
}

/// Formats whole đồng with Vietnamese thousands separators: 1500000 → "1.500.000".
pub fn vnd(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Shortens text to at most `max` characters at a word boundary, adding an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_collapses_whitespace_like_a_second_pass_would() {
        fn two_pass(src: &str) -> String {
            use pulldown_cmark::{Event, Parser, TagEnd};
            let mut out = String::new();
            for ev in Parser::new(src) {
                match ev {
                    Event::Text(t) | Event::Code(t) => out.push_str(&t),
                    Event::SoftBreak
                    | Event::HardBreak
                    | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                        out.push(' ')
                    }
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        for src in [
            "",
            "   ",
            "Một  câu\ttrong   đoạn.",
            "ngh**ị đị**nh 63/2010 và `mã  1.001193` nữa",
            "# Tiêu đề\n\nĐoạn một.\nDòng mềm.  \nDòng cứng.\n\n- mục một\n- mục *hai*\n\n1. bước\n",
            "  lề trái\n\n> trích dẫn  \n\n| a | b |\n|---|---|\n| ô  một | ô hai |\n",
            "chữ&nbsp;dính &amp; ký tự\u{a0}không ngắt",
        ] {
            assert_eq!(markdown_text(src), two_pass(src), "{src:?}");
        }
    }

    #[test]
    fn folds_d_bar() {
        assert_eq!(fold_ascii("Đăng ký hộ chiếu"), "Dang ky ho chieu");
    }

    #[test]
    fn markdown_cannot_inject_script() {
        let html = markdown("hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> <iframe src=//evil></iframe>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
    }

    #[test]
    fn markup_without_html_or_urls_is_what_the_sanitizer_would_give() {
        use pulldown_cmark::{html, Options, Parser};
        for src in [
            "Nộp hồ sơ tại **Bộ phận Một cửa**; nhận kết quả *sau 5 ngày*.",
            "- Bản chính\n- Bản sao, có `chứng thực`\n\n1. Bước một\n2. Bước hai",
            "Đoạn một.\n\nĐoạn hai có ~~gạch~~ và dấu \"ngoặc\" & ký hiệu < > 'đơn'.",
            "# Tiêu đề\n\n> trích dẫn\n\n    mã lệnh\n\n---\n\ndòng  \nngắt",
            "| Cột | Giá |\n|---|---|\n| a | 1.500.000 |",
            "```\n<script>alert(1)</script>\n```",
            "| Cột | Giá |\n|:---|---:|\n| a | 1 |",
            "3. bắt đầu từ ba\n4. bốn",
        ] {
            let mut opts = Options::empty();
            opts.insert(Options::ENABLE_TABLES);
            opts.insert(Options::ENABLE_STRIKETHROUGH);
            let mut raw = String::new();
            html::push_html(&mut raw, Parser::new_ext(src, opts));
            assert_eq!(markdown(src), sanitizer().clean(&raw).to_string(), "{src}");
        }
    }

    #[test]
    fn the_nfc_shortcut_agrees_with_the_tables() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in (0..0x300).chain(0x1e00..=0x1eff).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(is_nfc("Đăng ký khai sinh"));
        assert!(!is_nfc("Đăng ky\u{301} khai sinh"));
    }

    #[test]
    fn formats_vnd() {
        assert_eq!(vnd(20000), "20.000");
        assert_eq!(vnd(1500000), "1.500.000");
        assert_eq!(vnd(500), "500");
    }
}
