"""Shared fixtures: the model (loaded once), the seed article and its gold file."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSLENS_SHARED", ROOT.parent / "shared"))
SEED_NAME = "000_dfcec0da395424a0"
SEED_TXT = ROOT / "data" / "articles" / f"{SEED_NAME}.txt"
# the gold file is committed under tests/fixtures so a clean clone has it; ../shared is the origin
GOLD = ROOT / "tests" / "fixtures" / f"{SEED_NAME}.gold.json"
PEER_CASES = ROOT / "tests" / "fixtures" / "textacy_direct_quotations.json"


@pytest.fixture(scope="session")
def nlp():
    from newslens.pipeline import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_text() -> str:
    with open(SEED_TXT, encoding="utf-8", newline=None) as fh:
        return fh.read()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(nlp, seed_text):
    from newslens.pipeline import analyze

    return analyze(seed_text, nlp=nlp)


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A throwaway copy of data/ to write into."""
    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst)
    return dst


FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
CLAIMS_ARTICLES = ROOT / "tests" / "fixtures" / "claims"


def processed_copy(tmp_path_factory, name: str, articles: Path) -> Path:
    """A throwaway data folder: the shipped data plus the article files of `articles`, all processed."""
    from newslens.preprocess import preprocess

    dst = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(ROOT / "data", dst)
    for p in articles.iterdir():
        shutil.copy(p, dst / "articles" / p.name)
    preprocess(dst)
    return dst


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory, nlp) -> Path:
    """A data folder with the shipped article plus two fixture articles, all processed."""
    return processed_copy(tmp_path_factory, "corpus", FIXTURE_ARTICLES)


@pytest.fixture(scope="session")
def claims_dir(tmp_path_factory, nlp) -> Path:
    """The shipped article plus four articles that disagree about one figure (Northwind's 2026 spend)."""
    return processed_copy(tmp_path_factory, "claims", CLAIMS_ARTICLES)


def pytest_configure(config):
    """With NEWSLENS_SNAPSHOT=PATH, append every analysis the tests build to PATH (tests/snapshot.py)."""
    path = os.environ.get("NEWSLENS_SNAPSHOT")
    if not path:
        return
    from newslens import pipeline
    from tests.snapshot import line_of

    original = pipeline.build_analysis

    def recording(parsed, nlp, **kwargs):
        analysis = original(parsed, nlp, **kwargs)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line_of(parsed.text, kwargs, analysis) + "\n")
        return analysis

    pipeline.build_analysis = recording
