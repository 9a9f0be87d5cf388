"""`python -m newslens analyze FILE` and `preprocess` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SEED_TXT

pytestmark = pytest.mark.slow  # every test starts `python -m newslens` in a subprocess


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "newslens", *args], capture_output=True, text=True, cwd=ROOT, timeout=300, **kw)


def test_analyze_prints_contract_json():
    proc = run("analyze", str(SEED_TXT))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    text = doc["article"]["text"]
    assert text == SEED_TXT.read_text(encoding="utf-8")
    spans = [(q["start"], q["end"], q["text"]) for q in doc["quotes"]]
    spans += [(n["start"], n["end"], n["text"]) for n in doc["numbers"]]
    spans += [(m["start"], m["end"], m["text"]) for e in doc["entities"] for m in e["mentions"]]
    assert spans
    assert all(text[s:e] == t for s, e, t in spans)


def test_missing_model_names_the_install_command():
    proc = run("--model", "en_core_web_nonexistent", "analyze", str(SEED_TXT))
    assert proc.returncode == 2
    assert "pip install" in proc.stderr and "Traceback" not in proc.stderr


def test_unreadable_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x01binary")
    proc = run("analyze", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_preprocess_reports_unchanged(data_copy):
    proc = run("preprocess", "--data-dir", str(data_copy))
    assert proc.returncode == 0, proc.stderr
    assert "000_dfcec0da395424a0: unchanged" in proc.stdout
