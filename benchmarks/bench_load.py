"""Many readers on one server: a real `streamlit run app.py` on localhost driven by N concurrent browser
sessions (Playwright + Debian chromium), and how long the CPU stays busy after readers leave.

    python benchmarks/bench_load.py              # 1, 5 and 10 sessions, then the leave scenarios (~6 min)
    python benchmarks/bench_load.py --quick      # 1 and 3 sessions, one leave scenario

Each session is its own browser context (its own Streamlit session). It opens the app, visits every
page through the navigation, types a search filter, then goes to Analyse and pastes an article: sessions
0, 3, 6, … a short one (about 2,000 characters), 1, 4, 7, … a medium one (20,000), and 2, 5, 8, … a long
one (150,000) — and those leave (close the tab) as soon as the progress bar shows segments being read.
Sessions start 0.5 s apart (`--stagger S`).

page settle: from the click (or the typed Enter) until the app's script state is `notRunning` for 0.25 s,
with the expected URL reached (every navigation and filter of every session); p50/p95 per wave and the
ratio of the p95 to the first wave's p95 (one session: the baseline, same process and server). errors: `stException` elements,
page errors and timeouts (must be 0). RSS: the server process and, separately, its analysis workers
(peaks, sampled every 0.2 s). workers idle after all left: seconds from the last session closing
(everyone who stayed has their result by then) until every worker process is asleep or gone (a process
state, so it holds on a machine loaded by other work). The leave scenarios measure that, and the CPU
busy time (the server and its workers above 10% of a core over 0.5 s), for one reader leaving a
150,000-character analysis while it reads segments and while it extracts, with the default cancel (terminate 0.5 s after the cancel flag) and
cooperative only (NEWSLENS_KILL_AFTER=600: the worker stops at its next checkpoint).

The server's own time per page: app.py runs with NEWSLENS_TIMING=1 and logs each script run (start to end,
in the server); the table gives p50/p95 of every run but Analyse's (those wait for an analysis), so it shows
what the server does under load apart from the browsers' loading and drawing. On one machine the readers'
browsers share the server's cores (ten chromium sessions use about 1.6 of 2 cores in a wave): they run at
nice 19 by default (`--clients-nice`) so the server is served first, as on a real server whose readers browse
from their own machines; `--url` drives a server on another machine instead. `--warm-cache` makes the
readers returning ones (tabs of one browser context, its cache filled by one visit first).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

NAV = [("Entities", "/entities"), ("Quotes", "/quotes"), ("Numbers", "/numbers"), ("Corpus", "/corpus"),
       ("Overview", "/"), ("Analyse", "/analyse")]
SIZES = {"short": 2_000, "medium": 20_000, "long": 150_000}
VIEWPORT = {"width": 1300, "height": 1000}
ACTION_TIMEOUT = 180.0  # seconds for one action before it counts as an error


def article(chars: int, salt: int) -> str:
    """A text of about `chars` characters from the shipped and fixture articles (first line a headline)."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))]
    body = "\n\n".join(parts)
    text = f"Load test story number {salt} about chips and ports\n8 Jan 2026\n"
    while len(text) < chars:
        text += body + "\n\n"
    return text[:chars].rsplit("\n", 1)[0] + "\n"


def make_data(folder: Path) -> Path:
    """A data folder: the shipped article plus the test fixtures' articles, processed."""
    from newslens.preprocess import preprocess

    root = folder / "data"
    shutil.copytree(ROOT / "data", root)
    for p in (ROOT / "tests" / "fixtures" / "articles").iterdir():
        shutil.copy(p, root / "articles" / p.name)
    preprocess(root)
    return root


# ------------------------------------------------------------------ measuring the server


class CpuLedger:
    """CPU seconds of a changing set of processes: each process's latest reading, kept after it exits, so a
    terminated worker or a closed tab's renderer still counts (up to one sampling interval of it can be missed)."""

    def __init__(self) -> None:
        self.last: dict[int, float] = {}

    def read(self, procs) -> dict:
        """Record the CPU time of each of `procs` now; returns {pid: psutil process} of those still running."""
        import psutil

        alive = {}
        for p in procs:
            try:
                t = p.cpu_times()
            except psutil.Error:
                continue
            self.last[p.pid] = t.user + t.system
            alive[p.pid] = p
        return alive

    def total(self) -> float:
        return sum(self.last.values())


class Sampler:
    """Samples the RSS of the server and of its child processes, and their CPU time, every 0.2 s."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.server_rss = 0
        self.workers_rss = 0
        self.cpu: list[tuple[float, float]] = []  # (time, CPU seconds of server + children so far)
        self.own_cpu = 0.0  # CPU seconds of the server process alone (its page scripts share one interpreter lock)
        self._stop = threading.Event()
        self._ledger = CpuLedger()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def log_size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def script_times(self, since: int) -> list[tuple[str, float]]:
        """(page, seconds) of every page script run the server logged (app.py with NEWSLENS_TIMING=1) after
        byte `since` of its log: its own time per page, whatever the browsers' drawing costs."""
        with open(self.log, "rb") as fh:
            fh.seek(since)
            lines = fh.read().decode("utf-8", "replace").splitlines()
        return [(ln.split()[1], float(ln.split()[2]) / 1000) for ln in lines if ln.startswith("newslens-timing ")]

    def cpu_now(self) -> float:
        """CPU seconds of the server and every process it started so far (exited ones included); updates the RSS peaks."""
        import psutil

        procs = [self.proc]
        try:
            procs += self.proc.children(recursive=True)
        except psutil.Error:
            pass
        workers = 0
        for pid, p in self._ledger.read(procs).items():
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            if pid == self.proc.pid:
                self.server_rss = max(self.server_rss, rss)
            else:
                workers += rss
        self.own_cpu = self._ledger.last.get(self.proc.pid, self.own_cpu)
        self.workers_rss = max(self.workers_rss, workers)
        return self._ledger.total()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.cpu.append((time.time(), self.cpu_now()))
            time.sleep(0.2)

    def busy_after(self, t0: float, *, quiet: float = 2.0, limit: float = 60.0, share: float = 0.10) -> float:
        """Seconds from t0 until the last 0.5 s window with more than `share` of a core busy (waits for
        `quiet` seconds of idleness, at most `limit`)."""
        while True:
            now = time.time()
            pts = [(t, c) for t, c in self.cpu if t >= t0 - 0.5]
            last_busy = t0
            for (ta, ca), (tb, cb) in zip(pts, pts[1:]):
                j = next((k for k in range(len(pts)) if pts[k][0] >= ta + 0.5), None)
                if j is None:
                    break
                tj, cj = pts[j]
                if (cj - ca) / (tj - ta) > share:
                    last_busy = max(last_busy, tj)
            if now - last_busy >= quiet or now - t0 >= limit:
                return max(0.0, last_busy - t0)
            time.sleep(0.25)

    def idle_after(self, t0: float, *, hold: float = 1.0, limit: float = 60.0) -> float:
        """Seconds from t0 until every child process (the analysis workers) is asleep or gone, and stays
        so for `hold` seconds: a state, not a CPU share, so it holds on a machine busy with other work."""
        import psutil

        since = None
        while time.time() - t0 < limit:
            running = False
            for p in self.proc.children(recursive=True):
                try:
                    running |= p.status() not in (psutil.STATUS_SLEEPING, psutil.STATUS_IDLE, psutil.STATUS_ZOMBIE)
                except psutil.Error:
                    continue
            now = time.time()
            if running:
                since = None
            elif since is None:
                since = now
            elif now - since >= hold:
                return max(0.0, since - t0)
            time.sleep(0.05)
        return float("inf")

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)


@contextmanager
def server(root: Path, extra: dict | None = None):
    from browser_utils import streamlit_process

    env = {"NEWSLENS_DATA_DIR": str(root), "NEWSLENS_TIMING": "1", **(extra or {})}
    with streamlit_process(env) as (proc, url):
        sampler = Sampler(proc.pid)
        sampler.log = Path(tempfile.gettempdir()) / f"newslens-streamlit-{url.rsplit(':', 1)[1]}.log"
        try:
            yield url, sampler
        finally:
            sampler.stop()


# ------------------------------------------------------------------ one reader


SETTLE_JS = """([path, query, since0]) => {
    // runs in the page (no round trip per poll): true once the script has been idle for 0.25 s at the URL
    const here = (path === null || location.pathname.replace(/\\/$/, '') === path.replace(/\\/$/, ''))
        && (query === null || location.search.includes(query));
    const app = document.querySelector("[data-testid='stApp']");
    const idle = here && app && app.getAttribute('data-test-script-state') === 'notRunning';
    if (!idle) { window.__nlSince = null; return false; }
    if (window.__nlSince == null || window.__nlSince < since0) window.__nlSince = Date.now();
    return Date.now() - window.__nlSince >= 250 ? window.__nlSince : false;
}"""


async def settle(page, t0: float, path: str | None = None, query: str | None = None) -> float:
    """Seconds from t0 (a `time.time()`) until the script has been idle for 0.25 s (with the URL showing
    `path`/`query`). The check polls inside the page every 50 ms, so measuring costs the machine little."""
    await page.evaluate("() => { window.__nlSince = null; }")
    try:
        handle = await page.wait_for_function(SETTLE_JS, arg=[path, query, t0 * 1000], polling=50,
                                              timeout=ACTION_TIMEOUT * 1000)
    except Exception as exc:  # noqa: BLE001 - reported as a timeout with what was awaited
        raise TimeoutError(f"not settled after {ACTION_TIMEOUT:.0f} s ({path or query})") from exc
    return max(0.0, await handle.json_value() / 1000 - t0)


def record(out: dict, step: str, seconds: float) -> None:
    out["settle"].append(seconds)
    out["steps"].setdefault(step, []).append(seconds)


async def renice_clients(exe: str, nice: int, stop: asyncio.Event) -> None:
    """Lower the priority of the readers' chromium processes (new ones appear per session): on a real server
    the readers' browsers run on their own machines, not on the server's cores."""
    import psutil

    done: set[int] = set()
    while not stop.is_set():
        for p in psutil.process_iter(["pid", "exe", "name"]):
            if p.pid in done or "chrom" not in (p.info["name"] or "") + (p.info["exe"] or ""):
                continue
            try:
                p.nice(nice)
                done.add(p.pid)
            except psutil.Error:
                pass
        try:
            await asyncio.wait_for(stop.wait(), 0.3)
        except asyncio.TimeoutError:
            pass


async def reader(browser, url: str, i: int, out: dict, shared=None) -> None:
    """One session: every page, a filter, a paste (and maybe leaving mid-analysis). With `shared` (a browser
    context) the session is a tab of it: its own Streamlit session (one per websocket), the cache shared."""
    size = ("short", "medium", "long")[i % 3]
    ctx = shared or await browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(ACTION_TIMEOUT * 1000)
    page = await ctx.new_page()
    page.on("pageerror", lambda exc: out["errors"].append(f"session {i}: page error {exc}"))
    try:
        t0 = time.time()
        await page.goto(url, timeout=ACTION_TIMEOUT * 1000)
        record(out, "open the app", await settle(page, t0, "/"))
        for name, path in NAV:
            t0 = time.time()
            await page.get_by_role("link", name=name, exact=True).first.click(timeout=ACTION_TIMEOUT * 1000)
            record(out, name, await settle(page, t0, path))
            if await page.locator("[data-testid='stException']").count():
                out["errors"].append(f"session {i}: exception on {name}")
            if name == "Entities":  # a filter the reader types
                box = page.locator("[data-testid=stSidebar] input[aria-label=Search]")
                await box.fill("Nvidia")
                t0 = time.time()
                await box.press("Enter")
                record(out, "type a search", await settle(page, t0, path, "q=Nvidia"))
                await box.fill("")
                await box.press("Enter")
                await settle(page, time.time(), path)
        area = page.locator("textarea[aria-label='Article text']")
        await area.fill(article(SIZES[size], i))
        await area.press("Control+Enter")
        await settle(page, time.time(), "/analyse")
        t0 = time.time()
        await page.get_by_role("button", name="Analyse text", exact=True).click()
        if size == "long":
            await page.get_by_text("Reading segment").first.wait_for(timeout=ACTION_TIMEOUT * 1000)
            out["left"].append(time.time())
        else:
            await page.get_by_role("button", name="Add to my articles").first.wait_for(timeout=ACTION_TIMEOUT * 1000)
            out["analysis"].append(time.time() - t0)
        if await page.locator("[data-testid='stException']").count():
            out["errors"].append(f"session {i}: exception after the paste")
    except Exception as exc:  # noqa: BLE001 - every failure is counted and named
        out["errors"].append(f"session {i}: {exc.__class__.__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await (page.close() if shared else ctx.close())
        out["closed"].append(time.time())


async def wave(exe: str, url: str, n: int, clients_nice: int = 0, stagger: float = 0.5,
               server_pid: int | None = None, warm_cache: bool = False) -> dict:
    from browser_utils import CHROMIUM_ARGS
    from playwright.async_api import async_playwright

    out: dict = {"settle": [], "steps": {}, "errors": [], "analysis": [], "left": [], "closed": []}
    stop = asyncio.Event()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        nicer = asyncio.create_task(renice_clients(exe, clients_nice, stop)) if clients_nice else None
        shared = None
        if warm_cache:  # returning readers: the app's scripts already in the browser's cache (one visit first)
            shared = await browser.new_context(viewport=VIEWPORT)
            page = await shared.new_page()
            for path in ("/", "/entities", "/numbers"):
                t0 = time.time()
                await page.goto(url + path, timeout=ACTION_TIMEOUT * 1000)
                await settle(page, t0, path)
            await page.close()

        async def later(i):
            await asyncio.sleep(stagger * i)
            await reader(browser, url, i, out, shared)

        meter = ClientsCPU(server_pid) if server_pid else None
        c0 = meter.total() if meter else 0.0
        await asyncio.gather(*(later(i) for i in range(n)))
        out["clients_cpu"] = meter.stop() - c0 if meter else float("nan")
        stop.set()
        if nicer is not None:
            await nicer
        await browser.close()
    return out


async def leave_once(exe: str, url: str, when: str) -> float:
    """One reader pastes the long article and closes the tab while it reads (or extracts); the time of closing."""
    from browser_utils import CHROMIUM_ARGS
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(ACTION_TIMEOUT * 1000)
        await page.goto(f"{url}/analyse", timeout=ACTION_TIMEOUT * 1000)
        await settle(page, time.time())
        area = page.locator("textarea[aria-label='Article text']")
        await area.fill(article(SIZES["long"], 999))
        await area.press("Control+Enter")
        await settle(page, time.time())
        await page.get_by_role("button", name="Analyse text", exact=True).click()
        cue = "Reading segment" if when == "reading" else "Finding entities"
        await page.get_by_text(cue).first.wait_for(timeout=ACTION_TIMEOUT * 1000)
        await browser.close()
        return time.time()


# ------------------------------------------------------------------ report


class ClientsCPU:
    """CPU seconds of this process and its descendants outside the server's tree (Playwright's driver and the
    chromium processes it runs), sampled every 0.2 s while a wave runs so a renderer that exits with its tab
    still counts (its last sample; up to 0.2 s of its CPU can be missed). chromium's renderers are not reaped
    through this process, so `getrusage(RUSAGE_CHILDREN)` after the wave missed most of them: session 4's
    "34 s" was mostly this driver, while chromium alone used ~1.5 of the 2 cores during a ten-reader wave."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self._ledger = CpuLedger()
        self._stop = threading.Event()
        self._sample()  # the baseline before the wave: total() right after this must not read an empty record
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        try:
            server = psutil.Process(self.server_pid)
            skip = {self.server_pid, *(p.pid for p in server.children(recursive=True))}
        except psutil.Error:
            skip = {self.server_pid}
        self._ledger.read(p for p in [me, *me.children(recursive=True)] if p.pid not in skip)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            time.sleep(0.2)

    def total(self) -> float:
        return self._ledger.total()

    def stop(self) -> float:
        self._stop.set()
        self.thread.join(timeout=2)
        self._sample()
        return self.total()


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(q / 100 * (len(xs) - 1))))
    return xs[k]


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def waves(exe: str, url: str, n: int, args, server_pid: int | None = None) -> dict:
    """One wave of n sessions; a single session's wave `--baseline-rounds` times, merged (8 settles make a
    noisy p95)."""
    out = asyncio.run(wave(exe, url, n, args.clients_nice, args.stagger, server_pid, args.warm_cache))
    for _ in range(args.baseline_rounds - 1 if n == 1 else 0):
        more = asyncio.run(wave(exe, url, n, args.clients_nice, args.stagger, server_pid, args.warm_cache))
        for k in ("settle", "errors", "analysis", "left", "closed"):
            out[k] += more[k]
        for step, xs in more["steps"].items():
            out["steps"].setdefault(step, []).extend(xs)
        out["clients_cpu"] += more["clients_cpu"]
    return out


def remote(exe: str, args) -> int:
    """The waves against a server elsewhere: page settles and errors only (its processes are not visible here)."""
    rows = []
    for n in args.sessions:
        t = time.time()
        out = waves(exe, args.url.rstrip("/"), n, args)
        rows.append((n, out, time.time() - t))
    base95 = pct(rows[0][1]["settle"], 95) if rows else float("nan")
    print(f"\n| sessions | page settles | p50 | p95 | p95 / p95 of {rows[0][0]} | errors | wave took |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n, out, took in rows:
        s = out["settle"]
        print(f"| {n} | {len(s)} | {pct(s, 50):.2f} s | {pct(s, 95):.2f} s | {pct(s, 95) / base95:.2f}x "
              f"| {len(out['errors'])} | {took:.0f} s |")
    for _, out, _ in rows:
        for e in out["errors"]:
            print("  error:", e)
    return 1 if any(out["errors"] for _, out, _ in rows) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    ap.add_argument("--quick", action="store_true", help="1 and 3 sessions, one leave scenario")
    ap.add_argument("--leave-only", action="store_true", help="only the leave scenarios")
    ap.add_argument("--stagger", type=float, default=0.5, metavar="S",
                    help="seconds between two readers' arrivals (default 0.5: ten readers open the app within 5 s)")
    ap.add_argument("--clients-nice", type=int, default=19, metavar="N",
                    help="run the readers' browsers at nice N (they share the server's cores here; a real "
                         "server's readers browse on their own machines)")
    ap.add_argument("--baseline-rounds", type=int, default=3, metavar="R",
                    help="run the one-session wave R times (one reader after another) for its p50/p95 (default 3)")
    ap.add_argument("--warm-cache", action="store_true",
                    help="readers as tabs of one browser context whose cache one earlier visit filled (returning "
                         "readers: the app's 4.7 MB of chart scripts are not fetched and compiled again per reader)")
    ap.add_argument("--url", metavar="URL",
                    help="drive a News Lens already running at URL (e.g. on another machine, so the readers' "
                         "browsers do not share its cores) instead of starting one; its shipped data must be "
                         "there, and the server's RSS, CPU and idle times, measured here only for a local "
                         "server, are not reported")
    args = ap.parse_args(argv)
    from browser_utils import chromium_path

    exe = chromium_path()
    if exe is None:
        print("Debian chromium is needed (apt-get install -y chromium)", file=sys.stderr)
        return 2
    if args.quick:
        args.sessions = [1, 3]
    import streamlit

    from newslens.workpool import default_workers

    load = os.getloadavg()
    print(f"News Lens load test: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"streamlit {streamlit.__version__}; {default_workers()} analysis workers; "
          f"load average at start {load[0]:.1f} (other work on the machine counts); "
          f"readers' browsers at nice {args.clients_nice}; readers arrive {args.stagger:g} s apart"
          + ("; returning readers (warm browser cache)" if args.warm_cache else "")
          + (f"; server at {args.url}" if args.url else ""))
    if args.url:
        return remote(exe, args)
    with tempfile.TemporaryDirectory(prefix="newslens-load-") as tmp:
        root = make_data(Path(tmp))
        rows = []
        with server(root) as (url, sampler):
            for n in [] if args.leave_only else args.sessions:
                t = time.time()
                cpu0 = sampler.cpu_now()
                own0 = sampler.own_cpu
                log0 = sampler.log_size()
                out = waves(exe, url, n, args, sampler.proc.pid)
                out["server_cpu"] = sampler.cpu_now() - cpu0
                out["own_cpu"] = sampler.own_cpu - own0
                busy = sampler.idle_after(max(out["closed"]))
                out["script"] = sampler.script_times(log0)
                rows.append((n, out, busy, time.time() - t))
            server_rss, workers_rss = sampler.server_rss, sampler.workers_rss
        base95 = pct(rows[0][1]["settle"], 95) if rows else float("nan")
        print()
        print(f"| sessions | page settles | p50 | p95 | p95 / p95 of {rows[0][0]} | errors | pastes analysed (p50 time) "
              "| left mid-analysis | workers idle after all left | wave took |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for n, out, busy, took in rows:
            s = out["settle"]
            done = f"{len(out['analysis'])} ({statistics.median(out['analysis']):.1f} s)" if out["analysis"] else "0"
            print(f"| {n} | {len(s)} | {pct(s, 50):.2f} s | {pct(s, 95):.2f} s | {pct(s, 95) / base95:.2f}x "
                  f"| {len(out['errors'])} | {done} | {len(out['left'])} | {busy:.1f} s | {took:.0f} s |")
        if rows:
            def pages(out):  # Analyse's runs that wait for an analysis (their progress) are not page settles
                return [t for page, t in out["script"] if page != "analyse"]

            sb = pct(pages(rows[0][1]), 95)
            print("\nthe server's own time per page (every script run it logged but Analyse's: start to end of app.py, "
                  "its scripts sharing one interpreter lock; the browsers' loading and drawing not included):")
            print("| sessions | script runs | p50 | p95 | p95 / p95 of the first wave | max |")
            print("| --- | --- | --- | --- | --- | --- |")
            for n, out, _, _ in rows:
                x = pages(out)
                print(f"| {n} | {len(x)} | {pct(x, 50):.2f} s | {pct(x, 95):.2f} s | {pct(x, 95) / sb:.2f}x "
                      f"| {max(x) if x else float('nan'):.2f} s |")
            by_page: dict[str, list[float]] = {}
            for page, t in rows[-1][1]["script"]:
                by_page.setdefault(page, []).append(t)
            print(f"  {rows[-1][0]} sessions, per page (runs, p50 / p95 / max): " + "; ".join(
                f"{page} {len(xs)}, {pct(xs, 50):.2f} / {pct(xs, 95):.2f} / {max(xs):.2f} s"
                for page, xs in by_page.items()))
        print(f"\nserver RSS peak {mb(server_rss)}; analysis workers' RSS peak {mb(workers_rss)} (all workers)")
        n, out, _, took = rows[-1] if rows else (0, {"steps": {}}, 0, 1)
        if rows:
            print(f"\n{n} sessions, per step (page settle p50 / p95 / max); CPU in the {took:.0f} s wave: server + "
                  f"workers {out['server_cpu']:.0f} s (the server process alone {out['own_cpu']:.0f} s: at most one "
                  f"core for its scripts), the readers' browsers and this driver {out['clients_cpu']:.0f} s:")
            for step, xs in out["steps"].items():
                print(f"  {step:<15} {len(xs):3d} x  {pct(xs, 50):6.2f} s  {pct(xs, 95):6.2f} s  {max(xs):6.2f} s")
        for _, out, _, _ in rows:
            for e in out["errors"]:
                print("  error:", e)
        print("\none reader leaves a 150,000-character analysis   workers idle after the tab closed / CPU busy after it")
        modes = [("terminate 0.5 s after cancel (default)", {})]
        if not args.quick:
            modes.append(("cooperative only (NEWSLENS_KILL_AFTER=600)", {"NEWSLENS_KILL_AFTER": "600"}))
        for label, extra in modes:
            with server(root, extra) as (url, sampler):
                for when in (("reading",) if args.quick else ("reading", "extracting")):
                    left = asyncio.run(leave_once(exe, url, when))
                    idle = sampler.idle_after(left)
                    print(f"  {label:<45} while {when:<10}  {idle:5.1f} s / {sampler.busy_after(left):5.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
