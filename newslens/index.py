"""The corpus index: the dashboard's five frames, kept as Parquet under `<data>/.cache/index/`.

At a thousand articles, reading every processed JSON and building the frames takes seconds; the app
must not do it per rerun, nor per server start. The index keeps the five frames as Parquet files with a
manifest of what they were built from: the size and mtime of every article and processed file, and a
hash of the code that builds them. Loading checks the manifest against the files on disk (one stat per
file) and rebuilds only the rows of articles whose files changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import entities
from . import rows as rows_module
from .config import VERSION
from .config import data_dir as default_data_dir
from .rows import FRAME_COLUMNS, Columns, RowSpool, add_corpus_keys, entity_mentions, frame_rows
from .schema import SCHEMA_VERSION, sha256_text
from .storage import (ARTICLE_SUFFIX, ArticleError, Corpus, Problem, articles_dir, atomic_write_text, check_processed,
                      processed_dir, read_article)

INDEX_VERSION = 1
# Rows per Parquet row group: the app's queries (newslens/corpus_db.py) read only the row groups whose
# min/max article slug can hold the chosen articles, so groups must be small next to a 100,000-article table.
INDEX_ROW_GROUP = 50_000


def frames(corpus: Corpus):
    """articles, entities, mentions, quotes, numbers as pandas DataFrames (one row per item)."""
    rows: dict[str, list[dict]] = {k: [] for k in FRAME_COLUMNS}
    for slug, doc in corpus.analyses.items():
        for key, part in frame_rows(slug, doc).items():
            rows[key].extend(part)
    add_corpus_keys(rows["entities"], entity_mentions(corpus.analyses))
    return frames_from_rows(rows)


def frames_from_rows(rows: dict[str, list[dict]]):
    """The five DataFrames, columns in their documented order (missing columns added empty)."""
    out = {}
    for key, cols in FRAME_COLUMNS.items():
        df = pd.DataFrame(rows.get(key, []))
        for c in cols:
            if c not in df.columns:
                df[c] = pd.Series(dtype="object")
        out[key] = df[cols + [c for c in df.columns if c not in cols]]
    return out


def index_dir(root: Path) -> Path:
    """Where the index lives: a hidden folder of the data folder, ignored by the store and by git."""
    return Path(root) / ".cache" / "index"


def _stat_dir(folder: Path, suffix: str) -> dict[str, tuple[int, int, int]]:
    out = {}
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if entry.name.endswith(suffix) and not entry.name.startswith("."):
                    try:
                        if entry.is_file():
                            st = entry.stat()  # the inode too: every atomic write makes a new file
                            out[entry.name[: -len(suffix)]] = (st.st_size, st.st_mtime_ns, st.st_ino)
                    except OSError:
                        continue
    except OSError:
        pass
    return out


def corpus_stats(root: Path | None = None) -> dict[str, tuple]:
    """slug -> ((size, mtime, inode) of the article, of its processed file or None), sorted; one stat per file."""
    root = default_data_dir(root)
    arts = _stat_dir(articles_dir(root), ARTICLE_SUFFIX)
    procs = _stat_dir(processed_dir(root), ".json")
    return {slug: (arts[slug], procs.get(slug)) for slug in sorted(arts)}


def corpus_digest(root: Path | None = None) -> str:
    """A short key that changes whenever an article or processed file changes (for caches)."""
    stats = corpus_stats(root)
    return hashlib.sha1(repr(sorted(stats.items())).encode()).hexdigest()


@dataclass
class CorpusIndex:
    """The frames of every current article, the problems of the others, and what they were built from."""

    slugs: list[str]
    problems: list[Problem]
    frames: dict
    stats: dict[str, tuple] = field(default_factory=dict)


def _code_key() -> str:
    """Changes when the code that builds the frames (or the schema it reads) changes."""
    h = hashlib.sha1(f"{INDEX_VERSION}|{SCHEMA_VERSION}|{VERSION}|{pd.__version__}".encode())
    for path in _code_files():
        h.update(path.read_bytes())
    return h.hexdigest()


def _code_files() -> list[Path]:
    """This module, the rows module and the entity code that makes the corpus keys (a file or a package)."""
    ents = Path(entities.__file__)
    ents_files = sorted(ents.parent.glob("*.py")) if ents.name == "__init__.py" else [ents]
    return [Path(__file__), Path(rows_module.__file__), *ents_files]


def _normalise(frames_: dict) -> dict:
    """Same dtypes whether a frame was built at once, updated in parts or read back from Parquet."""
    for key, df in frames_.items():
        df = df.reset_index(drop=True).infer_objects()
        for c in [c for c in df.columns if len(df) and df[c].isna().all() and df[c].dtype != object]:
            df[c] = pd.Series([None] * len(df), dtype=object)  # an all-null column is None objects, however built
        frames_[key] = df
    return frames_


def _fresh_ok(root: Path, slug: str, sha256: str) -> bool:
    """A freshly made document is current when the article text on disk is still the one it was made from."""
    try:
        text = read_article(root, slug)
    except (OSError, ArticleError):
        return False
    return sha256_text(text) == sha256


def collect_article(root: Path, slug: str, rows: dict[str, list[dict]], mentions: dict,
                    problems: list) -> bool:
    """Read one processed article into `rows` (table -> row dicts) and `mentions`; note its problem, if any.
    True when its rows were added (a readable document, even an outdated one)."""
    doc, problem = check_processed(root, slug)
    if problem is not None:
        problems.append(problem)
    if doc is None or (problem is not None and problem.status == "unreadable"):
        return False
    for key, part in frame_rows(slug, doc).items():
        rows[key].extend(part)
    mentions.update(entity_mentions({slug: doc}))
    return True


def build_index(root: Path | None = None, *, previous: CorpusIndex | None = None,
                fresh: "dict[str, dict] | RowSpool | None" = None) -> CorpusIndex:
    """The index of `root`, reusing `previous` rows of the articles whose files did not change.

    `fresh` (a `RowSpool`, or slug -> `fresh_rows(...)`) gives the rows of documents `preprocess` has just
    written, so they need not be read back; they are used when the article text is still the one they
    were made from.
    """
    root = default_data_dir(root)
    spool = RowSpool.of(fresh)
    stats = corpus_stats(root)
    old_stats = previous.stats if previous is not None else {}
    keep = [s for s in stats if old_stats.get(s) == stats[s]] if previous is not None else []
    keep_set = set(keep)
    old_ok = set(previous.slugs) if previous is not None else set()
    old_problems = {p.slug: p for p in previous.problems} if previous is not None else {}
    read: dict[str, Columns] = {k: Columns() for k in FRAME_COLUMNS}  # rows of documents read back
    slugs, problems, mentions, used = [], [], {}, set()
    for slug in stats:
        if slug in keep_set:
            if slug in old_problems:
                problems.append(old_problems[slug])
            if slug in old_ok:
                slugs.append(slug)
            continue
        if slug in spool and _fresh_ok(root, slug, spool.sha256[slug]):
            slugs.append(slug)
            used.add(slug)
            continue
        if collect_article(root, slug, read, mentions, problems):
            slugs.append(slug)
    mentions.update((k, v) for k, v in spool.mentions.items() if k[0] in used)
    order = {s: i for i, s in enumerate(slugs)}
    new = _new_frames(spool, used, read, order)
    if previous is None or not keep:
        combined = new
    else:
        combined = _combine(previous, new, keep_set, order)
        kept = combined["mentions"]  # the kept articles' mentions, from the frame, for the corpus-wide keys
        kept = kept[kept["article"].isin(keep_set)]
        columns = [kept[c].tolist() for c in ("article", "entity_id", "start", "end", "text", "sentence")]
        for a, eid, st, en, tx, sent in zip(*columns):  # plain lists: iterating Arrow-backed columns is slow
            mentions.setdefault((a, eid), []).append({"start": int(st), "end": int(en), "text": tx,
                                                      "sentence": int(sent)})
    _add_corpus_keys(combined["entities"], mentions)
    return CorpusIndex(slugs, problems, _normalise(combined), stats)


def _add_corpus_keys(ent_frame, mentions: dict) -> None:
    """Fill the entity frame's corpus_key and corpus_name (rows in corpus order) from each entity's mentions."""
    ents = [{"article": a, "id": i, "name": n, "label": lb} for a, i, n, lb in
            zip(*(ent_frame[c].tolist() for c in ("article", "id", "name", "label")))]  # what add_corpus_keys reads
    add_corpus_keys(ents, mentions)
    ent_frame["corpus_key"] = [r["corpus_key"] for r in ents]
    ent_frame["corpus_name"] = [r["corpus_name"] for r in ents]


def _new_frames(spool: RowSpool, used: set, read: dict, order: dict[str, int]) -> dict:
    """The frames of the fresh documents taken (`used`) and of those read back, rows in corpus order."""
    out = {}
    for key, cols in FRAME_COLUMNS.items():
        df = pd.DataFrame(spool.tables[key].data)
        if len(df):
            taken = df["article"].isin(used).to_numpy()
            if not taken.all():
                df = df[taken]
        if read[key].n:
            more = pd.DataFrame(read[key].data)
            df = pd.concat([df, more], ignore_index=True) if len(df) else more
        for c in cols:
            if c not in df.columns:
                df[c] = pd.Series(dtype="object")
        df = df[cols + [c for c in df.columns if c not in cols]]
        out[key] = _in_order(df, order).reset_index(drop=True)
    return out


def _positions(df, order: dict[str, int], keep: set | None = None) -> np.ndarray:
    """Each row's article position in the corpus (-1 for an article not in `order`, or not in `keep`)."""
    codes, uniques = pd.factorize(df["article"])
    at = np.array([order.get(a, -1) if keep is None or a in keep else -1 for a in uniques], dtype=np.int64)
    return at[codes] if len(at) else np.full(len(df), -1, dtype=np.int64)


def _pick(df, pos: np.ndarray):
    """The rows with pos >= 0, in corpus order, each article's rows in their own order (a stable sort).

    Rows come in blocks (an article's rows, a run of articles): the result is a concatenation of slices
    when there are few blocks (no row-by-row take of every column), and the frame itself when in order."""
    sel = np.flatnonzero(pos >= 0)
    perm = sel[np.argsort(pos[sel], kind="stable")]
    if len(perm) == len(df) and not (np.diff(perm) != 1).any():
        return df
    starts = np.flatnonzero(np.diff(perm) != 1) + 1
    if len(starts) >= 64:
        return df.iloc[perm]
    bounds = [0, *starts.tolist(), len(perm)]
    return pd.concat([df.iloc[perm[a] : perm[a] + b - a] for a, b in zip(bounds, bounds[1:])])


def _in_order(df, order: dict[str, int]):
    """Rows in corpus order, each article's rows in their own order (no copy when already in order)."""
    return _pick(df, _positions(df, order)) if len(df) else df


def _combine(previous: CorpusIndex, new: dict, keep_set: set, order: dict[str, int]) -> dict:
    """The previous frames' rows of the kept articles and the new rows, in corpus order."""
    combined = {}
    for key in FRAME_COLUMNS:
        old, fresh = previous.frames[key], new[key]
        parts = [df for df in (old, fresh) if len(df)]
        if not parts:
            df = fresh
        else:
            df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
            pos = _positions(df, order)
            if len(old):
                pos[: len(old)] = _positions(old, order, keep_set)
            df = _pick(df, pos)
        cols = FRAME_COLUMNS[key]
        combined[key] = df[cols + [c for c in df.columns if c not in cols]].reset_index(drop=True)
    return combined


def _saved_stats(manifest: dict) -> dict:
    return {s: (tuple(a), tuple(p) if p else None) for s, (a, p) in manifest["stats"].items()}


def read_index(root: Path | None = None, *, unless_all_changed: dict | None = None) -> CorpusIndex | None:
    """The index saved under `root`, or None when there is none or it was built by other code.

    With `unless_all_changed` (the corpus stats now), None also when no article is as the index saw it:
    nothing of it would be reused, so its tables are not read (a forced rerun of the whole corpus)."""
    folder = index_dir(default_data_dir(root))
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("code") != _code_key():
            return None
        old = _saved_stats(manifest)
        if unless_all_changed is not None:
            if not any(old.get(s) == v for s, v in unless_all_changed.items()):
                return None
        gen = manifest["generation"]
        frames_ = {k: pd.read_parquet(folder / f"{k}-{gen}.parquet") for k in FRAME_COLUMNS}
        return CorpusIndex(
            slugs=list(manifest["slugs"]),
            problems=[Problem(**p) for p in manifest["problems"]],
            frames=_normalise(frames_),
            stats=old,
        )
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        return None


def write_index(root: Path, index: CorpusIndex) -> bool:
    """Save `index` under `root` (Parquet + manifest, replaced atomically); False when it cannot be written."""
    folder = index_dir(default_data_dir(root))
    gen = secrets.token_hex(6)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for key, df in index.frames.items():
            tmp = folder / f".{key}-{gen}.parquet.tmp"
            try:
                df.to_parquet(tmp, index=False, row_group_size=INDEX_ROW_GROUP)
                os.replace(tmp, folder / f"{key}-{gen}.parquet")
            finally:  # an error or a Ctrl-C mid-write leaves no temp file (after the replace there is none)
                tmp.unlink(missing_ok=True)
        manifest = {"code": _code_key(), "generation": gen, "slugs": index.slugs,
                    "problems": [asdict(p) for p in index.problems],
                    "stats": {s: [a, p] for s, (a, p) in index.stats.items()}}
        atomic_write_text(folder / "manifest.json", json.dumps(manifest), durable=False)  # a cache: rebuilt if lost
        for old in folder.glob("*.parquet"):  # earlier generations
            if not old.name.endswith(f"-{gen}.parquet"):
                old.unlink(missing_ok=True)
        return True
    except (OSError, ImportError, ValueError):
        return False


def load_index(root: Path | None = None, *, persist: bool = True,
               fresh: "dict[str, dict] | RowSpool | None" = None) -> CorpusIndex:
    """The corpus index: read from disk when current, else updated (only changed articles re-read) and saved."""
    root = default_data_dir(root)
    stats = corpus_stats(root)
    saved = read_index(root, unless_all_changed=stats)
    if saved is not None and saved.stats == stats:
        return saved
    index = build_index(root, previous=saved, fresh=fresh)
    if persist:
        write_index(root, index)
    return index


def files_signature(root: Path | None = None) -> tuple:
    """(name, size, mtime) of every data file: changes whenever the corpus on disk changes."""
    root = default_data_dir(root)
    sig = []
    for folder in (articles_dir(root), processed_dir(root)):
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.is_file():
                    st = p.stat()
                    sig.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(sig)
