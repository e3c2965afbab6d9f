//! `motcua serve`: the thin adapter over `serve::run`.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use super::EXIT_USAGE;
use crate::serve::{self, ServeOptions};

/// Arguments of `serve`.
#[derive(Debug, Clone)]
pub struct ServeArgs<'a> {
    /// Catalogue directory.
    pub catalogue: &'a Path,
    /// Port (0 picks a free one; the real address is printed).
    pub port: u16,
    /// Address to bind; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// Open the browser.
    pub open: bool,
    /// Poll instead of native file events.
    pub poll: bool,
    /// Debounce in milliseconds.
    pub debounce_ms: u64,
}

/// Serves the catalogue until interrupted; returns the exit code on failure to start.
pub fn run(args: &ServeArgs) -> i32 {
    if !args.catalogue.join("site.yaml").is_file() {
        eprintln!(
            "error: `{}` không phải thư mục danh mục (thiếu site.yaml)\n  gợi ý: `motcua serve <thư-mục>`, hoặc tạo danh mục mới bằng `motcua init`",
            args.catalogue.display()
        );
        return EXIT_USAGE;
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "cảnh báo: đang mở cho mạng ngoài ({}); bản xem trước không dành cho công chúng",
            args.bind
        );
    }
    let opts = ServeOptions {
        root: args.catalogue.to_path_buf(),
        addr: SocketAddr::new(args.bind, args.port),
        open: args.open,
        poll: args.poll,
        debounce: Duration::from_millis(args.debounce_ms),
    };
    match serve::run(&opts) {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}
