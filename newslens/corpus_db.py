"""The corpus index queried where it lies: DuckDB over the index's Parquet files, nothing held in pandas.

The index (`<data>/.cache/index/`: five Parquet tables and a manifest, written by `preprocess`) can hold
millions of rows; the dashboard needs a few hundred at a time (the chosen articles' rows, one page of
a long table, a chart's aggregates). `CorpusDB` opens an in-memory DuckDB connection whose views read
the Parquet files directly: filters and aggregations run in DuckDB (row groups of other articles are
skipped by their min/max statistics), and only the result becomes a pandas DataFrame.

Articles whose files changed since the index was written (added in the app, edited, a `git pull`) are
an *overlay*: their rows are built in memory from their JSON files (few, by nature) and replace theirs
in every view, so the app never writes the index and still shows the data folder as it is.

One connection per server, shared by every session: each query takes a cursor under a lock (a DuckDB
connection is not thread-safe; queries here take milliseconds).
"""
from __future__ import annotations

import json
import functools
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from .index import _code_key, collect_article, corpus_stats, frames_from_rows, index_dir
from .rows import FRAME_COLUMNS, add_corpus_keys as _add_corpus_keys
from .storage import Problem, articles_dir, processed_dir

TABLES = tuple(FRAME_COLUMNS)
MEMORY_LIMIT = os.environ.get("NEWSLENS_DUCKDB_MEMORY", "256MB")
FRAME_CACHE = 64  # the chosen articles' rows of the last few choices, shared by every session
FULL_SCAN = 5_000  # up to this many articles, every file is stat'ed per rerun
RESCAN_SECONDS = float(os.environ.get("NEWSLENS_RESCAN_SECONDS", "30"))  # per 10,000 articles (at least once)


@dataclass
class Manifest:
    generation: str | None
    slugs: list[str]
    problems: list[Problem]
    stats: dict[str, tuple]


def read_manifest(root: Path) -> Manifest | None:
    """The index's manifest, or None when there is none or it was written by other code."""
    try:
        m = json.loads((index_dir(root) / "manifest.json").read_text(encoding="utf-8"))
        if m.get("code") != _code_key():
            return None
        return Manifest(m["generation"], list(m["slugs"]), [Problem(**p) for p in m["problems"]],
                        {s: (tuple(a), tuple(p) if p else None) for s, (a, p) in m["stats"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def quick_signature(root: Path) -> tuple:
    """Changes when a file is added, removed or replaced (atomic writes rename into the folders)."""
    out = []
    for p in (articles_dir(root), processed_dir(root), index_dir(root) / "manifest.json"):
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_ino, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


@dataclass
class State:
    """What the views show: the index generation, the overlay, the current slugs and problems."""

    manifest: Manifest | None
    stats: dict[str, tuple]
    slugs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    replaced: set[str] = field(default_factory=set)  # index rows hidden (changed or gone since)
    overlay: dict = field(default_factory=dict)  # table -> DataFrame of the changed articles' rows


class CorpusDB:
    """DuckDB views `articles`, `entities`, `mentions`, `quotes`, `numbers` over the index + overlay."""

    def __init__(self, root: Path, *, memory_limit: str = MEMORY_LIMIT, threads: int | None = None) -> None:
        import duckdb

        self.root = Path(root)
        self._lock = threading.RLock()
        self.con = duckdb.connect(":memory:", config={
            "memory_limit": memory_limit, "threads": threads or max(1, min(2, os.cpu_count() or 1))})
        self.con.execute("SET parquet_metadata_cache = true")
        self.state: State | None = None
        self._signature: tuple | None = None
        self._scanned = 0.0
        self._scanning = False
        self._stale = False  # a background scan found a changed file
        self._frames: OrderedDict = OrderedDict()  # (version, table, articles) -> DataFrame
        self.version = 0  # bumped whenever the views change (a cache key for query results)
        self.sync(force=True)

    # ---------------------------------------------------------------- keeping up with the files

    def sync(self, *, force: bool = False) -> bool:
        """Bring the views up to date with the data folder; True when they changed.

        Up to FULL_SCAN articles every file is stat'ed on every call (a few ms), as before. Beyond, a
        call costs three stats: a file added, removed or atomically replaced changes its folder's mtime;
        a file edited in place does not, so every file is also stat'ed in a background thread every
        RESCAN_SECONDS per 10,000 articles (5 minutes at 100,000, where a scan of 200,000 files takes
        seconds); what it finds is applied at the next call.
        """
        sig = quick_signature(self.root)
        small = self.state is not None and len(self.state.stats) <= FULL_SCAN
        if not force and sig == self._signature and not self._stale:
            if small:
                return self._resync(sig, False)
            every = RESCAN_SECONDS * max(1.0, len(self.state.stats) / 10_000 if self.state else 1.0)
            if time.monotonic() - self._scanned >= every and not self._scanning:
                self._scanning = True
                threading.Thread(target=self._background_scan, daemon=True).start()
            return False
        return self._resync(sig, force)

    def _background_scan(self) -> None:
        try:
            stats = corpus_stats(self.root)
            self._stale = self.state is not None and stats != self.state.stats
        finally:
            self._scanned = time.monotonic()
            self._scanning = False

    def _resync(self, sig: tuple, force: bool) -> bool:
        now = time.monotonic()
        with self._lock:
            self._stale = False
            same_manifest = not force and self.state is not None and self._signature is not None \
                and sig[2] == self._signature[2]
            self._signature, self._scanned = sig, now
            manifest = self.state.manifest if same_manifest else read_manifest(self.root)
            stats = corpus_stats(self.root)
            old = self.state
            if (not force and old is not None and old.stats == stats
                    and (old.manifest and old.manifest.generation) == (manifest and manifest.generation)):
                return False
            self.state = self._build_state(manifest, stats, old)
            self._define_views()
            self.version += 1
            self._frames.clear()
            return True

    def _build_state(self, manifest: Manifest | None, stats: dict, old: State | None) -> State:
        indexed = manifest.stats if manifest else {}
        good = set(manifest.slugs) if manifest else set()
        changed = [s for s in stats if indexed.get(s) != stats[s]]
        changed_set = set(changed)
        gone = [s for s in indexed if s not in stats]
        rows: dict[str, list[dict]] = {k: [] for k in TABLES}
        mentions: dict = {}
        fresh_ok, problems = [], [p for p in (manifest.problems if manifest else []) if p.slug not in changed_set]
        for slug in changed:
            if collect_article(self.root, slug, rows, mentions, problems):
                fresh_ok.append(slug)
        _add_corpus_keys(rows["entities"], mentions)  # among the changed articles (few: rebuilt each time)
        overlay = frames_from_rows(rows)
        keep = [s for s in stats if s in good and s not in changed_set]
        slugs = sorted(set(keep) | set(fresh_ok))
        return State(manifest, stats, slugs, sorted(problems, key=lambda p: p.slug),
                     changed_set | set(gone), overlay)

    def _define_views(self) -> None:
        st = self.state
        gen = st.manifest.generation if st.manifest else None
        hidden = sorted(st.replaced & set(st.manifest.slugs)) if st.manifest else []
        for table in TABLES:
            parts = []
            if gen is not None:
                path = index_dir(self.root) / f"{table}-{gen}.parquet"
                where = f" WHERE article NOT IN ({', '.join(_lit(s) for s in hidden)})" if hidden else ""
                parts.append(f"SELECT * FROM read_parquet({_lit(str(path))}, file_row_number = true){where}")
            df = st.overlay.get(table)
            name = f"overlay_{table}"
            if (df is not None and len(df)) or not parts:
                self._table(name, _with_row_numbers(df if df is not None else _empty_frames()[table]))
                parts.append(f"SELECT * FROM {name}")
            sql = " UNION ALL BY NAME ".join(parts)
            self.con.execute(f"CREATE OR REPLACE VIEW {table} AS {sql}")

    def _table(self, name: str, df) -> None:
        """A small in-memory DuckDB table of a DataFrame (visible to every cursor, unlike a registered frame)."""
        self.con.register("_incoming", df)
        try:
            self.con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    # ---------------------------------------------------------------- queries

    def df(self, sql: str, params: list | tuple = ()):
        """A query's result as a pandas DataFrame."""
        with self._lock:
            cur = self.con.cursor()
            try:
                return cur.execute(sql, list(params)).df()
            finally:
                cur.close()

    def rows(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        with self._lock:
            cur = self.con.cursor()
            try:
                return cur.execute(sql, list(params)).fetchall()
            finally:
                cur.close()

    @property
    def slugs(self) -> list[str]:
        return self.state.slugs

    @property
    def problems(self) -> list[Problem]:
        return self.state.problems

    def frame(self, table: str, articles: list[str]):
        """Every row of `table` for `articles`, in index order, with the documented columns first."""
        if table not in TABLES:
            raise KeyError(table)
        if not articles:
            return _empty_frames()[table]
        key = (self.version, table, tuple(articles))
        with self._lock:
            hit = self._frames.get(key)
            if hit is not None:
                self._frames.move_to_end(key)
                return hit
        df = self.df(f"SELECT * FROM {table} WHERE article IN (SELECT unnest(?)) "
                     "ORDER BY article, file_row_number", [list(articles)])
        df = df.drop(columns=["file_row_number"], errors="ignore")
        cols = FRAME_COLUMNS[table]
        df = df[cols + [c for c in df.columns if c not in cols]]
        with self._lock:
            self._frames[key] = df
            while len(self._frames) > FRAME_CACHE:
                self._frames.popitem(last=False)
        return df

    def find_articles(self, words: str = "", *, limit: int = 200) -> list[str]:
        """Slugs of the newest articles whose title, source or slug contains every word (all when blank)."""
        key = (self.version, "find", words, limit)
        with self._lock:
            hit = self._frames.get(key)
        if hit is not None:
            return list(hit)
        found = self._find_articles(words, limit)
        with self._lock:
            self._frames[key] = tuple(found)
            while len(self._frames) > FRAME_CACHE:
                self._frames.popitem(last=False)
        return found

    def _find_articles(self, words: str, limit: int) -> list[str]:
        terms = [w for w in (words or "").lower().split() if w][:8]
        hay = "lower(coalesce(title, '') || ' ' || coalesce(source, '') || ' ' || article)"
        where = " AND ".join([f"contains({hay}, ?)"] * len(terms)) or "true"
        params = terms
        sql = (f"SELECT article FROM articles WHERE {where} ORDER BY published DESC NULLS LAST, article "
               f"LIMIT {int(limit)}")
        return [r[0] for r in self.rows(sql, params)]

    def count(self, table: str) -> int:
        return int(self.rows(f"SELECT count(*) FROM {table}")[0][0])


@functools.lru_cache(maxsize=1)
def _empty_frames() -> dict:
    """The five tables without rows (built once: a page with no article chosen asks for them every rerun)."""
    return frames_from_rows({})


def _lit(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def _with_row_numbers(df):
    out = df.reset_index(drop=True)
    out["file_row_number"] = range(len(out))
    return out.infer_objects()
