"""Articles in the data folder: a free slug, add (text, sidecar and processed file), find, remove.

Nothing is written until an article has been read, validated and analysed; then the text file is created
exclusively (never overwriting another article) and the sidecar and processed files atomically.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..config import data_dir as default_data_dir
from ..corrections import load_corrections_for
from ..pipeline import analyze_for_store, load_model
from ..schema import sha256_text
from ..storage import (
    ARTICLE_SUFFIX,
    META_SUFFIX,
    ArticleError,
    articles_dir,
    atomic_write_text,
    corrections_sha,
    dumps,
    list_slugs,
    processed_dir,
    read_article,
)
from .candidate import AnalysisError, Candidate, IngestError, normalize_text, sentence_subject

SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}$")


@dataclass
class Added:
    """The outcome of `add_article`."""

    slug: str
    created: bool  # False when an identical text was already there
    paths: list[Path] = field(default_factory=list)


def slugify(title: str, *, max_len: int = 60) -> str:
    """A file-name-safe slug from a title ("Nvidia's H200 chips" -> "nvidias-h200-chips")."""
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"['’]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        cut = s.rfind("-", 0, max_len)
        s = s[: cut if cut > 10 else max_len].strip("-")
    return s or "article"


def _taken(root: Path, slug: str) -> bool:
    return any(p.exists() for p in (articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}",
                                    articles_dir(root) / f"{slug}{META_SUFFIX}",
                                    processed_dir(root) / f"{slug}.json"))


def unique_slug(root: Path, title: str) -> str:
    """The title's slug, suffixed -2, -3… when an article (or its leftovers) already has it."""
    base = slugify(title)
    slug, n = base, 1
    while _taken(root, slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def find_duplicate(root: Path, text: str) -> str | None:
    """The slug of a stored article whose text is identical (same sha256, after normalising), or None."""
    want = sha256_text(normalize_text(text))
    for slug in list_slugs(root):
        try:
            have = read_article(root, slug)
        except (OSError, ArticleError):
            continue
        if sha256_text(have) == want or sha256_text(normalize_text(have)) == want:
            return slug
    return None


def analyse_candidate(cand: Candidate, *, nlp, root: Path | None = None, slug: str | None = None,
                      parsed=None) -> dict:
    """The processed document for a candidate, exactly as `preprocess` would write it once stored.

    `parsed`: the candidate's text already parsed (`pipeline.parse_many`, or the worker pool's
    segment-by-segment parse); parsed here otherwise."""
    root = default_data_dir(root)
    meta = {"title": cand.title, "published": cand.published, "source": cand.source, "url": cand.url}
    corrections, stamp = load_corrections_for(root), corrections_sha(root)
    try:
        return analyze_for_store(parsed if parsed is not None else cand.text, nlp, slug=slug, meta=meta, corrections=corrections,
                                 corrections_sha256=stamp)
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not become a traceback for the user
        raise AnalysisError(f"{sentence_subject(cand.origin)} could not be analysed ({exc.__class__.__name__}: {str(exc)[:120]})") from exc


def _reusable(doc: dict | None, cand: Candidate, root: Path) -> bool:
    if not doc:
        return False
    art = doc.get("article", {})
    return (art.get("sha256") == cand.sha256 and art.get("text") == cand.text and art.get("title") == cand.title
            and art.get("published") == cand.published and art.get("source") == cand.source
            and doc.get("pipeline", {}).get("corrections_sha256", "") == corrections_sha(root))


def add_article(
    cand: Candidate, *, nlp=None, root: Path | None = None, processed: dict | None = None, model: str | None = None,
) -> Added:
    """Store a candidate: articles/<slug>.txt + <slug>.meta.json + processed/<slug>.json.

    An identical text already stored is not added again (Added.created is False). `processed` is the
    analysis made for the preview; it is reused when it was made from the same text and metadata.
    """
    root = default_data_dir(root)
    dup = find_duplicate(root, cand.text)
    if dup is not None:
        return Added(dup, created=False)
    if not _reusable(processed, cand, root):
        if nlp is None:
            nlp = load_model(model)
        processed = analyse_candidate(cand, nlp=nlp, root=root)
    doc = json.loads(json.dumps(processed))  # a private copy
    meta = {"title": cand.title, "published": cand.published, "source": cand.source, "url": cand.url,
            "origin": cand.origin, "added": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    meta = {k: v for k, v in meta.items() if v}
    for _ in range(100):
        slug = unique_slug(root, cand.title)
        txt = articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}"
        try:
            atomic_write_text(txt, cand.text, exclusive=True)
        except FileExistsError:
            continue  # another writer took this slug between the check and the write
        break
    else:
        raise IngestError("could not find a free file name for the article")
    meta_path = articles_dir(root) / f"{slug}{META_SUFFIX}"
    out = processed_dir(root) / f"{slug}.json"
    doc["article"]["slug"] = slug
    try:
        atomic_write_text(meta_path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        atomic_write_text(out, dumps(doc))
    except BaseException:
        for p in (out, meta_path, txt):
            try:
                p.unlink()
            except OSError:
                pass
        raise
    return Added(slug, created=True, paths=[txt, meta_path, out])


def check_slug(slug: str) -> str:
    """A slug that names a file in the data folder and nothing outside it."""
    if not isinstance(slug, str) or not SLUG_RE.match(slug) or ".." in slug:
        raise IngestError(f"{str(slug)[:60]!r} is not an article name (see the article list for names)")
    return slug


def article_files(root: Path, slug: str) -> list[Path]:
    """The files that make up a stored article (text, sidecar, processed), existing or not."""
    return [articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}", articles_dir(root) / f"{slug}{META_SUFFIX}",
            processed_dir(root) / f"{slug}.json"]


def remove_article(slug: str, *, root: Path | None = None) -> list[Path]:
    """Delete an article's text, sidecar and processed files; returns the files removed."""
    root = default_data_dir(root)
    check_slug(slug)
    files = article_files(root, slug)
    if not files[0].exists():
        raise IngestError(f"there is no article {slug!r} in {articles_dir(root)}")
    removed = []
    for p in files:  # the text first: from then on the article is gone from every list
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise IngestError(f"could not remove {p}: {exc.strerror or exc}") from exc
    return removed
