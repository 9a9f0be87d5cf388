"""Output-identity check for refactors: analyse a broad fixed set of texts and compare two runs.

    python tests/snapshot.py record OUT.jsonl        # every output, one JSON line per text
    python tests/snapshot.py compare OLD.jsonl NEW.jsonl

The texts: the shipped article, the fixture articles, the bring-your-own samples, the quote cases,
the peer (textacy) cases, and every sentence of the development sets in ../shared/dev-sets. With
NEWSLENS_SNAPSHOT=PATH, `python -m pytest` also appends every analysis the tests build (see conftest).
Not a test module (no test_ prefix): a tool run by hand before and after a behaviour-preserving change.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSLENS_SHARED", ROOT.parent / "shared"))
if not (SHARED / "dev-sets").is_dir():
    SHARED = Path("/work/shared")


def key_of(text: str, kwargs: dict) -> str:
    extra = json.dumps({k: v for k, v in sorted(kwargs.items()) if k not in {"nlp", "corrections"}}, default=str)
    return hashlib.sha256((text + "\0" + extra).encode("utf-8")).hexdigest()[:20]


def line_of(text: str, kwargs: dict, analysis) -> str:
    out = analysis.to_dict()
    return json.dumps({"key": key_of(text, kwargs), "out": out}, ensure_ascii=False, sort_keys=True)


def texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from tests import byo_samples

    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))]
    out += [v for k, v in sorted(vars(byo_samples).items()) if k.isupper() and isinstance(v, str) and len(v) > 40]
    for name in ("quotes_cases.json", "textacy_direct_quotations.json"):
        out += [c["text"] for c in json.loads((ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8"))["cases"]]
    dev = SHARED / "dev-sets"
    for p in sorted((dev / "recognizers-text").glob("*.json")):
        out += [c["Input"] for c in json.loads(p.read_text(encoding="utf-8"))]
    out += [c["req"] for c in json.loads((dev / "quantulum3" / "quantities.json").read_text(encoding="utf-8"))]
    seen: set[str] = set()
    return [t for t in out if t.strip() and not (t in seen or seen.add(t))]


def record(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    from newslens.pipeline import analyze, load_model

    nlp = load_model()
    all_texts = texts()
    with open(path, "w", encoding="utf-8") as fh:
        for text in all_texts:
            fh.write(line_of(text, {}, analyze(text, nlp=nlp)) + "\n")
    print(f"recorded {len(all_texts)} analyses into {path}")


def _load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {d["key"]: d["out"] for d in map(json.loads, fh)}


def _first_diff(a, b, where="") -> str:
    if type(a) is not type(b):
        return f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k, "<missing>") != b.get(k, "<missing>"):
                return _first_diff(a.get(k, "<missing>"), b.get(k, "<missing>"), f"{where}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_diff(x, y, f"{where}[{i}]")
    return f"{where}: {str(a)[:200]!r} != {str(b)[:200]!r}"


def compare(old: str, new: str) -> int:
    a, b = _load(old), _load(new)
    common = sorted(set(a) & set(b))
    diffs = [k for k in common if a[k] != b[k]]
    print(f"{len(common)} analyses in both; {len(diffs)} differ; {len(set(a) - set(b))} only in old; "
          f"{len(set(b) - set(a))} only in new")
    for k in diffs[:20]:
        text = a[k].get("article", {}).get("text", "")[:80]
        print(f"- {k} {text!r}\n    {_first_diff(a[k], b[k])}")
    return 1 if diffs else 0


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["help"]
    if cmd == "record" and len(args) == 1:
        record(args[0])
    elif cmd == "compare" and len(args) == 2:
        sys.exit(compare(*args))
    else:
        print(__doc__)
        sys.exit(2)
