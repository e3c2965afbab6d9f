//! File watching for `serve`: native events by default, polling with `--poll` (network and VM
//! shared folders often deliver no native events), debounced so one save is one rebuild.
//!
//! Debouncing is done here rather than with a debouncer crate because the rebuild must ignore
//! access events: inotify reports every open and close-without-write, so reading the catalogue
//! during a rebuild would otherwise trigger the next rebuild, forever.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How often the polling watcher scans the tree.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Inner {
    Native(RecommendedWatcher),
    Poll(PollWatcher),
}

/// A watcher that sends the paths of changed files down a channel, one batch per change.
pub struct Watcher {
    inner: Inner,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching; raw change events arrive on `tx` (see [`debounced`] to batch them).
    pub fn new(poll: bool, tx: mpsc::Sender<Vec<PathBuf>>) -> Result<Watcher, String> {
        let handler = move |res: notify::Result<notify::Event>| match res {
            Ok(ev) if !matches!(ev.kind, EventKind::Access(_)) => {
                let _ = tx.send(ev.paths);
            }
            Ok(_) => {}
            Err(e) => eprintln!("cảnh báo: lỗi theo dõi tệp: {e}"),
        };
        let inner = if poll {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            Inner::Poll(PollWatcher::new(handler, config).map_err(err)?)
        } else {
            Inner::Native(RecommendedWatcher::new(handler, notify::Config::default()).map_err(err)?)
        };
        Ok(Watcher {
            inner,
            watched: BTreeSet::new(),
        })
    }

    /// Watches each directory (recursively) that is not watched yet.
    pub fn watch_all(&mut self, dirs: &[PathBuf]) -> Result<(), String> {
        for d in dirs {
            if self.watched.contains(d) {
                continue;
            }
            let res = match &mut self.inner {
                Inner::Native(w) => w.watch(d, RecursiveMode::Recursive),
                Inner::Poll(w) => w.watch(d, RecursiveMode::Recursive),
            };
            res.map_err(|e| format!("không theo dõi được `{}`: {e}", d.display()))?;
            self.watched.insert(d.clone());
        }
        Ok(())
    }
}

/// Waits for the next change, then keeps collecting until `quiet` passes with no new event
/// (an editor's save is several events). `None` when the watcher is gone.
pub fn debounced(rx: &mpsc::Receiver<Vec<PathBuf>>, quiet: Duration) -> Option<Vec<PathBuf>> {
    let mut paths = rx.recv().ok()?;
    let mut deadline = Instant::now() + quiet;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Some(paths);
        }
        match rx.recv_timeout(deadline - now) {
            Ok(more) => {
                paths.extend(more);
                deadline = Instant::now() + quiet;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => return Some(paths),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Some(paths),
        }
    }
}

fn err(e: notify::Error) -> String {
    format!("không khởi động được bộ theo dõi tệp: {e}")
}
