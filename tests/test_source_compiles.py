"""Every Python file compiles without a warning (Python 3.12 prints SyntaxWarning for an invalid escape such as
'\\w' in a plain string on stderr, which the command-line tests read; 3.11 only raises a silent
DeprecationWarning, so only a check with warnings as errors catches it on both)."""
from __future__ import annotations

import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("newslens", "ui", "pages", "benchmarks", "tests", "tools")


def test_every_source_file_compiles_without_warnings():
    files = [ROOT / "app.py"] + [p for d in FOLDERS for p in sorted((ROOT / d).rglob("*.py"))]
    assert len(files) > 50
    bad = []
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except SyntaxError as exc:
                bad.append(f"{path.relative_to(ROOT)}: {exc.msg}")
    assert not bad, bad
