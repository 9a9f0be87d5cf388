"""The server-wide worker pool: same output as the direct path, first come first served, one job per
reader, and a cancelled or abandoned analysis leaves its worker idle (real processes, no mocks)."""
from __future__ import annotations

import time

import psutil
import pytest

from newslens import ingest
from newslens.config import model_name
from newslens.workpool import Item, Job, WorkPool

from .byo_samples import BBC, REUTERS
from .conftest import SEED_TXT


@pytest.fixture(scope="module")
def pool():
    p = WorkPool(1, kill_after=0.5)
    yield p
    p.shutdown()


def item(text: str, title: str = "t") -> Item:
    return Item(text=text, title=title)


def long_text(chars: int) -> str:
    base = SEED_TXT.read_text(encoding="utf-8") + "\n\n"
    return (base * (chars // len(base) + 1))[:chars]


def submit(pool, owner, text, root, title="t"):
    return pool.submit(owner, [item(text, title)], root=str(root), model=model_name())


def wait_until(cond, timeout=120.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def idle(pids: list[int]) -> bool:
    """Every worker process is gone or asleep (waiting for its next job)."""
    for pid in pids:
        try:
            if psutil.Process(pid).status() not in (psutil.STATUS_SLEEPING, psutil.STATUS_IDLE):
                return False
        except psutil.NoSuchProcess:
            continue
    return True


def test_pool_gives_the_same_document_as_the_direct_path(pool, nlp, data_copy):
    job = submit(pool, "reader-a", REUTERS, data_copy, title="Fed")
    assert pool.wait(job, 300) and job.state == "done", (job.state, job.error)
    [(status, doc)] = job.results
    direct = ingest.analyse_candidate(ingest.Candidate(text=REUTERS, title="Fed"), nlp=nlp, root=data_copy)
    assert status == "ok" and doc == direct
    assert job.segments[0] == job.segments[1] > 0 and job.done_chars == len(REUTERS)


def test_the_queue_serves_readers_in_order(pool, data_copy):
    first = submit(pool, "q1", long_text(30_000), data_copy)
    assert wait_until(lambda: first.state == "running")
    later = [submit(pool, f"q{i}", BBC + "\n" * i, data_copy) for i in range(2, 5)]
    assert [pool.position(j) for j in later] == [1, 2, 3]
    for j in [first, *later]:
        assert pool.wait(j, 300) and j.state == "done"
    starts = [j.started for j in [first, *later]]
    assert starts == sorted(starts)


def test_a_new_analysis_replaces_the_readers_previous_one(pool, data_copy):
    blocker = submit(pool, "other", long_text(30_000), data_copy)
    old = submit(pool, "same", REUTERS, data_copy)
    new = submit(pool, "same", BBC, data_copy)
    assert old.state == "cancelled" and old.reason == "replaced" and not old.results
    assert pool.wait(new, 300) and new.state == "done"
    assert pool.wait(blocker, 300) and blocker.state == "done"


@pytest.mark.parametrize("phase", ["reading", "extracting"])
def test_a_cancelled_analysis_leaves_the_worker_idle(pool, data_copy, phase):
    job = submit(pool, f"cancel-{phase}", long_text(150_000), data_copy)
    assert wait_until(lambda: job.phase == phase and job.segments[0] > 0, timeout=300), (job.phase, job.segments)
    pids = pool.worker_pids()
    assert pids and not idle(pids)  # it was working
    pool.cancel(job)
    assert pool.wait(job, 30) and job.state == "cancelled" and job.reason == "cancelled"
    assert wait_until(lambda: idle(pids), timeout=5)
    assert pool.busy() == 0
    after = submit(pool, "after-cancel", BBC, data_copy)  # the pool still serves (a new worker if needed)
    assert pool.wait(after, 300) and after.state == "done"


def test_a_cancel_that_lands_as_the_worker_finishes_still_cancels(pool, data_copy):
    """The worker's "done" can arrive after the reader cancelled (the last extraction step has no
    checkpoint; CI saw it): the job ends cancelled, without the results nobody is waiting for."""
    job = Job(999, "late-cancel", [item(BBC)], str(data_copy), model_name(), state="running", phase="extracting")
    slot = pool.slots[0]
    slot._handle(job, ("item", 0, "ok", {"article": {}}))
    with pool._cond:
        pool._cancel_locked(job, "left")
    assert slot._handle(job, ("done",))
    assert job.state == "cancelled" and job.reason == "left" and job.results == []
    done = Job(1000, "no-cancel", [item(BBC)], str(data_copy), model_name(), state="running", phase="extracting")
    slot._handle(done, ("item", 0, "ok", {"article": {}}))
    assert slot._handle(done, ("done",)) and done.state == "done" and len(done.results) == 1


def test_a_reader_who_left_has_the_analysis_cancelled(data_copy):
    here = {"reader": True}
    p = WorkPool(1, alive=lambda owner: here.get(owner, True), grace=0.3, watch_every=0.05)
    try:
        job = submit(p, "reader", long_text(150_000), data_copy)
        assert wait_until(lambda: job.phase == "reading" and job.segments[0] > 0, timeout=300)
        here["reader"] = False  # the browser tab closed
        assert p.wait(job, 30) and job.state == "cancelled" and job.reason == "left"
        assert wait_until(lambda: idle(p.worker_pids()), timeout=5)
    finally:
        p.shutdown()


def test_progress_and_eta_come_from_the_measured_speed(pool, data_copy):
    job = submit(pool, "eta", long_text(60_000), data_copy)
    seen = []
    while not job.is_finished:
        if job.phase in ("reading", "extracting"):
            seen.append((job.phase, *pool.progress(job)))
        time.sleep(0.05)
    fracs = [f for _, f, _ in seen]
    assert fracs == sorted(fracs) or all(b >= a - 0.02 for a, b in zip(fracs, fracs[1:]))
    assert any(left is not None and left > 0 for _, _, left in seen)
    assert {"reading", "extracting"} <= {ph for ph, _, _ in seen}
    assert pool.progress(job) == (1.0, 0.0)
