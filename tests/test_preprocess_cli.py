"""`python -m newslens preprocess`: progress with ETA, Ctrl-C leaves only whole files, a rerun continues."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newslens import __main__ as cli
from newslens.progress import Progress
from newslens.storage import list_slugs, processed_dir

from .conftest import ROOT, SEED_NAME

PARAGRAPHS = [
    "{a} said on {d} that the company's revenue rose {n}% to ${m} billion in the quarter.",
    "\"We are very pleased with the results,\" {a} told analysts on a conference call.",
    "Shares of {c} fell {n}% in early trading in New York after the announcement.",
    "According to {b}, a professor at {u}, the outlook for {c} remains uncertain.",
    "The {c} chief executive said the firm would hire about {k},000 workers over {n} years.",
]
NAMES = ["Maria Garcia", "James Okafor", "Kenji Tanaka", "Olga Novak", "Pedro Silva", "Aisha Haddad"]
FIRMS = ["Siemens", "Samsung", "Micron", "Boeing", "Nestle", "Xiaomi"]
UNIS = ["Stanford University", "Peking University", "ETH Zurich"]


def make_articles(root, n: int) -> list[str]:
    """`n` small deterministic articles in data/articles (no randomness, varied names and numbers)."""
    folder = root / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    slugs = []
    for i in range(n):
        fill = dict(a=NAMES[i % 6], b=NAMES[(i + 2) % 6], c=FIRMS[i % 6], u=UNIS[i % 3], n=i % 17 + 2,
                    m=i % 9 + 1, k=i % 5 + 1, d=["Monday", "Tuesday", "Friday"][i % 3])
        body = [PARAGRAPHS[(i + j) % len(PARAGRAPHS)].format(**fill) for j in range(6)]
        slug = f"art_{i:03d}"
        (folder / f"{slug}.txt").write_text(f"{fill['c']} reports results\n{i % 28 + 1} March 2025\n"
                                            + "\n".join(body) + "\n", encoding="utf-8")
        slugs.append(slug)
    return slugs


def no_temp_files(root) -> bool:
    return not [p for p in (root / "processed").iterdir() if p.name.endswith(".tmp")] if (root / "processed").exists() else True


def test_progress_plain_lines_with_eta_when_not_a_tty():
    t = [0.0]
    buf = io.StringIO()
    p = Progress(buf, tty=False, every=5, clock=lambda: t[0])
    for i in range(1, 11):
        t[0] += 2.0
        p(i, 10, f"s{i}")
    lines = buf.getvalue().splitlines()
    assert "\r" not in buf.getvalue()
    assert lines[0].startswith("[##") and "1/10" in lines[0]
    assert lines[-1].split()[1:3] == ["10/10", "100%"] and "ETA 0:00" in lines[-1]
    assert any("ETA 0:12" in line for line in lines)  # 6 to go at 0.5 articles/s
    assert 3 <= len(lines) <= 5  # throttled to one line per 5 s, plus the first and the last


def test_progress_redraws_in_place_on_a_tty():
    buf = io.StringIO()
    p = Progress(buf, tty=True)
    p(1, 3, "a")
    p(2, 3, "b")
    assert buf.getvalue().count("\r") == 2 and "\n" not in buf.getvalue()
    assert p.interrupted().startswith("\ninterrupted: 2 of 3")


def test_keyboard_interrupt_exits_130_and_rerun_continues(tmp_path, monkeypatch, capsys):
    root = tmp_path / "data"
    slugs = make_articles(root, 6)
    original = Progress.__call__

    def interrupt_after_first(self, done, total, slug):
        original(self, done, total, slug)
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "__call__", interrupt_after_first)
    assert cli.main(["preprocess", "--data-dir", str(root), "--batch-size", "4"]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("interrupted: 1 of 6 articles processed and saved")
    assert not any("Traceback" in line for line in err)
    written = sorted(p.stem for p in processed_dir(root).glob("*.json"))
    assert len(written) == 1 and no_temp_files(root)
    json.loads((processed_dir(root) / f"{written[0]}.json").read_text(encoding="utf-8"))

    monkeypatch.setattr(Progress, "__call__", original)
    assert cli.main(["preprocess", "--data-dir", str(root)]) == 0
    out = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert out[written[0]] == "unchanged"
    assert sum(v.startswith("processed") for v in out.values()) == 5
    assert sorted(p.stem for p in processed_dir(root).glob("*.json")) == slugs and no_temp_files(root)


@pytest.mark.slow
@pytest.mark.parametrize("extra", [[], ["--n-process", "2"]], ids=["local", "process-pool"])
def test_sigint_mid_run_leaves_whole_files(tmp_path, extra):
    """A real Ctrl-C (SIGINT) to the CLI while it writes: exit 130, one line, only complete JSON files."""
    root = tmp_path / "data"
    slugs = make_articles(root, 300)  # enough that the run cannot end between poll() and the signal
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "newslens", "preprocess", "--data-dir", str(root),
                             "--batch-size", "8", *extra], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if processed_dir(root).exists() and any(processed_dir(root).glob("*.json")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("interrupted:")
    done = sorted(p.stem for p in processed_dir(root).glob("*.json"))
    assert 1 <= len(done) < 300 and no_temp_files(root)
    for slug in done:  # every file on disk is whole
        json.loads((processed_dir(root) / f"{slug}.json").read_text(encoding="utf-8"))
    rerun = subprocess.run([sys.executable, "-m", "newslens", "preprocess", "--data-dir", str(root), "--quiet"],
                           cwd=ROOT, env=env, text=True, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    report = dict(line.split(": ", 1) for line in rerun.stdout.splitlines())
    assert sum(v == "unchanged" for v in report.values()) == len(done)
    assert sorted(p.stem for p in processed_dir(root).glob("*.json")) == slugs


@pytest.mark.slow
def test_cli_progress_goes_to_stderr_and_report_to_stdout(data_copy):
    (data_copy / "articles" / "acme.txt").write_text(
        "Acme profit rises\n3 March 2025\nAcme Corp said profit rose 5% to $2 billion, chief executive Jane Doe said.\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslens", "preprocess", "--data-dir", str(data_copy)],
                          cwd=ROOT, text=True, capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "1/1 100%" in proc.stderr and "ETA" in proc.stderr
    assert proc.stdout.splitlines() == [f"{SEED_NAME}: unchanged", "acme: processed (not processed yet)"]
    assert list_slugs(data_copy) == ["acme", SEED_NAME] or list_slugs(data_copy) == sorted(["acme", SEED_NAME])


def test_dask_engine_without_dask_is_a_one_line_error(data_copy, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    assert cli.main(["preprocess", "--data-dir", str(data_copy), "--force", "--engine", "dask"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'dask[distributed]'" in err[0]
