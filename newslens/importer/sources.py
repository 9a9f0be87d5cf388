"""What an import reads: paths (files, folders walked recursively), feed links and uploaded files.

Each input becomes one or more sources; a source yields items, each with a stable key (so a resumed
run skips what it has done) and either a reader that makes a Candidate or the reason it is refused.
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .. import ingest
from . import feeds, tables
from .records import Options, make_record

DOCUMENT_SUFFIXES = ingest.SUFFIXES
KNOWN = DOCUMENT_SUFFIXES + tables.CSV_SUFFIXES + tables.JSON_SUFFIXES + feeds.FEED_SUFFIXES


@dataclass
class Blob:
    """An uploaded file: its name (a relative path for a folder upload) and bytes."""

    name: str
    data: bytes


@dataclass
class Item:
    key: str
    origin: str  # how the report names it: "folder/a.txt", "news.csv row 3 (line 5)", "feed.xml item 2 …"
    read: Callable[[], ingest.Candidate] | None = None
    refused: str | None = None  # the reason, when there is nothing to read
    warning: str | None = None


class Source:
    key: str
    label: str

    def count(self) -> int:
        return 1

    def identity(self) -> str:
        """What makes a run of this source the same run (its key, and a table's chosen columns)."""
        return self.key

    def items(self, options: Options) -> Iterator[Item]:
        raise NotImplementedError


class Refused(Source):
    def __init__(self, key: str, label: str, reason: str) -> None:
        self.key, self.label, self.reason = key, label, reason

    def items(self, options: Options) -> Iterator[Item]:
        yield Item(self.key, self.label, refused=self.reason)


class Document(Source):
    """One .txt/.md/.html file: one article."""

    def __init__(self, key: str, label: str, data: Callable[[], bytes]) -> None:
        self.key, self.label, self.data = key, label, data

    def items(self, options: Options) -> Iterator[Item]:
        def read() -> ingest.Candidate:
            return ingest.read_file_bytes(self.label, self.data(), source=options.source,
                                          force_language=options.force_language)
        yield Item(self.key, self.label, read)


class TableSource(Source):
    def __init__(self, key: str, label: str, opener) -> None:
        self.key, self.label = key, label
        self.table = tables.Table.of(label, opener)
        self.mapping: dict[str, str] | None = None  # the columns chosen for this table (the Import panel)
        self._count: int | None = None

    def identity(self) -> str:
        return self.key if self.mapping is None else f"{self.key}|{sorted(self.mapping.items())}"

    def count(self) -> int:
        if self._count is None:
            try:
                self._count = self.table.count()
            except tables.TableError:
                self._count = 1
        return self._count

    def items(self, options: Options) -> Iterator[Item]:
        from .dates import DateOrder

        try:
            if self.mapping is not None:
                mapping = {f: self.mapping.get(f) for f in tables.FIELDS}
            else:
                mapping = tables.detect_mapping(self.table.columns(), options.mapping)
            order = DateOrder(options.dates)
            if mapping["published"] and options.dates == "auto":
                for row in self.table.rows():
                    order.learn(tables.lookup(row.record or {}, mapping["published"]))
            if not mapping["text"] and not mapping["url"]:
                cols = ", ".join(self.table.columns()[:12]) or "none"
                yield Item(self.key, self.label, refused=f"no text column found (columns: {cols}); "
                                                         "name it with --text-column (or in the Import panel)")
                return
            for row in self.table.rows():
                yield self._item(row, mapping, order, options)
        except tables.TableError as exc:
            yield Item(f"{self.key}#error", self.label, refused=str(exc))

    def _item(self, row: tables.Row, mapping: dict, order, options: Options) -> Item:
        key, origin = f"{self.key}#{row.number}", f"{self.label} {row.where}"
        if row.record is None:
            return Item(key, origin, refused=row.error)
        fields = {f: tables.lookup(row.record, col) for f, col in mapping.items()}

        def read() -> ingest.Candidate:
            return make_record(**fields, origin=origin, options=options, order=order)
        return Item(key, origin, read, warning=row.warning)


class FeedSource(Source):
    def __init__(self, key: str, label: str, data: Callable[[], bytes]) -> None:
        self.key, self.label, self.data = key, label, data
        self._parsed = None
        self._error: str | None = None

    def parsed(self):
        if self._parsed is None and self._error is None:
            try:
                self._parsed = feeds.parse_feed(self.data(), self.label)
            except ingest.IngestError as exc:
                self._error = str(exc)
        return self._parsed

    def count(self) -> int:
        return len(self.parsed().entries) if self.parsed() is not None else 1

    def items(self, options: Options) -> Iterator[Item]:
        if self.parsed() is None:
            yield Item(f"{self.key}#error", self.label, refused=self._error)
            return
        for it in feeds.items(self._parsed, self.key, self.label):
            yield Item(it.key, it.origin, lambda it=it: feeds.item_candidate(it, options))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def of_file(key: str, label: str, read_bytes: Callable[[], bytes], opener) -> Source:
    """The source for one file, by its suffix."""
    suffix = Path(label).suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return Document(key, label, read_bytes)
    if suffix in tables.CSV_SUFFIXES + tables.JSON_SUFFIXES:
        return TableSource(key, label, opener)
    if suffix in feeds.FEED_SUFFIXES:
        return FeedSource(key, label, read_bytes)
    return Refused(key, label, f"unsupported file type {suffix or '(none)'!r}; News Lens imports "
                               ".txt, .md, .html, .csv, .jsonl, .json and RSS/Atom feeds (.xml, .rss, .atom)")


def _path_source(path: Path, label: str) -> Source:
    key = f"file:{path.resolve()}"

    def read_bytes() -> bytes:
        try:
            size = path.stat().st_size
            if size > ingest.MAX_FILE_BYTES and path.suffix.lower() in DOCUMENT_SUFFIXES + feeds.FEED_SUFFIXES:
                raise ingest.IngestError(f"{label}: file is too large ({size:,} bytes; the limit is {ingest.MAX_FILE_BYTES:,})")
            return path.read_bytes()
        except OSError as exc:
            raise ingest.IngestError(f"cannot read {label}: {exc.strerror or exc}") from exc
    return of_file(key, label, read_bytes, lambda: open(path, "rb"))


def walk(folder: Path) -> Iterator[Path]:
    """Files under a folder, recursively, in name order; hidden files and folders are left out."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def resolve(inputs: list, *, options: Options) -> list[Source]:
    """Sources for paths (str or Path), feed links (http(s) strings) and Blobs; raises IngestError for a missing path."""
    out: list[Source] = []
    for inp in inputs:
        if isinstance(inp, Blob):
            data = inp.data
            out.append(of_file(f"upload:{inp.name}:{_sha(data)}", inp.name, lambda d=data: d, lambda d=data: io.BytesIO(d)))
        elif isinstance(inp, str) and ingest.looks_like_url(inp):
            url = inp.strip()
            out.append(FeedSource(f"url:{url}", url, lambda u=url: feeds.fetch_feed(u, options)))
        else:
            path = Path(inp)
            if path.is_dir():
                for f in walk(path):
                    out.append(_path_source(f, str(f.relative_to(path.parent))))
            elif path.is_file():
                out.append(_path_source(path, path.name))
            else:
                raise ingest.IngestError(f"{path}: no such file or folder")
    return out
