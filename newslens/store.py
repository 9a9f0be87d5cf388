"""The data folder: articles in, processed JSON out (atomic, versioned), corpus → pandas DataFrames."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .config import data_dir as default_data_dir
from .config import model_name
from .metadata import read_sidecar
from .schema import SCHEMA_VERSION, Analysis, SchemaError

ARTICLE_SUFFIX = ".txt"
CONTEXT_CHARS = 80


class ArticleError(ValueError):
    """An article file that cannot be read as UTF-8 text."""


@dataclass
class Problem:
    """A processed file the app cannot use as is, and why."""

    slug: str
    status: str  # missing | stale | unreadable
    reason: str


@dataclass
class Corpus:
    """Every usable analysis (as dicts, keyed by slug) and the problems found while loading."""

    analyses: dict[str, dict] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def articles_dir(root: Path) -> Path:
    return Path(root) / "articles"


def processed_dir(root: Path) -> Path:
    return Path(root) / "processed"


def corrections_path(root: Path) -> Path:
    return Path(root) / "corrections.json"


def list_slugs(root: Path) -> list[str]:
    """Slugs of the articles in `root/articles`, sorted."""
    folder = articles_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob(f"*{ARTICLE_SUFFIX}") if p.is_file())


def decode_text(raw: bytes) -> str:
    """UTF-8 text with line endings as \\n; raises ArticleError for binary or other encodings."""
    if b"\x00" in raw[:8192]:
        raise ArticleError("looks like a binary file (it contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"is not UTF-8 text (invalid byte at position {exc.start})") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(root: Path, slug: str) -> str:
    """The article text exactly as the offsets refer to it."""
    return decode_text((articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}").read_bytes())


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write_text(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write `text` to `path` via a temp file in the same folder (never half-written).

    The temp file replaces `path`; with `exclusive`, it is linked in instead and FileExistsError is
    raised (nothing written) if `path` already exists.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if exclusive:
            os.link(tmp, path)  # atomic, and fails instead of replacing an existing file
        else:
            os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def dumps(doc: dict) -> str:
    """The canonical JSON text of a processed file: `json.dumps(doc, ensure_ascii=False, indent=1)` + "\\n"."""
    parts: list[str] = []
    _encode(doc, "\n", parts)
    parts.append("\n")
    return "".join(parts)


_encode_str = json.encoder.encode_basestring  # the C version when available, as json.dumps uses


def _encode_float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == float("inf"):
        return "Infinity"
    if o == -float("inf"):
        return "-Infinity"
    return float.__repr__(o)


def _encode(o, nl: str, out: list[str]) -> None:
    """Append the indent=1 JSON of `o` (nl = newline + current indent), exactly as the json module writes it."""
    if isinstance(o, str):
        out.append(_encode_str(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_encode_float(o))
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = nl + " "
        sep = "{" + inner
        for k, v in o.items():
            if not isinstance(k, str):
                k = json.dumps(k) if isinstance(k, (int, float, bool)) or k is None else None
                if k is None:
                    raise TypeError("keys must be str, int, float, bool or None")
                k = k.strip('"')
            out.append(sep)
            out.append(_encode_str(k))
            out.append(": ")
            _encode(v, inner, out)
            sep = "," + inner
        out.append(nl + "}")
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = nl + " "
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _encode(v, inner, out)
            sep = "," + inner
        out.append(nl + "]")
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def corrections_sha(root: Path) -> str:
    """sha256 of the corrections file, or "" when there is none."""
    p = corrections_path(root)
    return sha256_bytes(p.read_bytes()) if p.exists() else ""


def load_corrections_for(root: Path):
    """The entity corrections to apply, or None (newslens.corrections when available)."""
    p = corrections_path(root)
    if not p.exists():
        return None
    try:
        from .corrections import load_corrections
    except ImportError:
        return None
    return load_corrections(p)


def check_processed(root: Path, slug: str, *, model: str | None = None, text: str | None = None) -> tuple[dict | None, Problem | None]:
    """Read `processed/<slug>.json` and say whether it is current for the article text."""
    path = processed_dir(root) / f"{slug}.json"
    if not path.exists():
        return None, Problem(slug, "missing", "not processed yet")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            raise ValueError("top level is not an object")
    except (OSError, ValueError, RecursionError) as exc:
        return None, Problem(slug, "unreadable", f"{path.name} is not valid JSON ({exc.__class__.__name__}: {str(exc)[:120]})")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        return None, Problem(slug, "stale", f"made with schema version {version!r}; this app reads version {SCHEMA_VERSION}")
    why = document_problem(doc)
    if why:
        return None, Problem(slug, "unreadable", f"{path.name} does not fit the schema: {why}")
    try:
        Analysis.from_dict(doc)
    except SchemaError as exc:
        return None, Problem(slug, "unreadable", f"{path.name} does not fit the schema ({str(exc)[:160]})")
    if text is None:
        try:
            text = read_article(root, slug)
        except (OSError, ArticleError) as exc:
            return None, Problem(slug, "unreadable", f"article text unreadable: {exc}")
    art = doc["article"]
    if art.get("sha256") != sha256_bytes(text.encode("utf-8")) or art.get("text") != text:
        return None, Problem(slug, "stale", "the article text changed after it was processed")
    if model is not None and doc["pipeline"].get("model") != model_name(model):
        return doc, Problem(slug, "stale", f"processed with model {doc['pipeline'].get('model')!r}, settings name {model_name(model)!r}")
    return doc, None


def load_corpus(root: Path | None = None) -> Corpus:
    """Every current processed article; stale, unreadable or missing ones listed as problems."""
    root = default_data_dir(root)
    corpus = Corpus()
    for slug in list_slugs(root):
        doc, problem = check_processed(root, slug)
        if problem is not None:
            corpus.problems.append(problem)
        if doc is not None and (problem is None or problem.status != "unreadable"):
            corpus.analyses[slug] = doc
    return corpus


def analyze_text_for_store(text: str, slug: str, root: Path, nlp, parsed=None, corrections=None) -> dict:
    """The processed document for one stored article (sidecar metadata applied)."""
    from .pipeline import parse_many

    meta = read_sidecar(articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}")
    parsed = parsed or next(parse_many([text], nlp))
    return analyze_for_store(parsed, slug, nlp, meta=meta, corrections=corrections,
                             corrections_sha256=corrections_sha(root))


def analyze_for_store(parsed, slug: str, nlp, *, meta: dict, corrections=None, corrections_sha256: str = "") -> dict:
    """The processed document of a parsed article, given its sidecar metadata (no file access)."""
    from .pipeline import build_analysis

    analysis = build_analysis(
        parsed, nlp, title=meta.get("title"), published=meta.get("published"), source=meta.get("source"),
        slug=slug, url=meta.get("url"), corrections=corrections,
    )
    analysis.pipeline.corrections_sha256 = corrections_sha256
    return analysis.to_dict()


def needs_processing(root: Path, slug: str, *, model: str, model_version: str | None,
                     corrections_sha256: str | None = None) -> str | None:
    """Why `slug` must be (re)processed, or None when its processed file is current."""
    doc, problem = check_processed(root, slug, model=model)
    if problem is not None:
        return problem.reason
    if model_version and doc["pipeline"].get("model_version") != model_version:
        return f"model version changed ({doc['pipeline'].get('model_version')} → {model_version})"
    if corrections_sha256 is None:
        corrections_sha256 = corrections_sha(root)
    if doc["pipeline"].get("corrections_sha256", "") != corrections_sha256:
        return "entity corrections changed"
    return None


def installed_model_version(name: str) -> str | None:
    """Version of an installed model package without loading it."""
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001 - a path or an unusual install: fall back to no version check
        return None


def plan_preprocess(root: Path, *, model: str, force: bool = False,
                    slugs: Iterable[str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """([(slug, why)] to process, [(slug, "unchanged")] to skip) for the articles in `root`."""
    version = installed_model_version(model)
    sha = corrections_sha(root)
    todo, report = [], []
    for slug in slugs if slugs is not None else list_slugs(root):
        why = "forced" if force else needs_processing(root, slug, model=model, model_version=version,
                                                      corrections_sha256=sha)
        if why is None:
            report.append((slug, "unchanged"))
        else:
            todo.append((slug, why))
    return todo, report


def preprocess(
    root: Path | None = None,
    *,
    model: str | None = None,
    force: bool = False,
    slugs: Iterable[str] | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    progress: Callable[[int, int, str], None] | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    update_index: bool = True,
) -> list[tuple[str, str]]:
    """Process every article whose text, schema, model or corrections changed; returns (slug, action).

    `engine`: "local" (this process; the default for n_process=1), "processes" (a pool of n_process
    worker processes; the default for n_process>1) or "dask" (a local Dask cluster, or the one at
    `scheduler`). Each processed file is written atomically as soon as it is ready, so an interrupted
    run leaves only whole files and the next run continues with what is left. `progress(done, total,
    slug)` is called after each file. With `update_index`, the dashboard's index is brought up to date
    at the end (only the processed articles are re-read), so the app's next start is quick.
    """
    from .engines import RunSettings, get_engine

    root = default_data_dir(root)
    name = model_name(model)
    todo, report = plan_preprocess(root, model=name, force=force, slugs=slugs)
    if not todo:
        return report
    why = dict(todo)
    settings = RunSettings(model=name, batch_size=batch_size, corrections=load_corrections_for(root),
                           corrections_sha256=corrections_sha(root), index_rows=update_index)
    runner = get_engine(engine, n_process=n_process, scheduler=scheduler)
    done, fresh = 0, {}
    for slug, text, error, rows in runner.run(root, [s for s, _ in todo], settings):
        if error is None:
            atomic_write_text(processed_dir(root) / f"{slug}.json", text)
            report.append((slug, f"processed ({why[slug]})"))
            if rows is not None:
                fresh[slug] = rows
        else:
            report.append((slug, f"error: {error}"))
        done += 1
        if progress:
            progress(done, len(todo), slug)
    if update_index and done:
        try:
            load_index(root, fresh=fresh)
        except ImportError:  # pandas/pyarrow missing in a processing-only install: the app builds it later
            pass
    return report


# ---------------------------------------------------------------- DataFrames for the dashboard


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """A one-line snippet around [start, end) with the span in ⟦ ⟧."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    pre = ("…" if lo > 0 else "") + text[lo:start]
    post = text[end:hi] + ("…" if hi < len(text) else "")
    return " ".join(f"{pre}⟦{text[start:end]}⟧{post}".split())


FRAME_COLUMNS = {
    "articles": ["article", "title", "published", "source", "words", "entities", "quotes", "numbers", "model"],
    "entities": ["article", "id", "name", "label", "mentions", "salience", "aliases", "in_headline", "quotes",
                 "numbers", "first_start", "context", "corpus_key", "corpus_name"],
    "mentions": ["article", "entity_id", "name", "label", "start", "end", "text", "sentence", "context"],
    "quotes": ["article", "id", "speaker", "kind", "cue", "text", "start", "end", "speaker_mention",
               "speaker_entity_id", "context"],
    "numbers": ["article", "id", "text", "label", "value", "unit", "usd_value", "date", "subject", "qualifier",
                "approximate", "low", "high", "scale", "measure", "start", "end", "context",
                "statement_id", "stated_by", "stated_by_entity_id", "stated_in"],
}


def frame_rows(slug: str, doc: dict) -> dict[str, list[dict]]:
    """One article's rows of the five tables (without the corpus-wide entity keys)."""
    art = doc["article"]
    text = art["text"]
    arts = [{
        "article": slug, "title": art["title"], "published": art.get("published"), "source": art.get("source"),
        "words": len(text.split()), "entities": len(doc["entities"]), "quotes": len(doc["quotes"]),
        "numbers": len(doc["numbers"]), "model": doc["pipeline"]["model"],
    }]
    ents, ments, quotes, nums = [], [], [], []
    names = {e["id"]: e["name"] for e in doc["entities"]}
    for e in doc["entities"]:
        first = e["mentions"][0] if e["mentions"] else {"start": 0, "end": 0}
        ents.append({
            "article": slug, "id": e["id"], "name": e["name"], "label": e["label"],
            "mentions": len(e["mentions"]), "salience": e.get("salience", 0.0),
            "aliases": ", ".join(e.get("aliases", [])), "in_headline": e.get("in_headline", False),
            "quotes": e.get("n_quotes", 0), "numbers": e.get("n_numbers", 0),
            "first_start": first["start"], "context": context(text, first["start"], first["end"]),
        })
        for m in e["mentions"]:
            ments.append({
                "article": slug, "entity_id": e["id"], "name": e["name"], "label": e["label"],
                "start": m["start"], "end": m["end"], "text": m["text"], "sentence": m.get("sentence", -1),
                "context": context(text, m["start"], m["end"]),
            })
    for q in doc["quotes"]:
        sm = q.get("speaker_mention") or {}
        quotes.append({
            "article": slug, "id": q["id"], "speaker": q.get("speaker") or "(unattributed)",
            "kind": q["kind"], "cue": q.get("cue"), "text": q["text"], "start": q["start"], "end": q["end"],
            "speaker_mention": sm.get("text"), "speaker_entity_id": q.get("speaker_entity_id"),
            "context": context(text, q["start"], q["end"], 40),
        })
    for n in doc["numbers"]:
        row = {k: v for k, v in n.items()}
        row.update({"article": slug, "context": context(text, n["start"], n["end"]),
                    "subject": n.get("subject") or names.get(n.get("subject_entity_id"))})
        nums.append(row)
    return {"articles": arts, "entities": ents, "mentions": ments, "quotes": quotes, "numbers": nums}


def frames(corpus: Corpus):
    """articles, entities, mentions, quotes, numbers as pandas DataFrames (one row per item)."""
    rows: dict[str, list[dict]] = {k: [] for k in FRAME_COLUMNS}
    for slug, doc in corpus.analyses.items():
        for key, part in frame_rows(slug, doc).items():
            rows[key].extend(part)
    _add_corpus_keys(rows["entities"], _entity_mentions(corpus.analyses))
    return frames_from_rows(rows)


def frames_from_rows(rows: dict[str, list[dict]]):
    """The five DataFrames, columns in their documented order (missing columns added empty)."""
    import pandas as pd

    out = {}
    for key, cols in FRAME_COLUMNS.items():
        df = pd.DataFrame(rows.get(key, []))
        for c in cols:
            if c not in df.columns:
                df[c] = pd.Series(dtype="object")
        out[key] = df[cols + [c for c in df.columns if c not in cols]]
    return out


def _entity_mentions(analyses) -> dict[tuple[str, str], list]:
    """(slug, entity id) -> that entity's mentions, for the corpus-wide keys."""
    return {(slug, e["id"]): e["mentions"] for slug, doc in analyses.items() for e in doc["entities"]}


def _add_corpus_keys(rows: list[dict], mentions: dict[tuple[str, str], list]) -> None:
    """Join the same entity across articles ("Apple Inc" here, "Apple" there): corpus_key, corpus_name.

    `rows` are entity rows in corpus order (article by article); `mentions` gives each entity's mentions.
    """
    from types import SimpleNamespace

    from .entities import canonicalise_corpus

    slugs: list[str] = []
    light: list[SimpleNamespace] = []
    for row in rows:
        if not slugs or slugs[-1] != row["article"]:
            slugs.append(row["article"])
            light.append(SimpleNamespace(entities=[]))
        light[-1].entities.append(SimpleNamespace(id=row["id"], name=row["name"], label=row["label"],
                                                  mentions=mentions.get((row["article"], row["id"]), [])))
    keys = canonicalise_corpus(light)
    index = {s: i for i, s in enumerate(slugs)}
    for row in rows:
        key, name = keys.get((index[row["article"]], row["id"]), (row["name"], row["name"]))
        row["corpus_key"], row["corpus_name"] = key, name or row["name"]


# ---------------------------------------------------------------- corpus index: the frames, cached on disk
#
# At a thousand articles, reading every processed JSON and building the frames takes seconds; the app
# must not do it per rerun, nor per server start. The index keeps the five frames as Parquet files under
# <data>/.cache/index/ with a manifest of what they were built from: the size and mtime of every article
# and processed file, and a hash of the code that builds them. Loading checks the manifest against the
# files on disk (one stat per file) and rebuilds only the rows of articles whose files changed.

INDEX_VERSION = 1


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
    import pandas as pd

    from . import __version__, entities

    h = hashlib.sha1(f"{INDEX_VERSION}|{SCHEMA_VERSION}|{__version__}|{pd.__version__}".encode())
    for path in (Path(__file__), *sorted(Path(entities.__file__).parent.glob("*.py"))):  # the package
        h.update(path.read_bytes())
    return h.hexdigest()


def _normalise(frames_: dict) -> dict:
    """Same dtypes whether a frame was built at once, updated in parts or read back from Parquet."""
    for key, df in frames_.items():
        frames_[key] = df.reset_index(drop=True).infer_objects()
    return frames_


def fresh_rows(slug: str, doc: dict) -> dict:
    """What `build_index` needs of a document just made: its rows and the sha256 of the text it was made from."""
    return {"sha256": doc["article"]["sha256"], "rows": frame_rows(slug, doc),
            "mentions": _entity_mentions({slug: doc})}


def _fresh_ok(root: Path, slug: str, fresh: dict) -> bool:
    """A freshly made document is current when the article text on disk is still the one it was made from."""
    try:
        text = read_article(root, slug)
    except (OSError, ArticleError):
        return False
    return sha256_bytes(text.encode("utf-8")) == fresh["sha256"]


def build_index(root: Path | None = None, *, previous: CorpusIndex | None = None,
                fresh: dict[str, dict] | None = None) -> CorpusIndex:
    """The index of `root`, reusing `previous` rows of the articles whose files did not change.

    `fresh` (slug -> `fresh_rows(...)`) gives the rows of documents `preprocess` has just written, so they
    need not be read back; they are used when the article text is still the one they were made from.
    """
    import pandas as pd

    root = default_data_dir(root)
    stats = corpus_stats(root)
    old_stats = previous.stats if previous is not None else {}
    keep = [s for s in stats if old_stats.get(s) == stats[s]] if previous is not None else []
    keep_set = set(keep)
    old_ok = set(previous.slugs) if previous is not None else set()
    old_problems = {p.slug: p for p in previous.problems} if previous is not None else {}
    rows: dict[str, list[dict]] = {k: [] for k in FRAME_COLUMNS}
    slugs, problems, mentions = [], [], {}
    for slug in stats:
        if slug in keep_set:
            if slug in old_problems:
                problems.append(old_problems[slug])
            if slug in old_ok:
                slugs.append(slug)
            continue
        if fresh and slug in fresh and _fresh_ok(root, slug, fresh[slug]):
            slugs.append(slug)
            for key, part in fresh[slug]["rows"].items():
                rows[key].extend(part)
            mentions.update(fresh[slug]["mentions"])
            continue
        doc, problem = check_processed(root, slug)
        if problem is not None:
            problems.append(problem)
        if doc is not None and (problem is None or problem.status != "unreadable"):
            slugs.append(slug)
            for key, part in frame_rows(slug, doc).items():
                rows[key].extend(part)
            mentions.update(_entity_mentions({slug: doc}))
    new = frames_from_rows(rows)
    if previous is None or not keep:
        _add_corpus_keys(rows["entities"], mentions)
        return CorpusIndex(slugs, problems, _normalise(frames_from_rows(rows)), stats)
    import numpy as np

    order = {s: i for i, s in enumerate(slugs)}
    combined = {}
    for key in FRAME_COLUMNS:
        old = previous.frames[key]
        old = old[old["article"].isin(keep_set)]
        parts = [df for df in (old, new[key]) if len(df)]
        df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else new[key])
        if len(df):  # rows in corpus order, each article's rows in their own order (a stable sort)
            pos = df["article"].map(order).to_numpy()
            df = df.iloc[np.lexsort((np.arange(len(df)), pos))]
        cols = FRAME_COLUMNS[key]
        combined[key] = df[cols + [c for c in df.columns if c not in cols]].reset_index(drop=True)
    # every entity's mentions for the corpus-wide keys: from the fresh documents, and from the frame for kept ones
    kept = combined["mentions"][combined["mentions"]["article"].isin(keep_set)]
    for a, eid, st, en, tx, sent in zip(kept["article"], kept["entity_id"], kept["start"], kept["end"], kept["text"],
                                        kept["sentence"]):
        mentions.setdefault((a, eid), []).append({"start": int(st), "end": int(en), "text": tx, "sentence": int(sent)})
    ents = combined["entities"].drop(columns=["corpus_key", "corpus_name"]).to_dict("records")
    _add_corpus_keys(ents, mentions)
    combined["entities"]["corpus_key"] = [r["corpus_key"] for r in ents]
    combined["entities"]["corpus_name"] = [r["corpus_name"] for r in ents]
    return CorpusIndex(slugs, problems, _normalise(combined), stats)


def read_index(root: Path | None = None) -> CorpusIndex | None:
    """The index saved under `root`, or None when there is none or it was built by other code."""
    import pandas as pd

    folder = index_dir(default_data_dir(root))
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("code") != _code_key():
            return None
        gen = manifest["generation"]
        frames_ = {k: pd.read_parquet(folder / f"{k}-{gen}.parquet") for k in FRAME_COLUMNS}
        return CorpusIndex(
            slugs=list(manifest["slugs"]),
            problems=[Problem(**p) for p in manifest["problems"]],
            frames=_normalise(frames_),
            stats={s: (tuple(a), tuple(p) if p else None) for s, (a, p) in manifest["stats"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        return None


def write_index(root: Path, index: CorpusIndex) -> bool:
    """Save `index` under `root` (Parquet + manifest, replaced atomically); False when it cannot be written."""
    import secrets
    from dataclasses import asdict

    folder = index_dir(default_data_dir(root))
    gen = secrets.token_hex(6)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for key, df in index.frames.items():
            tmp = folder / f".{key}-{gen}.parquet.tmp"
            df.to_parquet(tmp, index=False)
            os.replace(tmp, folder / f"{key}-{gen}.parquet")
        manifest = {"code": _code_key(), "generation": gen, "slugs": index.slugs,
                    "problems": [asdict(p) for p in index.problems],
                    "stats": {s: [a, p] for s, (a, p) in index.stats.items()}}
        atomic_write_text(folder / "manifest.json", json.dumps(manifest))
        for old in folder.glob("*.parquet"):  # earlier generations
            if not old.name.endswith(f"-{gen}.parquet"):
                old.unlink(missing_ok=True)
        return True
    except (OSError, ImportError, ValueError):
        return False


def load_index(root: Path | None = None, *, persist: bool = True, fresh: dict[str, dict] | None = None) -> CorpusIndex:
    """The corpus index: read from disk when current, else updated (only changed articles re-read) and saved."""
    root = default_data_dir(root)
    saved = read_index(root)
    if saved is not None and saved.stats == corpus_stats(root):
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


# ---------------------------------------------------------------- hand-edited processed files


def document_problem(doc: dict) -> str | None:
    """Why a processed document that parsed as JSON cannot be shown (wrong types, spans off the text), or None."""
    from .schema import NUMBER_LABELS, QUOTE_KINDS

    def is_int(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def opt(v, t) -> bool:
        return v is None or (isinstance(v, t) and not isinstance(v, bool))

    try:
        art = doc["article"]
        text = art["text"]
        if not isinstance(text, str) or not isinstance(art.get("title"), str):
            return "article text and title must be strings"
        if not all(opt(art.get(k), str) for k in ("published", "source", "url", "slug")):
            return "article published/source/url must be strings or null"
        if not isinstance(doc["pipeline"].get("model"), str):
            return "pipeline.model must be a string"
        lists = {k: doc.get(k, []) for k in ("entities", "quotes", "numbers", "sentences")}
        bad = [k for k, v in lists.items() if not isinstance(v, list) or not all(isinstance(x, dict) for x in v)]
        if bad:
            return f"{bad[0]} must be a list of objects"

        def span(where: str, s) -> str | None:
            if not isinstance(s, dict):
                return f"{where} is not an object"
            a, b = s.get("start"), s.get("end")
            if not (is_int(a) and is_int(b) and 0 <= a <= b <= len(text)):
                return f"{where} has offsets {a!r}–{b!r} outside the article text (0–{len(text)})"
            if "text" in s and s["text"] != text[a:b]:
                return f"{where} text {str(s['text'])[:40]!r} does not match the article at {a}–{b}"
            return None

        for e in lists["entities"]:
            if not isinstance(e.get("id"), str) or not isinstance(e.get("name"), str) or not isinstance(e.get("label"), str):
                return "an entity lacks a string id, name or label"
            if not isinstance(e.get("mentions", []), list) or not isinstance(e.get("aliases", []), list):
                return f"entity {e['id']}: mentions and aliases must be lists"
            if not all(isinstance(a, str) for a in e.get("aliases", [])):
                return f"entity {e['id']}: aliases must be strings"
            if not all(opt(e.get(k), (int, float)) for k in ("salience", "n_quotes", "n_numbers", "first_start")):
                return f"entity {e['id']}: salience and counts must be numbers"
            for m in e.get("mentions", []):
                why = span(f"a mention of entity {e['id']}", m)
                if why:
                    return why
        for q in lists["quotes"]:
            if not isinstance(q.get("id"), str) or q.get("kind") not in QUOTE_KINDS:
                return f"quote {q.get('id')!r}: kind must be one of {', '.join(QUOTE_KINDS)}"
            if not all(opt(q.get(k), str) for k in ("speaker", "speaker_entity_id", "cue")):
                return f"quote {q['id']}: speaker and cue must be strings or null"
            for where, s in ((f"quote {q['id']}", q), (f"quote {q['id']} speaker", q.get("speaker_mention")),
                             (f"quote {q['id']} cue", q.get("cue_span"))):
                why = span(where, s) if s is not None else None
                if why:
                    return why
        for n in lists["numbers"]:
            if not isinstance(n.get("id"), str) or n.get("label") not in NUMBER_LABELS:
                return f"number {n.get('id')!r}: label must be one of {', '.join(NUMBER_LABELS)}"
            if not all(opt(n.get(k), (int, float)) for k in ("value", "low", "high", "usd_value")):
                return f"number {n['id']}: value, low, high and usd_value must be numbers or null"
            if not all(opt(n.get(k), str) for k in ("unit", "date", "scale", "qualifier", "subject", "measure",
                                                     "subject_entity_id", "usd_source", "equivalent_of",
                                                     "statement_id", "stated_by", "stated_by_entity_id", "stated_in")):
                return f"number {n['id']}: unit, date, qualifier, subject and ids must be strings or null"
            why = span(f"number {n['id']}", n)
            if why:
                return why
        for i, s in enumerate(lists["sentences"]):
            why = span(f"sentence {i}", s)
            if why:
                return why
    except (KeyError, TypeError, AttributeError) as exc:
        return f"malformed ({exc.__class__.__name__}: {str(exc)[:80]})"
    return None
