#!/usr/bin/env python3
"""Save-to-served latency of `motcua serve`, against a full `motcua build`.

    python3 bench/serve_latency.py CATALOGUE_DIR [--bin target/debug/motcua] [--edits 5]
                                   [--debounce-ms 50]

Works on any catalogue directory (e.g. one made by `gen_catalogue 10000 DIR`). The catalogue
is copied to a temporary directory first; nothing in CATALOGUE_DIR changes.

What it measures, wall clock, each from the moment the edited file is closed:
  - incremental: one procedure's name changes; until its page, then the A–Z listing, is served
    with the new name;
  - full: site.yaml changes; until the home page is served with the new text;
and for comparison `motcua build` (validate + render + write to disk) and serve's first build.
The serve log lines ("Đã dựng ...") give the rebuild time without the debounce.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8", "replace")
    except Exception as e:  # 404 during a rebuild, connection refused at start
        return str(e)


def rename(path, marker):
    """Rewrites the first top-level `name:` line, quoted or not, to end with `marker`."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"^name: *(.*)$", text, flags=re.M)
    if not m:
        raise SystemExit(f"no name: line in {path}")
    value = m.group(1).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    value = re.sub(r" BENCH\S*$", "", value).replace("\\", "\\\\").replace('"', '\\"')
    new = text[: m.start()] + f'name: "{value} {marker}"' + text[m.end():]
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def wait_for(url, needle, timeout=600, every=0.005):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if needle in get(url):
            return time.monotonic()
        time.sleep(every)
    raise SystemExit(f"timed out waiting for {needle!r} at {url}")


class ReloadEvents:
    """Listens to the live-reload stream as an open page does, queueing each reload's time."""

    def __init__(self, base):
        import queue
        self.q = queue.Queue()
        self.r = urllib.request.urlopen(base + "/__motcua/events", timeout=600)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        # One queued entry per event: (time, None) for `reload` (every page reloads) or
        # (time, files) for `changed` (only pages showing one of those files reload).
        kind, data = None, []
        for raw in self.r:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("event: "):
                kind, data = line[len("event: "):], []
            elif line.startswith("data: "):
                data.append(line[len("data: "):])
            elif line == "" and kind is not None:
                if kind == "reload":
                    self.q.put((time.monotonic(), None))
                elif kind == "changed":
                    self.q.put((time.monotonic(), set(data[1:])))
                kind, data = None, []

    def drain(self):
        while not self.q.empty():
            self.q.get_nowait()

    def page_after_reload(self, url, needle, timeout=600):
        """What a browser does: on each event that reloads this page, fetch it; done when it
        shows needle."""
        path = urllib.parse.unquote(urllib.parse.urlparse(url).path).lstrip("/")
        file = path + "index.html" if path == "" or path.endswith("/") else path
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            _, files = self.q.get(timeout=timeout)
            if files is not None and file not in files:
                continue
            if needle in get(url):
                return time.monotonic()
        raise SystemExit(f"timed out waiting for {needle!r} at {url}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("catalogue")
    ap.add_argument("--bin", default="target/debug/motcua")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--debounce-ms", type=int, default=50)
    a = ap.parse_args()
    motcua = os.path.abspath(a.bin)
    tmp = tempfile.mkdtemp(prefix="motcua-bench-")
    try:
        cat = os.path.join(tmp, "catalogue")
        shutil.copytree(a.catalogue, cat)
        procs = sorted(
            os.path.join(d, f)
            for d, _, fs in os.walk(os.path.join(cat, "procedures"))
            for f in fs
            if f.endswith(".yaml")
        )
        print(f"catalogue: {a.catalogue} ({len(procs)} procedures), binary: {motcua}")

        t = time.monotonic()
        subprocess.run([motcua, "build", cat, "-o", os.path.join(tmp, "public")], check=True,
                       stderr=subprocess.DEVNULL)
        full_build = time.monotonic() - t
        print(f"motcua build (to disk):            {full_build * 1000:8.0f} ms")

        t = time.monotonic()
        srv = subprocess.Popen([motcua, "serve", cat, "--port", "0", "--debounce-ms", str(a.debounce_ms)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        log = []
        threading.Thread(target=lambda: log.extend(srv.stderr), daemon=True).start()
        try:
            line = srv.stdout.readline()
            m = re.search(r"http://\S+", line)
            if not m:
                raise SystemExit(f"no URL from serve: {line!r}")
            base = m.group(0).rstrip("/")
            first = time.monotonic() - t
            print(f"serve start (first build, memory): {first * 1000:8.0f} ms")

            target = procs[len(procs) // 2]
            code = os.path.basename(target)[:-5]
            page = f"{base}/thu-tuc/{code}/"
            wait_for(page, code)
            inc, inc_lists, inc_reload = [], [], []
            events = ReloadEvents(base)
            for i in range(a.edits):
                marker = f"BENCH-{i}-{time.time_ns()}"
                events.drain()
                rename(target, marker)
                t = time.monotonic()
                if i % 2 == 0:
                    inc.append(wait_for(page, marker) - t)
                else:
                    inc_reload.append(events.page_after_reload(page, marker) - t)
                # The listings follow the page; waiting for them also keeps the next edit from
                # queueing behind this rebuild. Polled gently: at 10,000 procedures A–Z is 3.6 MB
                # and fetching it in a tight loop slows the rebuild it is waiting for.
                inc_lists.append(wait_for(f"{base}/a-z/", marker, every=0.1) - t)
                time.sleep(0.5)
            full = []
            site = os.path.join(cat, "site.yaml")
            for i in range(max(1, a.edits // 2)):
                marker = f"BENCH-site-{i}-{time.time_ns()}"
                rename(site, marker)
                t = time.monotonic()
                full.append(wait_for(base + "/", marker) - t)
                time.sleep(0.5)
        finally:
            srv.kill()
            srv.wait()

        def row(name, xs):
            ms = [x * 1000 for x in xs]
            print(f"{name:34} median {statistics.median(ms):7.0f} ms  (min {min(ms):.0f}, max {max(ms):.0f}, n={len(ms)})")

        print(f"save → served, debounce {a.debounce_ms} ms included:")
        row("  one procedure: its page (polled)", inc)
        row("  one procedure: reload event + GET", inc_reload)
        row("  one procedure: A–Z listing too", inc_lists)
        row("  site.yaml (full rebuild)", full)
        print("serve log:")
        for l in log:
            if l.startswith("Đã dựng"):
                print("  " + l.rstrip())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
