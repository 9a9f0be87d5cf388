"""The word lists the extractors read, one plain data file per concept (see README.md here).

Files in this folder:
- `<name>.txt`: one entry per line; `#` starts a comment line; blank lines are ignored. Entries are
  lower-case unless the file has a line `# case: keep` (then entries are kept as written).
- `<name>.tsv`: `key<TAB>value` per line, same comment and case rules (the key is the part compared).
- `<name>.json`: structured tables (for example the currency registry).

Every loader is cached: a file is read once per process. This module imports nothing from newslens.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _lines(path: Path) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append(line.strip())
    return out


def path_of(name: str, suffix: str) -> Path:
    """The data file for `name` (an error naming the folder when it does not exist)."""
    path = HERE / f"{name}{suffix}"
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon file {path.name} in {HERE}")
    return path


@functools.lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of `<name>.txt` in file order."""
    return tuple(_lines(path_of(name, ".txt")))


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of `<name>.txt` as a frozenset."""
    return frozenset(entries(name))


@functools.lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, str]:
    """`<name>.tsv` as a dict key -> value (callers must not mutate it)."""
    out: dict[str, str] = {}
    for line in _lines(path_of(name, ".tsv")):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


@functools.lru_cache(maxsize=None)
def table(name: str):
    """`<name>.json`, parsed (callers must not mutate it)."""
    with open(path_of(name, ".json"), encoding="utf-8") as fh:
        return json.load(fh)


def keeps_case(path: Path) -> bool:
    """True when the file declares `# case: keep`."""
    with open(path, encoding="utf-8") as fh:
        return any(line.strip().lower() == "# case: keep" for line in fh)
