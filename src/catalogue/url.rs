//! URLs from the catalogue, checked once at load.
//!
//! Every URL a page can link to comes from catalogue text, which is untrusted: a
//! `javascript:` link in a channel or a form would run in every citizen's browser. So each URL
//! field has one of two types, and a value that is not a plain absolute web address (or, for a
//! contact, a `mailto:`/`tel:` address) never gets past the schema check. Views and templates
//! receive only these types, never a bare string to filter.

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schemes a web address may have.
pub(crate) const WEB_SCHEMES: &[&str] = &["http", "https"];
/// The schemes a contact address may have (web, e-mail, telephone).
pub(crate) const CONTACT_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The JSON Schema keyword that names the allowed schemes; the checker in `schema.rs`
/// validates every string that carries it.
pub(crate) const SCHEMES_KEYWORD: &str = "x-url-schemes";

/// Why a text is not an acceptable URL: a message and a hint, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProblem {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Checks `text` against `schemes`. The text must be exactly what a browser will read: no
/// whitespace or control characters (browsers strip or skip them, which is how
/// `java\tscript:` slips past a naive check), an absolute URL with one of the schemes, and a
/// host for web addresses.
pub fn check(text: &str, schemes: &[&str]) -> Result<(), UrlProblem> {
    let allowed = schemes
        .iter()
        .map(|s| format!("`{s}:`"))
        .collect::<Vec<_>>()
        .join(", ");
    let example = "ví dụ \"https://dichvucong.gov.vn/\"";
    if text.is_empty() {
        return Err(UrlProblem {
            message: "đường dẫn trống".to_string(),
            hint: format!("ghi địa chỉ đầy đủ, {example}, hoặc xoá dòng này"),
        });
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let what = if c.is_control() || c == '\t' {
            "ký tự điều khiển"
        } else {
            "khoảng trắng"
        };
        return Err(UrlProblem {
            message: format!("đường dẫn `{}` chứa {what}", escape_controls(text)),
            hint: format!("xoá {what}; khoảng trắng trong địa chỉ viết là %20, {example}"),
        });
    }
    let parsed = match url::Url::parse(text) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let message = if text.starts_with("//") {
                format!("đường dẫn `{text}` thiếu giao thức (bắt đầu bằng `//`)")
            } else {
                format!("đường dẫn `{text}` không phải địa chỉ đầy đủ")
            };
            return Err(UrlProblem {
                message,
                hint: format!("viết địa chỉ đầy đủ bắt đầu bằng {allowed}, {example}"),
            });
        }
        Err(e) => {
            return Err(UrlProblem {
                message: format!("đường dẫn `{text}` không đọc được ({e})"),
                hint: format!("viết địa chỉ đầy đủ bắt đầu bằng {allowed}, {example}"),
            })
        }
    };
    let scheme = parsed.scheme();
    if !schemes.contains(&scheme) {
        return Err(UrlProblem {
            message: format!("đường dẫn dùng giao thức `{scheme}:` không được phép"),
            hint: format!(
                "chỉ dùng {allowed}; các giao thức khác (javascript:, data:, file:, …) có thể chạy mã hoặc mở tệp trên máy người dân"
            ),
        });
    }
    // `http:evil.example` parses (browsers are lenient), but nobody means it.
    let full_form = text
        .get(..scheme.len() + 3)
        .is_some_and(|head| head.eq_ignore_ascii_case(&format!("{scheme}://")));
    if WEB_SCHEMES.contains(&scheme) && (!full_form || parsed.host_str().is_none_or(str::is_empty))
    {
        return Err(UrlProblem {
            message: format!("đường dẫn `{text}` không có tên miền"),
            hint: format!("viết địa chỉ đầy đủ, {example}"),
        });
    }
    if matches!(scheme, "mailto" | "tel") && parsed.path().is_empty() {
        return Err(UrlProblem {
            message: format!("đường dẫn `{text}` không có địa chỉ thư hoặc số điện thoại"),
            hint: "ví dụ \"mailto:motcua@example.gov.vn\" hoặc \"tel:+842393855555\"".to_string(),
        });
    }
    Ok(())
}

fn escape_controls(text: &str) -> String {
    text.chars().flat_map(char::escape_default).collect()
}

macro_rules! url_type {
    ($(#[$doc:meta])* $name:ident, $schemes:expr, $description:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks `text` and wraps it.
            pub fn parse(text: &str) -> Result<$name, UrlProblem> {
                check(text, $schemes).map(|()| $name(text.to_string()))
            }

            /// The URL as written (and checked).
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Stands in for the URL of a `site.yaml` that failed its checks, so the rest of
            /// the catalogue can still be checked. Such a catalogue has errors and is never
            /// rendered, so this address never reaches a page.
            pub(crate) fn stand_in() -> $name {
                $name("https://invalid.invalid/".to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).map_err(|p| serde::de::Error::custom(p.message))
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "format": "uri",
                    "description": $description,
                    "x-url-schemes": $schemes,
                })
            }
        }
    };
}

url_type!(
    /// An absolute `http`/`https` address.
    HttpUrl,
    WEB_SCHEMES,
    "Địa chỉ web đầy đủ, bắt đầu bằng https:// hoặc http://."
);

url_type!(
    /// A contact address: web, `mailto:` or `tel:`.
    ContactUrl,
    CONTACT_SCHEMES,
    "Địa chỉ liên hệ đầy đủ: https://…, http://…, mailto:… hoặc tel:…."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_web_addresses() {
        for ok in [
            "https://dichvucong.gov.vn/",
            "http://example.gov.vn/a?b=c#d",
            "https://vanban.chinhphu.vn/?pageid=27160&docid=212345",
            "https://hatinh.gov.vn/%C4%91%C3%A0",
        ] {
            assert!(HttpUrl::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_everything_a_browser_could_run_or_resolve_elsewhere() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java&#x09;script:alert(1)",
            " javascript:alert(1)",
            "javascript:alert(1) ",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example/x",
            "/thu-tuc/1.001193/",
            "thu-tuc/1.001193/",
            "https://",
            "http:evil.example",
            "mailto:a@b.vn",
            "",
            "https://exa mple.vn/",
        ] {
            let err = HttpUrl::parse(bad);
            assert!(err.is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn contacts_also_take_mail_and_phone() {
        assert!(ContactUrl::parse("mailto:motcua@hatinh.gov.vn").is_ok());
        assert!(ContactUrl::parse("tel:+842393855555").is_ok());
        assert!(ContactUrl::parse("https://hatinh.gov.vn/").is_ok());
        assert!(ContactUrl::parse("tel:").is_err());
        assert!(ContactUrl::parse("javascript:alert(1)").is_err());
    }

    #[test]
    fn deserializing_applies_the_same_check() {
        let ok: Result<HttpUrl, _> = serde_json::from_str("\"https://a.vn/\"");
        assert_eq!(
            ok.map(|u| u.to_string()).ok().as_deref(),
            Some("https://a.vn/")
        );
        let bad: Result<HttpUrl, _> = serde_json::from_str("\"javascript:x\"");
        assert!(bad.is_err());
    }
}
