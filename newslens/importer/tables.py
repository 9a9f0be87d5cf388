"""CSV and JSON Lines (or a JSON array) exports: columns, the mapping to article fields, rows.

Column names are matched to fields from `lexicon/import_columns.json` (lower-cased, spaces and dashes as underscores);
an explicit mapping wins. CSV: UTF-8 (a BOM, as Excel writes it, is fine), the delimiter is the one of
`, ; TAB |` the header line uses most, quoted fields may hold delimiters, doubled quotes and line breaks.
JSON: one object per line; nested objects are reached with dotted names ("source.name").
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .. import lexicon

FIELDS = ("text", "title", "published", "source", "url")
CSV_SUFFIXES = (".csv", ".tsv")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
_DELIMITERS = (",", ";", "\t", "|")
_ARRAY_KEYS = ("articles", "items", "data", "results", "records", "docs")
csv.field_size_limit(64 * 1024 * 1024)


class TableError(ValueError):
    """A whole table that cannot be read (not UTF-8, not JSON, no header)."""


def aliases() -> dict[str, list[str]]:
    return {k: v for k, v in lexicon.table("import_columns").items() if k in FIELDS}


def norm_column(name: str) -> str:
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def detect_mapping(columns: list[str], override: dict[str, str] | None = None) -> dict[str, str | None]:
    """field -> column for the fields found (each column used once); `override` entries win."""
    override = {k: v for k, v in (override or {}).items() if v}
    by_norm: dict[str, str] = {}
    for c in columns:
        by_norm.setdefault(norm_column(c), c)
    used = set(override.values())
    out: dict[str, str | None] = {}
    for fld in FIELDS:
        if fld in override:
            out[fld] = override[fld]
            continue
        out[fld] = None
        for alias in aliases()[fld]:
            col = by_norm.get(alias)
            if col is not None and col not in used:
                out[fld] = col
                used.add(col)
                break
    return out


def lookup(record: dict, column: str | None):
    """A record's value for a column name, following dots into nested objects."""
    if not column:
        return None
    if column in record:
        return record[column]
    value = record
    for part in column.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


@dataclass
class Row:
    number: int  # 1-based data row (CSV) or line (JSON Lines)
    record: dict | None
    error: str | None = None
    where: str = ""  # "row 3 (line 5)", "line 12"
    warning: str | None = None


@dataclass
class Table:
    """A CSV or JSON Lines source that can be read more than once (count, preview, import)."""

    name: str
    opener: Callable[[], BinaryIO]
    kind: str  # csv | jsonl | json

    @classmethod
    def of(cls, name: str, opener: Callable[[], BinaryIO]) -> "Table":
        suffix = Path(name).suffix.lower()
        return cls(name, opener, "csv" if suffix in CSV_SUFFIXES else ("json" if suffix == ".json" else "jsonl"))

    def rows(self) -> Iterator[Row]:
        if self.kind == "csv":
            yield from self._csv_rows()
        elif self.kind == "json":
            yield from self._json_rows()
        else:
            yield from self._jsonl_rows()

    def columns(self, sample: int = 50) -> list[str]:
        cols: dict[str, None] = {}
        for i, row in enumerate(self.rows()):
            if i >= sample:
                break
            for k, v in (row.record or {}).items():
                if k is None:
                    continue
                cols.setdefault(k, None)
                if isinstance(v, dict):
                    for sub in v:
                        cols.setdefault(f"{k}.{sub}", None)
        if self.kind == "csv" and not cols:
            cols = dict.fromkeys(self._header())
        return list(cols)

    def preview(self, n: int = 5) -> list[dict]:
        out = []
        for row in self.rows():
            if len(out) >= n:
                break
            out.append(row.record if row.record is not None else {"(error)": row.error})
        return out

    def count(self) -> int:
        return sum(1 for _ in self.rows())

    # -------------------------------------------------------------- readers

    def _text(self) -> io.TextIOWrapper:
        return io.TextIOWrapper(self.opener(), encoding="utf-8-sig", newline="")

    def _header(self) -> list[str]:
        with self._text() as fh:
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                raise TableError(f"{self.name} is not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8") from exc
        return next(csv.reader([line], delimiter=self._delimiter(line)), [])

    def _delimiter(self, header: str) -> str:
        if Path(self.name).suffix.lower() == ".tsv":
            return "\t"
        return max(_DELIMITERS, key=header.count) if any(d in header for d in _DELIMITERS) else ","

    def _csv_rows(self) -> Iterator[Row]:
        with self._text() as fh:
            try:
                header_line = fh.readline()
                if not header_line.strip():
                    raise TableError(f"{self.name} is empty or has no header line")
                delim = self._delimiter(header_line)
                header = [h.strip() for h in next(csv.reader([header_line], delimiter=delim, skipinitialspace=True))]
                reader = csv.reader(fh, delimiter=delim, skipinitialspace=True, strict=False)
                n, line = 0, 2
                for values in reader:
                    start, line = line, reader.line_num + 1
                    if not any(v.strip() for v in values):
                        continue
                    n += 1
                    where = f"row {n} (line {start})"
                    record = dict(zip(header, values))
                    extra = (f"{len(values)} fields where the header has {len(header)}; the extra ones were ignored"
                             if len(values) > len(header) else None)
                    yield Row(n, record, None, where, extra)
            except UnicodeDecodeError as exc:
                raise TableError(f"{self.name} is not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8") from exc
            except csv.Error as exc:
                raise TableError(f"{self.name}: the CSV cannot be read after line {line} ({exc})") from exc

    def _jsonl_rows(self) -> Iterator[Row]:
        with self._text() as fh:
            n = 0
            try:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    yield self._json_row(n, line, f"line {n}")
            except UnicodeDecodeError as exc:
                raise TableError(f"{self.name} is not UTF-8 text (after line {n}); save it as UTF-8") from exc

    def _json_row(self, n: int, line: str, where: str) -> Row:
        try:
            value = json.loads(line)
        except ValueError as exc:
            return Row(n, None, f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})", where)
        if not isinstance(value, dict):
            return Row(n, None, f"a JSON {type(value).__name__}, not an object with fields", where)
        return Row(n, value, None, where)

    def _json_rows(self) -> Iterator[Row]:
        with self.opener() as fh:
            raw = fh.read()
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise TableError(f"{self.name} is not UTF-8 text (invalid byte at position {exc.start})") from exc
        except ValueError:
            # not one JSON document: perhaps JSON Lines saved as .json
            self.kind = "jsonl"
            yield from self._jsonl_rows()
            return
        if isinstance(data, dict):
            data = next((data[k] for k in _ARRAY_KEYS if isinstance(data.get(k), list)), [data])
        if not isinstance(data, list):
            raise TableError(f"{self.name} holds a JSON {type(data).__name__}, not a list of articles")
        for n, value in enumerate(data, 1):
            if isinstance(value, dict):
                yield Row(n, value, None, f"item {n}")
            else:
                yield Row(n, None, f"a JSON {type(value).__name__}, not an object with fields", f"item {n}")
