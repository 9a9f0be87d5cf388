"""An import run: read every item, skip duplicates, write new articles, keep a journal and a report.

A run is identified by its inputs and options; its journal (`<data>/.import/<run>/journal.jsonl`, one
line per item done) lets the same command, after Ctrl-C or a crash, skip what is done and continue.
Articles are written as `articles/<slug>.txt` + `<slug>.meta.json` (text created exclusively, sidecar
atomically), exactly as `add` writes them, without a processed file: preprocessing the new articles is
the next step (`preprocess_added`). Every refused, duplicate or warned item is a row of the report
(`report.csv` beside the journal): item, status, reason, article.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .. import ingest
from ..config import data_dir as default_data_dir
from ..schema import sha256_text
from ..storage import (ARTICLE_SUFFIX, META_SUFFIX, ArticleError, articles_dir, atomic_write_text, list_slugs,
                       read_article)
from .records import Options
from .sources import Item, Source, resolve

STATE_DIR = ".import"
REPORT_COLUMNS = ("item", "status", "reason", "article")


@dataclass
class ImportReport:
    run_id: str
    folder: Path  # the run's state folder (journal, report)
    report_path: Path
    total: int = 0
    resumed: int = 0  # items an earlier session of this run had done
    added: list[str] = field(default_factory=list)  # slugs, this session and earlier ones
    entries: list[dict] = field(default_factory=list)  # every journal entry, in order

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e["status"] == status)

    def summary(self) -> str:
        warned = sum(1 for e in self.entries if e["status"] == "added" and e.get("warnings"))
        parts = [f"{self.count('added')} added" + (f" ({warned} with warnings)" if warned else ""),
                 f"{self.count('duplicate')} duplicate{'s' if self.count('duplicate') != 1 else ''} skipped",
                 f"{self.count('refused')} refused"]
        return ", ".join(parts) + (f"; {self.resumed} done by an earlier run" if self.resumed else "")


def run_id(sources: list[Source], options: Options) -> str:
    ident = json.dumps({"sources": sorted(s.identity() for s in sources), "options": options.identity()}, sort_keys=True)
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:12]


def _normal_sha(text: str) -> str:
    return sha256_text(ingest.normalize_text(text))


def stored_texts(root: Path) -> dict[str, str]:
    """sha256 of every stored article's normalised text -> its slug."""
    out: dict[str, str] = {}
    for slug in list_slugs(root):
        try:
            out.setdefault(_normal_sha(read_article(root, slug)), slug)
        except (OSError, ArticleError):
            continue
    return out


def read_journal(path: Path) -> dict[str, dict]:
    entries: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    e = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a crash: that item is simply done again
                if isinstance(e, dict) and "key" in e:
                    entries[e["key"]] = e
    except FileNotFoundError:
        pass
    return entries


def write_article(root: Path, cand: ingest.Candidate, *, run: str, key: str) -> str:
    """articles/<slug>.txt (exclusive) and <slug>.meta.json for a candidate; returns the slug."""
    meta = {"title": cand.title, "published": cand.published, "source": cand.source, "url": cand.url,
            "origin": cand.origin, "added": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "import_run": run, "import_key": key}
    meta = {k: v for k, v in meta.items() if v}
    for _ in range(100):
        slug = ingest.unique_slug(root, cand.title)
        txt = articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}"
        try:
            atomic_write_text(txt, cand.text, exclusive=True)
        except FileExistsError:
            continue
        break
    else:
        raise ingest.IngestError("could not find a free file name for the article")
    try:
        atomic_write_text(articles_dir(root) / f"{slug}{META_SUFFIX}",
                          json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    except BaseException:
        txt.unlink(missing_ok=True)
        raise
    return slug


def _ours(root: Path, slug: str, run: str, key: str) -> bool:
    """Whether a stored article was written by this run for this item (a crash before its journal line)."""
    try:
        meta = json.loads((articles_dir(root) / f"{slug}{META_SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return meta.get("import_run") == run and meta.get("import_key") == key


class _Run:
    """The state of one session of a run: what is stored, what this run has seen, the open journal."""

    def __init__(self, root: Path, run: str, journal: dict[str, dict], fh, *, recover: bool = True) -> None:
        self.root, self.run, self.journal, self.fh, self.recover = root, run, journal, fh, recover
        self.stored = stored_texts(root)
        self.seen = {e["sha256"]: e["item"] for e in journal.values() if e.get("sha256") and e["status"] == "added"}

    def handle(self, item: Item) -> dict:
        entry = {"key": item.key, "item": item.origin}
        if item.refused is not None:
            return self._log(entry, "refused", item.refused)
        try:
            cand = item.read()
        except ingest.IngestError as exc:
            return self._log(entry, "refused", str(exc))
        except Exception as exc:  # noqa: BLE001 - one malformed item must not end a long import
            return self._log(entry, "refused", f"could not be read ({exc.__class__.__name__}: {str(exc)[:160]})")
        sha = _normal_sha(cand.text)
        warnings = [w for w in [item.warning, *cand.warnings] if w]
        if sha in self.seen:
            return self._log(entry, "duplicate", f"same text as {self.seen[sha]}", sha=sha)
        if sha in self.stored:
            slug = self.stored[sha]
            if self.recover and _ours(self.root, slug, self.run, item.key):
                return self._log(entry, "added", "", slug=slug, sha=sha, warnings=warnings)
            return self._log(entry, "duplicate", f"same text as the stored article {slug}", slug=slug, sha=sha)
        slug = write_article(self.root, cand, run=self.run, key=item.key)
        self.stored[sha] = slug
        self.seen[sha] = item.origin
        return self._log(entry, "added", "", slug=slug, sha=sha, warnings=warnings)

    def _log(self, entry: dict, status: str, reason: str, **extra) -> dict:
        reason = reason.removeprefix(entry["item"]).removeprefix(":").strip()  # the report names the item already
        entry.update(status=status, reason=reason, **{k: v for k, v in extra.items() if v})
        self.fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.fh.flush()
        self.journal[entry["key"]] = entry
        return entry


def import_sources(
    inputs: list, *, root: Path | None = None, options: Options | None = None,
    progress: Callable[[int, int, str], None] | None = None, restart: bool = False,
    report_path: Path | None = None, sources: list[Source] | None = None,
) -> ImportReport:
    """Import files, folders, feed links and uploads (`sources.Blob`) into the data folder.

    `progress(done, total, item)` is called after each item this session handles. KeyboardInterrupt
    (or a Streamlit rerun) may stop it at any item: what is written is whole, the journal says what is
    done, and the same call continues. Raises IngestError only for an input that does not exist.
    """
    root = default_data_dir(root)
    options = options or Options()
    sources = sources if sources is not None else resolve(inputs, options=options)
    rid = run_id(sources, options)
    folder = Path(root) / STATE_DIR / rid
    if restart and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    journal = read_journal(folder / "journal.jsonl")
    report = ImportReport(rid, folder, Path(report_path) if report_path else folder / "report.csv")
    report.total = sum(s.count() for s in sources)
    done = 0
    try:
        with open(folder / "journal.jsonl", "a", encoding="utf-8") as fh:
            state = _Run(Path(root), rid, journal, fh, recover=not restart)
            for src in sources:
                for item in src.items(options):
                    done += 1
                    if item.key in journal:
                        report.resumed += 1
                        continue
                    state.handle(item)
                    if progress:
                        progress(done, max(report.total, done), item.origin)
    finally:
        report.entries = list(journal.values())
        report.added = [e["slug"] for e in report.entries if e["status"] == "added" and e.get("slug")]
        write_report(report)
    return report


def report_rows(report: ImportReport) -> list[dict]:
    """The report's rows: every refused or duplicate item, and every added one with a warning."""
    rows = []
    for e in report.entries:
        if e["status"] != "added":
            rows.append({"item": e["item"], "status": e["status"], "reason": e["reason"], "article": e.get("slug", "")})
        for w in e.get("warnings", []) if e["status"] == "added" else []:
            rows.append({"item": e["item"], "status": "warning", "reason": w, "article": e.get("slug", "")})
    return rows


def report_csv(report: ImportReport) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=REPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(report_rows(report))
    return buf.getvalue()


def write_report(report: ImportReport) -> None:
    atomic_write_text(report.report_path, report_csv(report))


def preprocess_added(report: ImportReport, *, root: Path | None = None, **kwargs) -> list[tuple[str, str]]:
    """Process the run's new articles with `store.preprocess` (same engines and options); (slug, action)."""
    from ..preprocess import preprocess

    if not report.added:
        return []
    return preprocess(default_data_dir(root), slugs=report.added, **kwargs)
