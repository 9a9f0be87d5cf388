"""Corpus-wide queries (DuckDB over the index) against the same answers computed in pandas from the index."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from newslens import corpus_queries as cq
from newslens.corpus_db import CorpusDB
from newslens.index import index_dir, load_index


@pytest.fixture(scope="module")
def both(corpus_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("cq") / "data"
    shutil.copytree(corpus_dir, root)
    shutil.rmtree(index_dir(root), ignore_errors=True)
    index = load_index(root)
    return CorpusDB(root), index.frames


def _dated(frames):
    arts = frames["articles"].assign(day=pd.to_datetime(frames["articles"]["published"], errors="coerce"))
    return arts[arts["day"].notna()]


@pytest.mark.parametrize("period", cq.PERIODS)
def test_entity_trend_is_the_mentions_of_the_top_entities_per_period(both, period):
    db, fr = both
    arts = _dated(fr)
    ents = fr["entities"].merge(arts[["article", "day"]], on="article")
    totals = ents.groupby("corpus_key")["mentions"].sum().sort_values(ascending=False)
    top = totals.head(3)
    got = cq.trend(db, "entities", period=period, top=3)
    assert sorted(got.groupby("name")["total"].first().tolist()) == sorted(top.tolist())
    assert got["weight"].sum() == ents[ents["corpus_key"].isin(top.index)]["mentions"].sum()
    assert got["period"].nunique() == ents[ents["corpus_key"].isin(top.index)]["day"].dt.to_period(
        "W" if period == "week" else "M").nunique()


def test_speaker_and_source_trends_count_statements_and_articles(both):
    db, fr = both
    arts = _dated(fr)
    quotes = fr["quotes"][fr["quotes"]["article"].isin(arts["article"]) & (fr["quotes"]["speaker"] != cq.UNATTRIBUTED)]
    got = cq.trend(db, "speakers", top=100)
    assert got["weight"].sum() == len(quotes)
    assert cq.UNATTRIBUTED not in set(got["name"])
    src = cq.trend(db, "sources", top=100)
    assert src["weight"].sum() == arts["source"].notna().sum()


def test_sidebar_filters_narrow_the_trend(both):
    db, fr = both
    got = cq.trend(db, "entities", top=50, scope=cq.Scope(labels=["PERSON"]))
    persons = set(fr["entities"].loc[fr["entities"]["label"] == "PERSON", "corpus_name"])
    assert set(got["name"]) and set(got["name"]) <= persons
    word = sorted(persons)[0].split()[0].lower()
    named = cq.trend(db, "entities", top=50, scope=cq.Scope(search=word))
    assert set(named["name"]) and all(word in n.lower() for n in named["name"])


def test_an_entity_across_the_corpus(both):
    db, fr = both
    best = cq.entity_matches(db, "", limit=5).iloc[0]
    ents = fr["entities"][fr["entities"]["corpus_key"] == best["corpus_key"]]
    s = cq.entity_summary(db, best["corpus_key"])
    assert s["articles"] == ents["article"].nunique() and s["mentions"] == ents["mentions"].sum()
    pairs = set(zip(ents["article"], ents["id"]))
    q = fr["quotes"]
    said = q[[(a, i) in pairs for a, i in zip(q["article"], q["speaker_entity_id"])]]
    assert s["statements"] == len(said)
    mentions = cq.entity_mentions(db, best["corpus_key"], limit=1000)
    assert len(mentions) == s["mentions"] and set(mentions["article"]) == set(ents["article"])
    page2 = cq.entity_mentions(db, best["corpus_key"], limit=2, offset=2)
    assert page2["context"].tolist() == mentions["context"].tolist()[2:4]
    assert len(cq.entity_statements(db, best["corpus_key"], limit=1000)) == s["statements"]
    n = fr["numbers"]
    about = n[[(a, i) in pairs for a, i in zip(n["article"], n["subject_entity_id"])]]
    numbers = cq.entity_numbers(db, best["corpus_key"], limit=1000)
    assert len(numbers) == s["numbers"] == len(about) and set(numbers["text"]) == set(about["text"])


def test_statement_search_finds_every_statement_with_all_the_words(both):
    db, fr = both
    q = fr["quotes"]
    word = q["text"].str.split().explode().str.strip(",.“”\"").str.lower().value_counts().index[10]
    expected = q[q["text"].str.lower().str.contains(word, regex=False)]
    assert cq.count_statements(db, word) == len(expected) > 0
    got = cq.search_statements(db, word.upper(), limit=1000)
    assert sorted(got["text"]) == sorted(expected["text"])
    two = cq.search_statements(db, f"{word} zzzzunseen", limit=10)
    assert two.empty
    speaker = expected["speaker"].iloc[0]
    only = cq.search_statements(db, word, scope=cq.Scope(speakers=[speaker]), limit=1000)
    assert set(only["speaker"]) == {speaker}


def test_find_articles_by_title_words_newest_first(both):
    db, fr = both
    arts = fr["articles"]
    word = arts["title"].iloc[0].split()[0]
    got = db.find_articles(word.lower())
    assert set(got) == set(arts.loc[arts["title"].str.lower().str.contains(word.lower()), "article"])
    dated = sorted((r for r in zip(arts["published"], arts["article"]) if isinstance(r[0], str)),
                   key=lambda r: (-int(r[0].replace("-", "")[:8].ljust(8, "0")), r[1]))
    undated = sorted(a for p, a in zip(arts["published"], arts["article"]) if not isinstance(p, str))
    assert db.find_articles("") == [a for _, a in dated] + undated
