//! File watching for `serve`: native events by default, polling with `--poll` (network and VM
//! shared folders often deliver no native events), debounced so one save is one rebuild.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer_opt, Config, DebounceEventResult, Debouncer};

/// How often the polling watcher scans the tree.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher>),
    Poll(Debouncer<PollWatcher>),
}

/// A debounced watcher that sends each batch of changed paths down a channel.
pub struct Watcher {
    inner: Inner,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts the watcher thread; batches of changed paths arrive on `tx`.
    pub fn new(poll: bool, debounce: Duration, tx: mpsc::Sender<Vec<PathBuf>>) -> Result<Watcher, String> {
        let handler = move |res: DebounceEventResult| match res {
            Ok(events) => {
                let _ = tx.send(events.into_iter().map(|e| e.path).collect());
            }
            Err(e) => eprintln!("cảnh báo: lỗi theo dõi tệp: {e}"),
        };
        let config = Config::default().with_timeout(debounce);
        let inner = if poll {
            let config = config.with_notify_config(notify::Config::default().with_poll_interval(POLL_INTERVAL));
            Inner::Poll(new_debouncer_opt::<_, PollWatcher>(config, handler).map_err(err)?)
        } else {
            Inner::Native(new_debouncer_opt::<_, RecommendedWatcher>(config, handler).map_err(err)?)
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
            let w: &mut dyn notify::Watcher = match &mut self.inner {
                Inner::Native(x) => x.watcher(),
                Inner::Poll(x) => x.watcher(),
            };
            w.watch(d, RecursiveMode::Recursive)
                .map_err(|e| format!("không theo dõi được `{}`: {e}", d.display()))?;
            self.watched.insert(d.clone());
        }
        Ok(())
    }
}

fn err(e: notify::Error) -> String {
    format!("không khởi động được bộ theo dõi tệp: {e}")
}
