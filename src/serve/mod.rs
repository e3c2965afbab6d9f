//! `motcua serve`: build the site into memory, serve it over HTTP on loopback, watch the
//! catalogue and the theme, rebuild what an edit touched, and reload open pages.
//!
//! Threads: a few HTTP workers read the shared site; one builder thread owns the last good
//! catalogue, receives debounced file events and swaps in the rebuilt files; each open page
//! holds one Server-Sent Events thread that waits for the builder's broadcast.

pub(crate) mod build;
pub(crate) mod http;
pub(crate) mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crate::site::Site;

/// The URL path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__motcua/events";

/// Settings of `motcua serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Catalogue directory.
    pub root: PathBuf,
    /// Address to listen on (port 0 picks a free port).
    pub addr: SocketAddr,
    /// Open the site in the default browser once it is up.
    pub open: bool,
    /// Use the polling watcher (network and VM shared folders miss native events).
    pub poll: bool,
    /// Quiet time after the last file event before rebuilding.
    pub debounce: Duration,
}

/// What the HTTP workers serve: the last good site and, while the catalogue is broken, the
/// error overlay shown on every page.
#[derive(Debug, Default)]
pub struct Served {
    /// The last good site; `None` until a build has succeeded.
    pub site: Option<Site>,
    /// HTML of the error overlay, when the latest build failed.
    pub overlay: Option<String>,
    /// Bumped after every rebuild; open pages reload when it changes.
    pub generation: u64,
    /// Version of the catalogue the pages show, so background work for an older version
    /// never overwrites pages of a newer one.
    pub version: u64,
}

/// State shared by the HTTP workers and the builder.
#[derive(Debug, Default)]
pub struct Shared {
    /// What to serve.
    pub served: RwLock<Served>,
    /// Open live-reload streams; each is told what changed after a rebuild.
    pub listeners: Mutex<Vec<mpsc::Sender<Reload>>>,
    /// The tantivy index of the last good catalogue, for `/api/search` and the no-JS search
    /// page; rebuilt after each successful build.
    pub search: RwLock<Option<SearchIndex>>,
}

/// The server-side search: tantivy over the same documents as the browser index.
pub struct SearchIndex {
    /// The engine.
    pub engine: crate::search::Engine,
    /// The site's base path, prefixed to result URLs.
    pub base_path: String,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("base_path", &self.base_path)
            .finish()
    }
}

/// The URL path of the search endpoint.
pub const SEARCH_PATH: &str = "/api/search";

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// Anything may have changed (a full build, the error overlay came or went): every open
    /// page reloads.
    All(u64),
    /// Only these site-relative files changed: a page reloads only if it shows one of them,
    /// so the listings updated in the background do not reload the page being edited again.
    Files(u64, Arc<Vec<String>>),
}

impl Reload {
    /// The Server-Sent Event for this change: `reload` for all pages, or `changed` with the
    /// generation and then one file per `data:` line.
    pub fn event(&self) -> String {
        match self {
            Reload::All(g) => format!("event: reload\ndata: {g}\n\n"),
            Reload::Files(g, files) => {
                let mut s = format!("event: changed\ndata: {g}\n");
                for f in files.iter() {
                    s.push_str("data: ");
                    s.push_str(f);
                    s.push('\n');
                }
                s.push('\n');
                s
            }
        }
    }
}

impl Shared {
    /// Tells every open page that the site changed; forgets the pages that went away.
    pub fn broadcast(&self, reload: Reload) {
        // A name with a line break would end the event early; such a change reloads all.
        let reload = match reload {
            Reload::Files(g, f) if f.iter().any(|p| p.contains(['\n', '\r'])) => Reload::All(g),
            r => r,
        };
        if let Ok(mut ls) = self.listeners.lock() {
            ls.retain(|tx| tx.send(reload.clone()).is_ok());
        }
    }
}

/// The script injected before `</body>` of every page in serve mode: reloads on a `reload`
/// event, on a `changed` event that names the file this page shows (its URL mapped to a file
/// as the server does), and after a reconnect when the generation moved on meanwhile.
pub fn reload_script() -> String {
    format!(
        "<script>(function(){{if(!window.EventSource)return;var g=null;var es=new EventSource(\"{EVENTS_PATH}\");\
function file(){{var p=decodeURIComponent(location.pathname).replace(/^\\/+/,\"\");return p===\"\"||p.slice(-1)===\"/\"?p+\"index.html\":p;}}\
es.addEventListener(\"hello\",function(e){{if(g!==null&&e.data!==g)location.reload();g=e.data;}});\
es.addEventListener(\"reload\",function(){{location.reload();}});\
es.addEventListener(\"changed\",function(e){{var l=e.data.split(\"\\n\");if(l.indexOf(file(),1)>0)location.reload();else g=l[0];}});}})();</script>"
    )
}

/// Runs the server until the process is stopped. Errors are for the user (bad address, no
/// catalogue, watcher failure).
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| {
        format!(
            "không mở được thư mục danh mục `{}`: {e}",
            opts.root.display()
        )
    })?;
    let server = tiny_http::Server::http(opts.addr)
        .map_err(|e| format!("không mở được cổng {}: {e}", opts.addr))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| "máy chủ không có địa chỉ IP".to_string())?;
    let url = format!("http://{}/", display_host(addr));
    let shared = Arc::new(Shared::default());
    let mut builder = build::Builder::new(root.clone(), url.clone(), Arc::clone(&shared));

    // The first build happens before the URL is printed, so the first page load is ready.
    let first = builder.rebuild(&shared, None);
    eprintln!("{}", first.message);

    let (tx, rx) = mpsc::channel();
    let mut watcher = watch::Watcher::new(opts.poll, tx)?;
    watcher.watch_all(&builder.watched_dirs())?;

    let server = Arc::new(server);
    let workers = 4;
    for _ in 0..workers {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || http::worker(&server, &shared));
    }

    println!("Đang xem trước tại {url}  (Ctrl+C để dừng)");
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url);
    }

    let mut pending = build::Pending::new(opts.poll);
    while let Some(batch) = watch::debounced(&rx, opts.debounce) {
        pending.add(&batch);
        if !pending.relevant() {
            pending.clear_ignored();
            continue;
        }
        let report = builder.rebuild(&shared, Some(&mut pending));
        eprintln!("{}", report.message);
        if let Err(e) = watcher.watch_all(&builder.watched_dirs()) {
            eprintln!("cảnh báo: {e}");
        }
    }
    Err("bộ theo dõi tệp đã dừng".to_string())
}

fn display_host(addr: SocketAddr) -> String {
    // Bound to every interface: this machine still answers on loopback, and that URL works.
    let addr = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    };
    match addr {
        SocketAddr::V4(a) => a.to_string(),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    }
}

/// Opens `url` in the default browser; a failure only costs the convenience.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(cmd.0).args(&cmd.1).spawn() {
        eprintln!("cảnh báo: không mở được trình duyệt ({e}); hãy mở {url}");
    }
}
