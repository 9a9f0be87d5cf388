"""The server's shared analysis workers, seen from a reader's page: one pool per server process, the
reader's running analysis (kept in session_state, so it survives navigation), its progress and ETA.

A reader (a browser session) has at most one analysis queued or running. It is cancelled when the
reader starts another, edits the pasted text it was started from, presses Cancel, or leaves (the
session's websocket is gone for a second: tab closed, reloaded, network lost).
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import streamlit as st

from newslens.workpool import Item, Job, WorkPool

K_RUN = "an_run"
KILL_AFTER_ENV = "NEWSLENS_KILL_AFTER"  # seconds a cancelled analysis may take to stop by itself (benchmarks)
APP_MAX_CHARS_ENV = "NEWSLENS_APP_MAX_CHARS"
APP_MAX_CHARS = 200_000  # see README "Analyse: limits": extraction time grows faster than the text
POLL = 0.3  # seconds between progress redraws


def app_max_chars() -> int:
    """The longest text the app analyses interactively ($NEWSLENS_APP_MAX_CHARS overrides)."""
    env = os.environ.get(APP_MAX_CHARS_ENV, "").strip()
    return int(env) if env.isdigit() and int(env) > 0 else APP_MAX_CHARS


def session_alive(session_id: str) -> bool:
    """Whether a browser session is still connected to this server (always True outside a server)."""
    from streamlit import runtime

    if not runtime.exists():
        return True
    return runtime.get_instance().is_active_session(session_id)


@st.cache_resource(show_spinner=False)
def get_pool() -> WorkPool:
    """The worker pool of this server process (about one worker per core; $NEWSLENS_WORKERS)."""
    try:
        kill_after = float(os.environ.get(KILL_AFTER_ENV, "") or 0.5)
    except ValueError:
        kill_after = 0.5
    return WorkPool(alive=session_alive, kill_after=kill_after)


class DoneCache:
    """The last few finished analyses, server-wide: analysing the same text again costs nothing."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._docs: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> dict | None:
        with self._lock:
            doc = self._docs.get(key)
            if doc is not None:
                self._docs.move_to_end(key)
            return doc

    def put(self, key: tuple, doc: dict) -> None:
        with self._lock:
            self._docs[key] = doc
            self._docs.move_to_end(key)
            while len(self._docs) > self.size:
                self._docs.popitem(last=False)


@st.cache_resource(show_spinner=False)
def done_cache() -> DoneCache:
    return DoneCache()


def reader_id() -> str:
    """This browser session's id (the pool's owner of its analyses)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "local"


@dataclass
class Run:
    """A reader's analysis in the pool: the job and which result each of its items fills."""

    job: Job
    targets: list[int]  # result index of each job item
    keys: list[tuple]  # DoneCache key of each job item
    pasted: str | None = None  # the pasted text it was started from (editing it cancels the run)
    collected: bool = False
    extra: dict = field(default_factory=dict)


def start(items: list[Item], targets: list[int], keys: list[tuple], *, root: str, model: str,
          pasted: str | None = None) -> Run:
    """Queue the reader's analysis (cancelling the one they had) and remember it in session_state."""
    job = get_pool().submit(reader_id(), items, root=root, model=model)
    run = Run(job, targets, keys, pasted=pasted)
    st.session_state[K_RUN] = run
    return run


def current() -> Run | None:
    return st.session_state.get(K_RUN)


def cancel(reason: str = "cancelled") -> None:
    """Stop the reader's analysis (a button or on_change callback)."""
    run = current()
    if run is not None and not run.job.is_finished:
        get_pool().cancel(run.job, reason)


def cancel_if_text_changed(key: str) -> None:
    """on_change of the paste box: a run started from other text is no longer wanted."""
    run = current()
    if run is not None and run.pasted is not None and st.session_state.get(key) != run.pasted:
        cancel("text changed")


def _clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def status_line(pool: WorkPool, job: Job) -> tuple[float, str]:
    """The bar's fraction and the sentence under it, from the job's state and measured throughput."""
    frac, left = pool.progress(job)
    eta = f" · about {_clock(left)} left" if left is not None else ""
    lead = f"Article {job.item + 1} of {len(job.items)} · " if len(job.items) > 1 else ""
    if job.state == "queued":
        pos = pool.position(job)
        ahead = "you are next" if pos == 1 else f"{pos - 1} other readers' analyses are ahead of yours"
        return 0.0, (f"Waiting for a free worker: {ahead} (position {pos} in the queue; "
                     f"{pool.busy()} of {pool.size} workers busy).")
    if job.cancel_requested is not None:
        return frac, "Stopping…"
    if job.phase == "starting":
        return frac, "Starting a worker (loading the language model)…"
    if job.phase == "reading":
        done, total = job.segments
        item = job.items[job.item]
        chars = max(0, job.done_chars - sum(len(it.text) for it in job.items[: job.item]))
        return frac, (f"{lead}Reading segment {done:,} of {total:,} ({chars:,} of {len(item.text):,} "
                      f"characters){eta}")
    if job.phase == "extracting":
        return frac, f"{lead}Finding entities, quotes and numbers{eta} (estimated from this server's speed)"
    return frac, "Finishing…"


def follow(run: Run, bar, note) -> None:
    """Redraw the progress until the job is finished (the page calls this last; a rerun interrupts it)."""
    pool = get_pool()
    while not run.job.is_finished:
        frac, line = status_line(pool, run.job)
        bar.progress(frac, text=line)
        note.caption(f"{time.strftime('%H:%M:%S')} · the page stays usable; leaving it keeps your analysis running "
                     "while this tab is open.")
        pool.wait(run.job, POLL)
