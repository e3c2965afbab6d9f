//! `build --portable`: a site that works opened straight from disk (`file://`, a USB stick in
//! a commune office). Two things break there and nowhere else:
//! - a link to a directory (`thu-tuc/1.001193/`) opens a file listing or nothing, since no
//!   server picks its `index.html`: links must name the file;
//! - browsers refuse `fetch()` of `file://` URLs, so the search index and the working calendar
//!   are also written as small scripts ([`script_twin`]) that register their data when loaded
//!   with a `<script>` element, which `file://` allows. `search.js` and `site.js` use them
//!   when the page itself is a `file://` page.

/// The global object the data scripts register into, by the data file's site-relative path.
pub const REGISTRY: &str = "MotcuaData";

/// The site's own links in a page made relative to it (as [`super::urls::relativize`]) and
/// pointing at files: a path ending in `/` gets `index.html`, before any `?query` or
/// `#fragment`. `data-search-base` stays a directory: scripts append file paths to it.
pub fn relativize(html: &[u8], base_path: &str, to_root: &str) -> Vec<u8> {
    let needle = format!("=\"{base_path}");
    let needle = needle.as_bytes();
    let mut out = Vec::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = find(rest, needle) {
        out.extend_from_slice(&rest[..at + 2]);
        let is_base = rest[..at].ends_with(b"data-search-base");
        rest = &rest[at + needle.len()..];
        let end = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
        let value = &rest[..end];
        let path_end = value
            .iter()
            .position(|&b| b == b'#' || b == b'?')
            .unwrap_or(value.len());
        let path = &value[..path_end];
        out.extend_from_slice(to_root.as_bytes());
        out.extend_from_slice(path);
        if !is_base && (path.is_empty() || path.ends_with(b"/")) {
            out.extend_from_slice(b"index.html");
        }
        out.extend_from_slice(&value[path_end..]);
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // A page has a few hundred links: a naive window scan compared the needle at every byte
    // and was a tenth of the build's CPU.
    memchr::memmem::find(haystack, needle)
}

/// True for the data files the browser reads at run time, which get a script twin.
pub fn needs_twin(path: &str) -> bool {
    path.ends_with(".json") && (path.starts_with("search/") || path == super::urls::CALENDAR_JSON)
}

/// The script twin of the JSON data file at `path`: `x.json` → `x.js`, registering the
/// parsed data under `path`. JSON is valid JavaScript; `</` is escaped anyway so the bytes
/// could also be inlined in a page.
pub fn script_twin(path: &str, json: &[u8]) -> (String, Vec<u8>) {
    let js_path = format!("{}.js", path.strip_suffix(".json").unwrap_or(path));
    let mut out = Vec::with_capacity(json.len() + path.len() + 64);
    out.extend_from_slice(
        format!("(self.{REGISTRY}=self.{REGISTRY}||{{}})[\"{path}\"]=").as_bytes(),
    );
    let body = json.strip_suffix(b"\n").unwrap_or(json);
    let mut rest = body;
    while let Some(i) = find(rest, b"</") {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(b"<\\/");
        rest = &rest[i + 2..];
    }
    out.extend_from_slice(rest);
    out.extend_from_slice(b";\n");
    (js_path, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_files_and_keep_fragments() {
        let html = br#"<a href="/s/">h</a><a href="/s/thu-tuc/1.0/#giay-to">p</a><a href="/s/tim-kiem/?q=a">q</a><link href="/s/static/x.css"><form data-search-base="/s/" data-sectors-url="/s/linh-vuc/"><a href="https://x.vn/s/">o</a>"#;
        let got = String::from_utf8(relativize(html, "/s/", "../../")).unwrap();
        assert_eq!(
            got,
            r#"<a href="../../index.html">h</a><a href="../../thu-tuc/1.0/index.html#giay-to">p</a><a href="../../tim-kiem/index.html?q=a">q</a><link href="../../static/x.css"><form data-search-base="../../" data-sectors-url="../../linh-vuc/index.html"><a href="https://x.vn/s/">o</a>"#
        );
    }

    #[test]
    fn twins_register_the_json_under_its_path() {
        assert!(needs_twin("search/manifest.json"));
        assert!(needs_twin(super::super::urls::CALENDAR_JSON));
        assert!(!needs_twin("du-lieu/procedures.json.gz"));
        let (path, js) = script_twin("search/t/ab.json", b"{\"a\":\"</script>\"}\n");
        assert_eq!(path, "search/t/ab.js");
        assert_eq!(
            String::from_utf8(js).unwrap(),
            "(self.MotcuaData=self.MotcuaData||{})[\"search/t/ab.json\"]={\"a\":\"<\\/script>\"};\n"
        );
    }
}
