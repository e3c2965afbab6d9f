//! Where pages live: one place computes every URL and output path.

use crate::catalogue::model::Level;

/// Builds site-relative URLs under the site's base path, and the matching output paths.
#[derive(Debug, Clone)]
pub struct Urls {
    /// Absolute base URL, always ending in `/` (for canonical links, sitemap, feed).
    pub base_url: String,
    /// The path part of the base URL, always starting and ending in `/` (for links).
    pub base_path: String,
}

impl Urls {
    /// Splits a base URL such as `https://example.gov.vn/thu-tuc/` into its parts.
    pub fn new(base_url: &str) -> Urls {
        let mut base_url = base_url.trim().to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let path = match base_url.find("://") {
            Some(i) => match base_url[i + 3..].find('/') {
                Some(j) => base_url[i + 3 + j..].to_string(),
                None => "/".to_string(),
            },
            None => {
                if base_url.starts_with('/') {
                    base_url.clone()
                } else {
                    format!("/{base_url}")
                }
            }
        };
        Urls {
            base_url,
            base_path: path,
        }
    }

    /// A link to a site-relative path (no leading slash), e.g. `thu-tuc/1.001193/`.
    pub fn link(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel)
    }

    /// The absolute URL of a site-relative path.
    pub fn absolute(&self, rel: &str) -> String {
        if self.base_url.starts_with('/') {
            return self.link(rel);
        }
        format!("{}{}", self.base_url, rel)
    }
}

/// The directory under which every procedure has its pages.
pub const PROCEDURES: &str = "thu-tuc/";

/// The prefix that leads from the page at `out` (an output file, e.g.
/// `thu-tuc/1.001193/index.html`) back to the site's root: `../../`, or `./` at the root.
pub fn to_root(out: &str) -> String {
    let depth = out.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Makes the site's own links in a rendered page relative to the page, so one output works
/// at `/`, under any sub-path and behind a portal's proxy. Every internal link is written as
/// `base_path` + a site-relative path, inside a quoted attribute; only those are rewritten.
/// Catalogue text cannot forge one: it reaches attributes escaped (`"` becomes `&quot;`),
/// and outside attributes `="` does not start a value.
pub fn relativize(html: &[u8], base_path: &str, to_root: &str) -> Vec<u8> {
    let needle = format!("=\"{base_path}");
    let needle = needle.as_bytes();
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = find(rest, needle) {
        out.extend_from_slice(&rest[..at + 2]);
        out.extend_from_slice(to_root.as_bytes());
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// The site's own links in a rendered fragment made absolute, for a page shown on other
/// sites: the counterpart of [`relativize`], with the same reasoning about what can match.
pub fn absolutize(html: &[u8], base_path: &str, base_url: &str) -> Vec<u8> {
    if base_path == base_url {
        return html.to_vec();
    }
    relativize(html, base_path, base_url)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // A page has a few hundred links: a naive window scan compared the needle at every byte
    // and was a tenth of the build's CPU.
    memchr::memmem::find(haystack, needle)
}

/// Site-relative directory of a procedure page.
pub fn procedure(code: &str) -> String {
    format!("{PROCEDURES}{code}/")
}

/// Site-relative path of a procedure's printable checklist. A file beside the page rather
/// than a directory of its own: ten thousand fewer directories for the filesystem to create.
pub fn checklist(code: &str) -> String {
    format!("thu-tuc/{code}/giay-to.html")
}

/// Site-relative path of a procedure's JSON record.
pub fn procedure_json(code: &str) -> String {
    format!("thu-tuc/{code}/index.json")
}

/// Site-relative directory of a sector page.
pub fn sector(id: &str) -> String {
    format!("linh-vuc/{id}/")
}

/// Site-relative directory of an agency page.
pub fn agency(id: &str) -> String {
    format!("co-quan/{id}/")
}

/// Site-relative directory of a legal document page (ASCII slug of its number).
pub fn legal(number: &str) -> String {
    format!("van-ban/{}/", ascii_slug(number))
}

/// Site-relative directory of a journey page.
pub fn journey(id: &str) -> String {
    format!("su-kien/{id}/")
}

/// Site-relative directory of a level page.
pub fn level(level: Level) -> String {
    format!("cap/{}/", level_slug(level))
}

/// The URL word of a level.
pub fn level_slug(level: Level) -> &'static str {
    match level {
        Level::Ministry => "bo",
        Level::Province => "tinh",
        Level::District => "huyen",
        Level::Commune => "xa",
        Level::Other => "khac",
    }
}

/// Fixed pages.
pub const HOME: &str = "";
/// Sector list.
pub const SECTORS: &str = "linh-vuc/";
/// Agency list.
pub const AGENCIES: &str = "co-quan/";
/// Legal document list.
pub const LEGAL: &str = "van-ban/";
/// Journey list.
pub const JOURNEYS: &str = "su-kien/";
/// Level list.
pub const LEVELS: &str = "cap/";
/// A–Z index.
pub const AZ: &str = "a-z/";
/// The commune-level units and their offices ("Tìm xã, phường").
pub const COMMUNES: &str = "xa-phuong/";
/// The same units as JSON (open data).
pub const COMMUNES_JSON: &str = "du-lieu/xa-phuong.json";
/// Search page.
pub const SEARCH: &str = "tim-kiem/";
/// Help page.
pub const ABOUT: &str = "huong-dan/";
/// Atom feed.
pub const FEED: &str = "feed.xml";
/// Sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// The page served for missing paths.
pub const NOT_FOUND: &str = "404.html";
/// Open data export.
pub const DATA: &str = "du-lieu/procedures.json.gz";
/// The working calendar as JSON, for the due dates counted in the browser.
pub const CALENDAR_JSON: &str = "du-lieu/lich-lam-viec.json";
/// The open data page: every data file and column explained.
pub const OPEN_DATA: &str = "du-lieu/";

/// The output file of a page: a directory (`thu-tuc/x/`) gets its `index.html`, a file path
/// (`thu-tuc/x/giay-to.html`) is already one.
pub fn file_for(dir: &str) -> String {
    if dir.ends_with('/') || dir.is_empty() {
        format!("{dir}index.html")
    } else {
        dir.to_string()
    }
}

/// Lowercase ASCII slug: folds Vietnamese letters (đ → d), keeps digits, joins with `-`.
pub fn ascii_slug(s: &str) -> String {
    let folded = crate::text::fold_ascii(s);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_url() {
        let u = Urls::new("https://example.gov.vn/thu-tuc");
        assert_eq!(u.base_path, "/thu-tuc/");
        assert_eq!(u.link("a-z/"), "/thu-tuc/a-z/");
        assert_eq!(u.absolute("a-z/"), "https://example.gov.vn/thu-tuc/a-z/");
        assert_eq!(Urls::new("https://example.gov.vn").base_path, "/");
    }

    #[test]
    fn links_become_relative_to_the_page() {
        assert_eq!(to_root("index.html"), "./");
        assert_eq!(to_root("thu-tuc/1.001193/index.html"), "../../");
        assert_eq!(to_root("thu-tuc/1.001193/giay-to.html"), "../../");
        let html = br#"<a href="/thu-tuc/a-z/">A</a><link href="/thu-tuc/static/x.css"><a href="/thu-tuc/">h</a><a href="https://x.vn/thu-tuc/">o</a><form data-search-base="/thu-tuc/">"#;
        let got = relativize(html, "/thu-tuc/", "../");
        assert_eq!(
            String::from_utf8(got).unwrap(),
            r#"<a href="../a-z/">A</a><link href="../static/x.css"><a href="../">h</a><a href="https://x.vn/thu-tuc/">o</a><form data-search-base="../">"#
        );
    }

    #[test]
    fn links_become_absolute_for_other_sites() {
        let html = br#"<a href="/thu-tuc/1.001193/">p</a> /thu-tuc/ in text <a href="https://x.vn/thu-tuc/">o</a>"#;
        let got = absolutize(html, "/thu-tuc/", "https://tinh.gov.vn/thu-tuc/");
        assert_eq!(
            String::from_utf8(got).unwrap(),
            r#"<a href="https://tinh.gov.vn/thu-tuc/1.001193/">p</a> /thu-tuc/ in text <a href="https://x.vn/thu-tuc/">o</a>"#
        );
        // A base URL without a host leaves the links as they are.
        assert_eq!(absolutize(html, "/", "/"), html.to_vec());
    }

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(ascii_slug("123/2015/NĐ-CP"), "123-2015-nd-cp");
        assert_eq!(ascii_slug("Đăng ký khai sinh"), "dang-ky-khai-sinh");
    }
}
