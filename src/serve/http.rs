//! The HTTP side of `serve`: static files from memory, the 404 page, the error overlay and
//! the live-reload event stream.

use std::io::Write as _;
use std::sync::mpsc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::{Served, Shared, EVENTS_PATH, SEARCH_PATH};
use crate::site::urls;

/// How often an idle event stream sends a comment, so a closed page is noticed and its
/// thread ends.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Serves requests until the server is dropped.
pub fn worker(server: &Server, shared: &std::sync::Arc<Shared>) {
    for req in server.incoming_requests() {
        if path_of(req.url()) == EVENTS_PATH {
            let shared = std::sync::Arc::clone(shared);
            // One thread per open page: the stream stays open until the page goes away.
            std::thread::spawn(move || events(req, &shared));
            continue;
        }
        let path = path_of(req.url());
        let response = if path == SEARCH_PATH {
            search_api(shared, req.url())
        } else {
            match shared.served.read() {
                Ok(served) => {
                    let mut r = respond(&served, req.url());
                    if path.trim_end_matches('/').ends_with("/tim-kiem") && r.status == 200 {
                        r.body = with_server_results(shared, req.url(), r.body);
                    }
                    r
                }
                Err(_) => Reply::text(500, "lỗi máy chủ"),
            }
        };
        let head = *req.method() == tiny_http::Method::Head;
        let mut r = Response::from_data(if head { Vec::new() } else { response.body })
            .with_status_code(response.status);
        for (k, v) in response.headers {
            if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                r.add_header(h);
            }
        }
        // A client that hung up is no concern of the server.
        let _ = req.respond(r);
    }
}

/// The value of `key` in a URL's query string, decoded (`+` is a space).
pub fn query_param(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then(|| percent_decode(&v.replace('+', " ")).unwrap_or_default())
    })
}

fn search_hits(shared: &Shared, q: &str, limit: usize) -> Option<Vec<serde_json::Value>> {
    let guard = shared.search.read().ok()?;
    let index = guard.as_ref()?;
    Some(
        index
            .engine
            .search(q, limit)
            .into_iter()
            .map(|h| {
                serde_json::json!({
                    "code": h.id,
                    "name": h.name,
                    "url": format!("{}{}", index.base_path, h.url),
                    "score": h.score,
                })
            })
            .collect(),
    )
}

/// `/api/search?q=…&limit=N`: results from the tantivy index as JSON.
fn search_api(shared: &Shared, url: &str) -> Reply {
    let q = query_param(url, "q").unwrap_or_default();
    let limit = query_param(url, "limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10usize)
        .clamp(1, 100);
    let Some(results) = search_hits(shared, &q, limit) else {
        return Reply::text(503, "chỉ mục tìm kiếm đang được tạo, thử lại sau giây lát");
    };
    let body = serde_json::json!({"query": q, "results": results});
    Reply {
        status: 200,
        headers: vec![
            ("Content-Type", "application/json; charset=utf-8".into()),
            ("Cache-Control", "no-store".into()),
        ],
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}

/// The search page with server-side results inserted, so the form works without JavaScript.
fn with_server_results(shared: &Shared, url: &str, body: Vec<u8>) -> Vec<u8> {
    let Some(q) = query_param(url, "q").filter(|q| !q.trim().is_empty()) else {
        return body;
    };
    let Some(hits) = search_hits(shared, &q, 20) else {
        return body;
    };
    let esc = crate::site::views::escape_html;
    let mut html = format!(
        "<section class=\"server-results\"><h2>Kết quả cho “{}”</h2>",
        esc(&q)
    );
    if hits.is_empty() {
        html.push_str(
            "<p>Không tìm thấy thủ tục phù hợp. Hãy thử từ khác, hoặc xem danh mục lĩnh vực.</p>",
        );
    } else {
        html.push_str("<ol>");
        for h in &hits {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a> <small>({})</small></li>",
                esc(h["url"].as_str().unwrap_or_default()),
                esc(h["name"].as_str().unwrap_or_default()),
                esc(h["code"].as_str().unwrap_or_default())
            ));
        }
        html.push_str("</ol>");
    }
    html.push_str("</section>");
    let text = String::from_utf8_lossy(&body);
    match text.rfind("</main>") {
        Some(i) => {
            let mut out = text[..i].to_string();
            out.push_str(&html);
            out.push_str(&text[i..]);
            out.into_bytes()
        }
        None => body,
    }
}

/// A response before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Header name and value pairs.
    pub headers: Vec<(&'static str, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }
}

/// The path part of a request target, without query or fragment.
fn path_of(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// Answers a GET for `url` from the served site.
pub fn respond(served: &Served, url: &str) -> Reply {
    let Some(site) = &served.site else {
        // No good build yet: every path shows the errors, so the first fix reloads into the site.
        let overlay = served.overlay.clone().unwrap_or_default();
        let body = format!(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Danh mục có lỗi</title></head><body>{overlay}{}</body></html>",
            super::reload_script()
        );
        return html_reply(500, body.into_bytes(), None);
    };
    let Some(key) = resolve(path_of(url)) else {
        return not_found(served);
    };
    if let Some(bytes) = site.files.get(&key) {
        return file_reply(&key, bytes, served.overlay.as_deref());
    }
    // A directory asked for without its slash: send the browser to the canonical URL.
    if !key.is_empty() && site.files.contains_key(&format!("{key}/index.html")) {
        return Reply {
            status: 301,
            headers: vec![("Location", format!("/{key}/"))],
            body: Vec::new(),
        };
    }
    not_found(served)
}

fn not_found(served: &Served) -> Reply {
    let body = served
        .site
        .as_ref()
        .and_then(|s| s.files.get(urls::NOT_FOUND))
        .cloned()
        .unwrap_or_else(|| b"<!doctype html><title>404</title><h1>404</h1></html>".to_vec());
    html_reply(404, body, served.overlay.as_deref())
}

fn file_reply(key: &str, bytes: &[u8], overlay: Option<&str>) -> Reply {
    let ctype = content_type(key);
    if ctype.starts_with("text/html") {
        return html_reply(200, bytes.to_vec(), overlay);
    }
    Reply {
        status: 200,
        headers: vec![
            ("Content-Type", ctype.to_string()),
            ("Cache-Control", "no-store".into()),
        ],
        body: bytes.to_vec(),
    }
}

fn html_reply(status: u16, mut body: Vec<u8>, overlay: Option<&str>) -> Reply {
    if let Some(o) = overlay {
        body = inject(&body, o);
    }
    Reply {
        status,
        headers: vec![
            ("Content-Type", "text/html; charset=utf-8".into()),
            ("Cache-Control", "no-store".into()),
        ],
        body,
    }
}

/// Inserts `snippet` before the last `</body>`, or at the end when there is none.
fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w == needle)
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Maps a request path to a key of the site's files: percent-decodes it, refuses anything
/// that could climb out of the site (`..`, backslashes, NUL, encoded or not), and adds
/// `index.html` to directory paths. `None` means "answer 404".
pub fn resolve(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            ".." | "." => return None,
            "" => {}
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.is_empty() || decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a site file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "gz" => "application/gzip",
        "jsonld" => "application/ld+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Streams Server-Sent Events to one page: `hello` with the current generation on connect,
/// `reload` after each rebuild. tiny_http's own responses buffer chunked bodies, so the stream
/// is written on the raw connection and flushed per event.
fn events(req: Request, shared: &Shared) {
    let (tx, rx) = mpsc::channel();
    let generation = shared.served.read().map(|s| s.generation).unwrap_or(0);
    if let Ok(mut ls) = shared.listeners.lock() {
        ls.push(tx);
    }
    let mut w = req.into_writer();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\nevent: hello\ndata: {generation}\n\n"
    );
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(KEEPALIVE) {
            Ok(r) => r.event(),
            Err(mpsc::RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_directories_and_refuses_escapes() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/thu-tuc/1.001193/").as_deref(),
            Some("thu-tuc/1.001193/index.html")
        );
        assert_eq!(
            resolve("/static/css/a.css").as_deref(),
            Some("static/css/a.css")
        );
        assert_eq!(
            resolve("/van-ban/s%E1%BB%91/").as_deref(),
            Some("van-ban/số/index.html")
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%5c..%5cb",
            "/a\\b",
            "/%00",
            "/%zz",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("static/css/style.1.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("thu-tuc/x/index.json"), "application/json");
        assert_eq!(
            content_type("du-lieu/procedures.json.gz"),
            "application/gzip"
        );
        assert_eq!(
            content_type("du-lieu/ban-sao.jsonld"),
            "application/ld+json"
        );
        assert_eq!(
            content_type("forms/to-khai.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn overlay_goes_before_body_end() {
        assert_eq!(
            inject(b"<body>x</body></html>", "<o>"),
            b"<body>x<o></body></html>"
        );
        assert_eq!(inject(b"plain", "<o>"), b"plain<o>");
    }
}
