//! Shared helpers for the `serve` integration tests: a child process that is killed on drop,
//! and a tiny blocking HTTP client with timeouts everywhere so no test can hang.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// A running `motcua serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `motcua serve DIR --port 0` and waits for the printed URL.
    pub fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .arg("serve")
            .arg(dir)
            .args(["--port", "0", "--debounce-ms", "100"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start motcua serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(i) = line.find("http://") {
                    let url = line[i + 7..]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .trim_end_matches('/')
                        .to_string();
                    let _ = tx.send(url);
                }
            }
        });
        let addr = match rx.recv_timeout(TIMEOUT) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                panic!("serve printed no URL within {TIMEOUT:?}");
            }
        };
        Server { child, addr }
    }

    /// GET `path`; returns (status, lower-cased headers, body).
    pub fn get(&self, path: &str) -> Response {
        get(&self.addr, path)
    }

    /// Polls `path` until `pred` holds on the response, or panics after the timeout.
    pub fn wait_for(&self, path: &str, what: &str, pred: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if pred(&r) {
                return r;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what} at {path}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header lines, lower-cased names.
    pub headers: Vec<(String, String)>,
    /// Body as text (lossy).
    pub body: String,
}

impl Response {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.0 GET with the raw `path` sent as-is (so escaping attempts reach the server).
pub fn get(addr: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    s.set_write_timeout(Some(TIMEOUT)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// An open Server-Sent Events stream.
pub struct Events {
    stream: TcpStream,
    buf: String,
}

impl Events {
    /// Connects to the live-reload stream and waits for its `hello`.
    pub fn open(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect events");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__motcua/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut e = Events {
            stream,
            buf: String::new(),
        };
        let head = e.wait_for("event: hello");
        assert!(
            head.contains("Content-Type: text/event-stream"),
            "event stream content type: {head}"
        );
        e
    }

    /// Reads until `needle` has arrived (after what was already consumed), or panics; returns
    /// what was consumed.
    pub fn wait_for(&mut self, needle: &str) -> String {
        let start = Instant::now();
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(i) = self.buf.find(needle) {
                return self.buf.drain(..i + needle.len()).collect();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for `{needle}` on the event stream"
            );
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("event stream closed"),
                Ok(n) => self.buf.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("event stream: {e}"),
            }
        }
    }
}

/// Runs `motcua ARGS` to completion; returns (exit code, stderr).
pub fn motcua(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run motcua");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh sample catalogue from `motcua init` in a temporary directory.
pub fn init_catalogue() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("catalogue");
    let (code, err) = motcua(&["init".as_ref(), cat.as_os_str()]);
    assert_eq!(code, 0, "init failed: {err}");
    dir
}
