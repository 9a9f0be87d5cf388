"""The data folder: skipping unchanged articles, atomic writes, stale and unreadable files."""
from __future__ import annotations

import json

from newslens.schema import SCHEMA_VERSION
from newslens.index import frames
from newslens.preprocess import preprocess
from newslens.storage import atomic_write_text, check_processed, decode_text, load_corpus, processed_dir

from .conftest import ROOT, SEED_NAME

ARTICLE = "Test headline about Acme\n3 March 2025\nAcme Corp said revenue rose 5% to $2 billion, chief executive Jane Doe said.\n"


def test_preprocess_skips_unchanged(data_copy, nlp):
    report = dict(preprocess(data_copy))
    assert report[SEED_NAME] == "unchanged"
    (data_copy / "articles" / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    report = dict(preprocess(data_copy))
    assert report["acme"].startswith("processed")
    assert report[SEED_NAME] == "unchanged"
    assert dict(preprocess(data_copy))["acme"] == "unchanged"
    # edit the text: processed again
    (data_copy / "articles" / "acme.txt").write_text(ARTICLE + "More.\n", encoding="utf-8")
    assert dict(preprocess(data_copy))["acme"].startswith("processed (the article text changed")


def test_stale_and_unreadable_are_reported_and_others_still_load(data_copy):
    (data_copy / "articles" / "broken.txt").write_text("Some text\n", encoding="utf-8")
    (processed_dir(data_copy) / "broken.json").write_text("{not json", encoding="utf-8")
    (data_copy / "articles" / "old.txt").write_text("Old text\n", encoding="utf-8")
    seed = json.loads((processed_dir(data_copy) / f"{SEED_NAME}.json").read_text(encoding="utf-8"))
    seed["schema_version"] = SCHEMA_VERSION - 1
    (processed_dir(data_copy) / "old.json").write_text(json.dumps(seed), encoding="utf-8")
    (data_copy / "articles" / "new.txt").write_text("Never processed\n", encoding="utf-8")
    corpus = load_corpus(data_copy)
    assert list(corpus.analyses) == [SEED_NAME]
    problems = {p.slug: p for p in corpus.problems}
    assert problems["broken"].status == "unreadable" and "not valid JSON" in problems["broken"].reason
    assert problems["old"].status == "stale" and "schema version" in problems["old"].reason
    assert problems["new"].status == "missing"


def test_changed_text_makes_file_stale(data_copy):
    path = data_copy / "articles" / f"{SEED_NAME}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.", encoding="utf-8")
    doc, problem = check_processed(data_copy, SEED_NAME)
    assert doc is None and problem.status == "stale" and "text changed" in problem.reason


def test_atomic_write_leaves_no_temp_files(tmp_path):
    target = tmp_path / "x" / "out.json"
    atomic_write_text(target, "one")
    atomic_write_text(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_atomic_write_interrupted_just_after_the_temp_file_exists_leaves_nothing(tmp_path, monkeypatch):
    """A Ctrl-C can land as soon as the temp file has been created (the CLI's SIGINT test once found one left
    behind when it came inside `tempfile.mkstemp`): the old file stays and no temp file remains."""
    import os

    import pytest

    target = tmp_path / "out.json"
    atomic_write_text(target, "old")
    real_open = os.open

    def open_then_interrupt(*a, **k):
        real_open(*a, **k)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"] and target.read_text() == "old"


def test_decode_text_rejects_binary_and_non_utf8():
    import pytest

    from newslens.storage import ArticleError

    assert decode_text(b"\xef\xbb\xbfa\r\nb\rc") == "a\nb\nc"
    with pytest.raises(ArticleError, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(ArticleError, match="not UTF-8"):
        decode_text("café".encode("latin-1"))


def test_frames_have_context_rows(data_copy):
    f = frames(load_corpus(data_copy))
    assert len(f["articles"]) == 1
    for key in ("entities", "mentions", "quotes", "numbers"):
        assert not f[key].empty, key
        assert f[key]["context"].str.contains("⟦").all(), key


def test_dumps_writes_what_the_json_module_writes():
    """The processed files' encoder is a faster twin of json.dumps(indent=1, ensure_ascii=False): same bytes,
    on the shipped article's document and on values a document can hold at the edges."""
    import json

    from newslens.storage import dumps, processed_dir

    shipped = sorted(processed_dir(ROOT / "data").glob("*.json"))
    assert shipped
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in shipped]
    docs.append({"a": 1.5, "b": float("nan"), "c": [True, False, None, -0.0, 1e300, float("-inf"), 10**30],
                 3: "x", True: "y", "é\u2028\"\\\n": {"": [[], {}, [[1]]]}, "t": (1, "二"), "n": {}})
    docs += [[], {}, "s", 5, None, [{"x": [{"y": None}]}]]
    for d in docs:
        assert dumps(d) == json.dumps(d, ensure_ascii=False, indent=1) + "\n"
    for p, d in zip(shipped, docs):
        assert dumps(d) == p.read_text(encoding="utf-8")
