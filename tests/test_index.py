"""The dashboard's corpus index: same frames as a full load, kept current incrementally, safe to share."""
from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pytest

from newslens import index as index_module
from newslens import preprocess as preprocess_module
from newslens.index import build_index, corpus_digest, corpus_stats, frames, index_dir, load_index, read_index, write_index
from newslens.preprocess import preprocess
from newslens.storage import atomic_write_text, load_corpus, processed_dir

from .conftest import SEED_NAME


@pytest.fixture()
def corpus(corpus_dir, tmp_path):
    """A writable copy of the three-article processed corpus."""
    dst = tmp_path / "data"
    shutil.copytree(corpus_dir, dst)
    shutil.rmtree(index_dir(dst), ignore_errors=True)
    return dst


def assert_same(index, root) -> None:
    """The index holds exactly what loading every JSON file and building the frames gives."""
    full = load_corpus(root)
    expected = frames(full)
    for key, df in expected.items():
        pd.testing.assert_frame_equal(index.frames[key], df.reset_index(drop=True).infer_objects(), obj=key)
    assert index.slugs == list(full.analyses)
    assert [(p.slug, p.status) for p in index.problems] == [(p.slug, p.status) for p in full.problems]


def test_index_equals_a_full_load_and_round_trips_through_parquet(corpus):
    index = load_index(corpus)
    assert_same(index, corpus)
    assert (index_dir(corpus) / "manifest.json").exists()
    back = read_index(corpus)
    assert back is not None and back.stats == corpus_stats(corpus)
    for key, df in index.frames.items():
        pd.testing.assert_frame_equal(back.frames[key], df, obj=key)
    assert len(index.frames["mentions"]) > 50 and set(index.frames["articles"]["article"]) == set(index.slugs)


def test_unchanged_files_are_not_read_again(corpus, monkeypatch):
    load_index(corpus)
    monkeypatch.setattr(index_module, "check_processed", lambda *a, **k: pytest.fail("re-read an unchanged article"))
    index = load_index(corpus)
    assert SEED_NAME in index.slugs


def _edit(root, what: str) -> None:
    arts, procs = root / "articles", processed_dir(root)
    if what == "add":
        shutil.copy(arts / f"{SEED_NAME}.txt", arts / "copy.txt")
        doc = json.loads((procs / f"{SEED_NAME}.json").read_text(encoding="utf-8"))
        doc["article"]["slug"] = "copy"
        (procs / "copy.json").write_text(json.dumps(doc), encoding="utf-8")
    elif what == "remove":
        os.remove(arts / "harbor-lithium.txt")
    elif what == "break":
        (procs / "port-authority.json").write_text("{not json", encoding="utf-8")
    elif what == "stale":
        with open(arts / "harbor-lithium.txt", "a", encoding="utf-8") as fh:
            fh.write("One more line.\n")
    elif what == "unprocessed":
        (arts / "new.txt").write_text("A new article\nNobody processed it.\n", encoding="utf-8")
    elif what == "restore":
        shutil.copy(procs / f"{SEED_NAME}.json", procs / "port-authority.json")


@pytest.mark.parametrize("steps", [["add"], ["remove"], ["break"], ["stale"], ["unprocessed"],
                                   ["add", "break", "stale", "remove", "unprocessed", "restore"]])
def test_incremental_update_equals_a_full_build(corpus, steps):
    load_index(corpus)
    for step in steps:
        _edit(corpus, step)
        assert read_index(corpus).stats != corpus_stats(corpus)
        index = load_index(corpus)
        assert_same(index, corpus)
        fresh = build_index(corpus)
        for key in fresh.frames:
            pd.testing.assert_frame_equal(index.frames[key], fresh.frames[key], obj=f"{step}:{key}")


def test_index_of_other_code_is_ignored(corpus, monkeypatch):
    load_index(corpus)
    monkeypatch.setattr(index_module, "_code_key", lambda: "something else")
    assert read_index(corpus) is None
    assert_same(load_index(corpus), corpus)


def test_unwritable_data_folder_still_loads(corpus, monkeypatch):
    monkeypatch.setattr(index_module, "index_dir", lambda root: corpus / "articles" / f"{SEED_NAME}.txt" / "nope")
    assert write_index(corpus, build_index(corpus)) is False
    assert_same(load_index(corpus), corpus)


def test_digest_changes_with_any_file(corpus):
    before = corpus_digest(corpus)
    assert corpus_digest(corpus) == before
    (processed_dir(corpus) / f"{SEED_NAME}.json").write_text(
        (processed_dir(corpus) / f"{SEED_NAME}.json").read_text(encoding="utf-8"), encoding="utf-8")
    after_rewrite = corpus_digest(corpus)
    atomic_write_text(processed_dir(corpus) / f"{SEED_NAME}.json",
                            (processed_dir(corpus) / f"{SEED_NAME}.json").read_text(encoding="utf-8"))
    assert corpus_digest(corpus) != after_rewrite  # same size, maybe same mtime tick: a new inode all the same
    (index_dir(corpus)).mkdir(parents=True, exist_ok=True)
    (index_dir(corpus) / "junk").write_text("x")
    digest = corpus_digest(corpus)
    assert corpus_digest(corpus) == digest  # the cache folder is not part of the corpus


def test_preprocess_leaves_a_current_index(data_copy, nlp):
    (data_copy / "articles" / "acme.txt").write_text(
        "Acme profit rises\n3 March 2025\nAcme Corp said profit rose 5% to $2 billion, chief executive Jane Doe said.\n",
        encoding="utf-8")
    preprocess(data_copy)
    saved = read_index(data_copy)
    assert saved is not None and saved.stats == corpus_stats(data_copy)
    assert "acme" in saved.slugs and "Acme" in " ".join(saved.frames["entities"]["name"])
    assert_same(saved, data_copy)  # built from the rows preprocess made, not read back: the same frames


def test_preprocess_rows_are_not_trusted_when_the_text_changed_meanwhile(data_copy, nlp, monkeypatch):
    path = data_copy / "articles" / "acme.txt"
    path.write_text("Acme profit rises\n3 March 2025\nAcme Corp said profit rose 5%.\n", encoding="utf-8")
    real = atomic_write_text

    def edit_after_processing(target, text):
        real(target, text)
        if target.name == "acme.json":  # the article changes right after its document was written
            path.write_text("Acme profit falls\n4 March 2025\nAcme Corp said profit fell.\n", encoding="utf-8")

    monkeypatch.setattr(preprocess_module, "atomic_write_text", edit_after_processing)
    preprocess(data_copy, slugs=["acme"])
    saved = read_index(data_copy)
    assert "acme" not in saved.slugs and [p.status for p in saved.problems if p.slug == "acme"] == ["stale"]
    assert_same(saved, data_copy)


# ------------------------------------------------------------------------------------------ the app side


def test_app_data_reads_documents_on_demand_and_shares_frames_safely(corpus, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(corpus))
    from ui import data as ui_data

    ui_data._db.clear()
    app = ui_data.load_data()
    assert not index_dir(corpus).exists()  # browsing never writes into the data folder
    assert app.slugs == load_index(corpus, persist=False).slugs
    assert len(app.corpus.analyses) == len(app.slugs) and "nope" not in app.corpus.analyses
    doc = app.corpus.analyses[SEED_NAME]
    assert doc["article"]["slug"] in (SEED_NAME, None) and app.text(SEED_NAME) == doc["article"]["text"]
    doc["entities"].clear()  # a page mutating its copy of a document
    assert app.corpus.analyses[SEED_NAME]["entities"]
    assert app.article(SEED_NAME)["title"].startswith("China semiconductor expert")
    with pytest.raises(KeyError):
        app.corpus.analyses["nope"]
    # a page modifying its frame must not change what the next rerun (or another session) sees
    ents = app.frames_for(app.slugs)["entities"]
    n = len(ents)
    assert n == len(load_index(corpus, persist=False).frames["entities"])
    ents["name"] = "changed"
    ents.drop(ents.index, inplace=True)
    again = ui_data.load_data()
    assert len(again.frames_for(app.slugs)["entities"]) == n
    assert "changed" not in set(again.frames_for(app.slugs)["entities"]["name"])
    assert set(app.frames_for([SEED_NAME])["quotes"]["article"]) == {SEED_NAME}  # only the chosen articles' rows
    # the same views are served until a file changes
    assert ui_data._db(str(corpus)) is ui_data._db(str(corpus)) and not ui_data._db(str(corpus)).sync()
    _edit(corpus, "remove")
    assert "harbor-lithium" not in ui_data.load_data().slugs
    ui_data._db.clear()


def test_corpus_db_views_equal_the_index_and_follow_changes(corpus):
    """DuckDB over the Parquet index (+ the changed articles from their JSON) gives the index's rows."""
    from newslens.corpus_db import CorpusDB

    load_index(corpus)
    manifest = (index_dir(corpus) / "manifest.json").read_text(encoding="utf-8")
    db = CorpusDB(corpus)
    for step in ["none", "add", "stale", "break", "remove"]:
        if step != "none":
            _edit(corpus, step)
            assert db.sync(force=True)
        expected = load_index(corpus, persist=False)
        assert db.slugs == expected.slugs
        assert [(p.slug, p.status) for p in db.problems] == sorted((p.slug, p.status) for p in expected.problems)
        for key, df in expected.frames.items():
            got = db.frame(key, db.slugs)
            cols = [c for c in df.columns if c not in ("corpus_key", "corpus_name")]
            pd.testing.assert_frame_equal(got[cols].astype(str).reset_index(drop=True),
                                          df[cols].astype(str).reset_index(drop=True), obj=f"{step}:{key}")
        assert (index_dir(corpus) / "manifest.json").read_text(encoding="utf-8") == manifest  # never written
