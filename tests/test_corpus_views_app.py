"""AppTest of the Corpus page's corpus-wide views: trends, one entity everywhere, statement search."""
from __future__ import annotations

import re

import pytest

from newslens import corpus_queries as cq
from newslens.corpus_db import CorpusDB

from .apptest_utils import open_page


@pytest.fixture()
def root(corpus_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(corpus_dir))
    return corpus_dir


def _plain(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def test_trends_follow_the_choice_of_items_and_the_sidebar_type(root):
    at = open_page("corpus")
    assert not at.exception, [e.value for e in at.exception]
    assert any("Across the whole corpus" in h.value for h in at.subheader)
    db = CorpusDB(root)
    top = cq.trend(db, "entities", top=8)
    chart = [c for c in at.get("plotly_chart") if "Top entities" in c.proto.spec]
    assert chart and all(name in chart[0].proto.spec for name in top["name"].unique())
    at.multiselect(key="type").set_value(["PERSON"]).run()
    chart = [c for c in at.get("plotly_chart") if "Top entities" in c.proto.spec][0]
    persons = cq.trend(db, "entities", top=8, scope=cq.Scope(labels=["PERSON"]))
    assert all(name in chart.proto.spec for name in persons["name"].unique())
    others = set(top["name"]) - set(persons["name"])
    assert others and not any(f'"{name}"' in chart.proto.spec for name in others)


def test_an_entity_across_the_corpus_shows_its_totals_and_mentions(root):
    at = open_page("corpus")
    db = CorpusDB(root)
    best = cq.entity_matches(db, "", limit=1).iloc[0]
    at.selectbox(key="cv_entity").set_value(best["corpus_key"]).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Mentions"] == f"{int(best['mentions']):,}" and metrics["Articles"] == f"{int(best['articles']):,}"
    tables = [d.value for d in at.dataframe if "context" in d.value.columns and "text" in d.value.columns]
    assert tables and len(tables[0]) == min(int(best["mentions"]), 25)


def test_statement_search_counts_and_lists_matches(root):
    at = open_page("corpus")
    db = CorpusDB(root)
    word = "said"
    at.text_input(key="cv_search").set_value(word).run()
    assert not at.exception, [e.value for e in at.exception]
    n = cq.count_statements(db, word)
    assert any(_plain(c.value).startswith(f"{n:,} statements contain") for c in at.caption)
    table = [d.value for d in at.dataframe if "speaker" in d.value.columns and "title" in d.value.columns][0]
    assert len(table) == min(n, 25) and all(word in t.lower() for t in table["text"])
