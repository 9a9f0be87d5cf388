"""Start `streamlit run` headless and drive it with Playwright + Debian's chromium."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's chromium (or $NEWSLENS_CHROMIUM)."""
    for cand in (os.environ.get("NEWSLENS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


def require_browser() -> str:
    """The chromium path; skip locally when absent, fail when CI says browsers are required."""
    path = chromium_path()
    try:
        import playwright  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        msg = "Debian chromium + playwright needed (apt-get install -y chromium; pip install playwright)"
        if os.environ.get("NEWSLENS_REQUIRE_BROWSER") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


SHOTS_ENV = "NEWSLENS_SCREENSHOTS"


def screenshots_dir(tmp_path_factory) -> Path:
    """Where browser tests put screenshots: a temporary folder, or $NEWSLENS_SCREENSHOTS when the
    README's refresh command names one (docs/screenshots); tests never write into the work tree otherwise."""
    named = os.environ.get(SHOTS_ENV)
    path = (ROOT / named if not Path(named).is_absolute() else Path(named)) if named else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(env_extra: dict | None = None):
    """A headless `streamlit run app.py` on 127.0.0.1; yields its base URL."""
    with streamlit_process(env_extra) as (_, url):
        yield url


@contextlib.contextmanager
def streamlit_process(env_extra: dict | None = None, root: Path | None = None):
    """As `streamlit_server`, yielding (process, base URL) for callers that measure the process.

    `root` runs another checkout's app.py (benchmarks compare a baseline commit with the work tree)."""
    root = Path(root or ROOT)
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    log = open(Path(tempfile.gettempdir()) / f"newslens-streamlit-{port}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("streamlit exited early")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not become healthy")
        yield proc, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_for_app(page, timeout: float = 120_000) -> None:
    """Wait until the script has finished running and the app is idle."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
