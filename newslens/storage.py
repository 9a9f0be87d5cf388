"""The data folder on disk: where files live, atomic writes, canonical JSON, and reading processed files back.

Layout: `<data>/articles/<slug>.txt` (+ `<slug>.meta.json`), `<data>/processed/<slug>.json`,
`<data>/corrections.json`. Nothing here parses text or builds frames; see `preprocess` and `index`.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .config import data_dir as default_data_dir
from .config import model_name
from .schema import SCHEMA_VERSION, Analysis, SchemaError, document_problem, sha256_text

ARTICLE_SUFFIX = ".txt"
META_SUFFIX = ".meta.json"
CORRECTIONS_FILE = "corrections.json"


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


def corrections_path(root: str | os.PathLike | None = None) -> Path:
    """<data>/corrections.json (the data folder from the settings unless given)."""
    return default_data_dir(root) / CORRECTIONS_FILE


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


def atomic_write_text(path: Path, text: str, *, exclusive: bool = False, durable: bool = True) -> None:
    """Write `text` to `path` via a temp file in the same folder (never half-written).

    The temp file replaces `path`; with `exclusive`, it is linked in instead and FileExistsError is
    raised (nothing written) if `path` already exists. With `durable` (the default) the data is flushed
    to the disk (fsync) before the rename, so even a power cut leaves the old file or the new one; files
    that can be made again (processed documents) skip that wait, several milliseconds per file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the name is chosen before the file exists (not `tempfile.mkstemp`, which can be interrupted by a Ctrl-C
    # between creating the file and returning its name), so whatever interrupts, `finally` removes it
    tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            if durable:
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


_SCALAR_TEXT = {type(None): lambda o: "null", bool: lambda o: "true" if o else "false", int: int.__repr__,
                str: _encode_str}


def _scalar(o) -> str | None:
    """The JSON of a str/int/bool/None/float (exact types only: subclasses take the general path), else None."""
    f = _SCALAR_TEXT.get(type(o))
    if f is not None:
        return f(o)
    if type(o) is float:
        return _encode_float(o)
    return None


def _encode(o, nl: str, out: list[str]) -> None:
    """Append the indent=1 JSON of `o` (nl = newline + current indent), exactly as the json module writes it.

    Scalars inside dicts and lists are written in the loop (no call per value): most of a processed file is
    offsets, names and labels."""
    text = _scalar(o)
    if text is not None:
        out.append(text)
    elif isinstance(o, str):
        out.append(_encode_str(o))
    elif o is None or o is True or o is False:
        out.append("null" if o is None else "true" if o else "false")
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
        after = "," + inner
        table = _SCALAR_TEXT
        for k, v in o.items():
            if type(k) is not str:
                k = _key_text(k)
            f = table.get(type(v))
            if f is not None:
                out.append(f"{sep}{_encode_str(k)}: {f(v)}")
            else:
                out.append(f"{sep}{_encode_str(k)}: ")
                _encode(v, inner, out)
            sep = after
        out.append(nl + "}")
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = nl + " "
        sep = "[" + inner
        after = "," + inner
        table = _SCALAR_TEXT
        for v in o:
            f = table.get(type(v))
            if f is not None:
                out.append(sep + f(v))
            else:
                out.append(sep)
                _encode(v, inner, out)
            sep = after
        out.append(nl + "]")
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _key_text(k) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, (int, float, bool)) or k is None:
        return json.dumps(k).strip('"')
    raise TypeError("keys must be str, int, float, bool or None")


def corrections_sha(root: Path) -> str:
    """sha256 of the corrections file, or "" when there is none."""
    p = corrections_path(root)
    return hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else ""


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
    if art.get("sha256") != sha256_text(text) or art.get("text") != text:
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
