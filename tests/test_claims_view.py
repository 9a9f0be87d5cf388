"""Claims in the dashboard: stated-by filter and colours, numbers per statement, claims across articles."""
from __future__ import annotations

import pandas as pd
import pytest

from newslens.store import frames, load_corpus
from ui.charts import money_usd_by_subject, numbers_timeline
from ui.claims import (ARTICLE_VOICE, UNATTRIBUTED, context_link, facts_by_source, filter_sources, source_choices,
                       source_colors, statement_numbers, with_sources)
from ui.claims_across import claims_summary, claims_table, near_duplicate_groups
from ui.claims_charts import claim_over_time
from ui.claims_view import for_claims_download, for_download
from ui.numbers_view import number_table

from .apptest_utils import make_app, new_app
from .conftest import CLAIMS_ARTICLES, ROOT, SEED_NAME

NORTHWIND = sorted(p.stem for p in CLAIMS_ARTICLES.glob("*.txt"))


@pytest.fixture(scope="module")
def seed_frames():
    return frames(load_corpus(ROOT / "data"))


@pytest.fixture(scope="module")
def northwind(claims_dir):
    f = frames(load_corpus(claims_dir))
    return {k: df[df["article"].isin(NORTHWIND)] if "article" in df else df for k, df in f.items()}


# --- the shipped article ---------------------------------------------------------------------------------

def test_sources_of_the_shipped_article(seed_frames):
    nums = with_sources(seed_frames["numbers"])
    labels = dict(zip(nums["text"], nums["stated_by_label"]))
    assert labels["about 100 billion yuan"] == labels["US$14.3 billion"] == labels["about 85 billion yuan"] == "the Post"
    assert labels["two people"] == "Reuters" and labels["8 Jan 2026"] == ARTICLE_VOICE
    assert source_choices(nums)[0] == ARTICLE_VOICE
    assert set(filter_sources(nums, [ARTICLE_VOICE])["text"]) == {"8 Jan 2026", "last month", "on Tuesday"}
    assert len(filter_sources(nums, [])) == len(nums)


def test_an_unattributed_statement_is_not_the_article_voice():
    df = with_sources(pd.DataFrame({"statement_id": ["q1", None], "stated_by": [None, None],
                                    "stated_in": ["statement", None]}))
    assert df["stated_by_label"].tolist() == [UNATTRIBUTED, ARTICLE_VOICE]
    assert df["stated_in_label"].tolist() == ["in the statement", ""]


def test_table_and_download_carry_the_source_with_human_headers(seed_frames):
    table = number_table(with_sources(seed_frames["numbers"]))
    out = for_download(table)
    assert {"Stated by", "Where", "Statement id", "Source entity id"} <= set(out.columns)
    row = out[out["text"] == "two people"].iloc[0]
    assert (row["Stated by"], row["Where"], row["Statement id"]) == ("Reuters", "naming the source", "q11")


def test_each_statement_lists_its_numbers(seed_frames):
    quotes = seed_frames["quotes"]
    carried = dict(zip(quotes["id"], statement_numbers(quotes, seed_frames["numbers"])))
    assert carried["q7"] == "about 100 billion yuan; US$14.3 billion; in 2026; about 85 billion yuan; in 2025"
    assert carried["q11"] == "two people" and carried["q1"] == ""


def test_grouped_by_source(seed_frames):
    table = facts_by_source(with_sources(seed_frames["numbers"]))
    post = table[table["stated_by"] == "the Post"].iloc[0]
    assert post["facts"] == 5 and "MONEY 3" in post["kinds"]


def test_charts_coloured_by_source(seed_frames):
    nums = with_sources(seed_frames["numbers"])
    colors = source_colors(source_choices(nums))
    fig = money_usd_by_subject(nums, source_colors=colors)
    assert {t.name for t in fig.data} == {"the Post"}
    assert fig.data[0].marker.color == colors["the Post"]
    assert {t.name for t in money_usd_by_subject(nums).data} == {"CNY"}  # default: by currency
    names = {t.name.split(",")[0] for t in numbers_timeline(nums, source_colors=colors).data if t.name}
    assert {"the Post", ARTICLE_VOICE} <= names


def test_context_link_opens_the_fact_on_the_numbers_page():
    assert context_link("a-b", "$4.1 billion") == "numbers?article=a-b&q=%244.1+billion"


# --- near duplicates and disagreements -------------------------------------------------------------------

def test_near_duplicates_chain_within_the_tolerance():
    part = pd.DataFrame({"value": [3.2e9, 3.15e9, 4.1e9, 4.0e9], "low": [None] * 4, "high": [None] * 4})
    assert near_duplicate_groups(part, tolerance=0.05).tolist() == ["A", "A", "B", "B"]
    assert near_duplicate_groups(part, tolerance=0.0).tolist() == ["B", "A", "D", "C"]
    assert near_duplicate_groups(part, tolerance=0.2).nunique() == 1


def test_a_range_agrees_with_a_figure_inside_it():
    part = pd.DataFrame({"value": [5.5, 6.8], "low": [5.0, None], "high": [6.0, None]})
    assert near_duplicate_groups(part, tolerance=0.0).nunique() == 2
    assert near_duplicate_groups(part, tolerance=0.1).nunique() == 1


def test_northwind_articles_disagree_about_2026(northwind):
    table = claims_table(northwind["numbers"], northwind["articles"], northwind["entities"])
    spend = table[(table["claim"] == "Northwind Energy · spend") & (table["period"] == "2026")]
    by_source = dict(zip(spend["stated_by_label"], spend["group"]))
    assert by_source["Bloomberg"] != by_source["Erik Dahl"] == by_source["Northwind Energy"]
    assert not spend["agrees"].any()
    assert spend["article"].value_counts().to_dict() == dict.fromkeys(NORTHWIND, 1)  # "($3.15bn)" counted once
    headline = spend[spend["article"] == "northwind-wire"].iloc[0]  # the wire's headline restates Marsh
    assert (headline["text"], headline["stated_by_label"], headline["group"]) == ("$3.2 billion", ARTICLE_VOICE, "A")
    summary = claims_summary(table)
    top = summary.iloc[0]
    assert (top["claim"], bool(top["disagree"])) == ("Northwind Energy · spend", True)
    assert "4.1 billion USD (2026)" in top["figures"]


def test_one_voice_never_disagrees_with_itself():
    nums = pd.DataFrame({
        "article": ["a", "a"], "id": ["n1", "n2"], "text": ["$3bn", "$5bn"], "label": ["MONEY"] * 2,
        "value": [3e9, 5e9], "usd_value": [3e9, 5e9], "unit": ["USD"] * 2, "low": [None] * 2, "high": [None] * 2,
        "subject": ["Acme"] * 2, "subject_entity_id": [None] * 2, "measure": ["cost"] * 2, "period": [None] * 2,
        "start": [0, 10], "end": [4, 14], "context": ["", ""], "statement_id": [None] * 2,
        "stated_by": [None] * 2, "stated_in": [None] * 2, "equivalent_of": [None] * 2,
    })
    arts = pd.DataFrame({"article": ["a"], "title": ["A"], "published": ["2025-01-02"]})
    table = claims_table(nums, arts)
    assert table["period"].unique().tolist() == ["published 2025-01"] and table["agrees"].all()
    both = pd.concat([nums, nums.assign(article="b", id=["m1", "m2"], stated_by="Bloomberg", statement_id="q1")])
    arts2 = pd.concat([arts, arts.assign(article="b", title="B")])
    assert not claims_table(both, arts2)["agrees"].all()


def test_claim_chart_and_download(northwind):
    table = claims_table(northwind["numbers"], northwind["articles"], northwind["entities"])
    rows = table[table["claim"] == "Northwind Energy · spend"]
    fig = claim_over_time(rows, claim="Northwind Energy · spend")
    assert {"Bloomberg", "Erik Dahl"} <= {t.name.split(",")[0] for t in fig.data}
    assert "the figures differ" in fig.layout.title.text
    shapes = {t.name.split(", ")[1]: t.marker.symbol for t in fig.data}
    assert shapes["group A · 2026"] != shapes["group B · 2026"]
    out = for_claims_download(table)
    assert {"Claim", "Stated by", "Figure", "Agrees", "Article title", "Link"} <= set(out.columns)


# --- the pages (AppTest) -----------------------------------------------------------------------------------

@pytest.fixture()
def claims_env(claims_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(claims_dir))
    return claims_dir


def _frame_with(at, column: str) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def test_corpus_page_flags_the_disagreement(claims_env):
    at = new_app()
    at.multiselect(key="article").set_value(NORTHWIND).run()
    at.switch_page("pages/corpus.py").run()
    assert not at.exception
    summary = _frame_with(at, "disagree")
    row = summary[summary["claim"] == "Northwind Energy · spend"].iloc[0]
    assert bool(row["disagree"]) and row["articles"] >= 3
    assert at.selectbox(key="claim").value == "Northwind Energy · spend"
    rows = _frame_with(at, "agrees")
    assert {"Bloomberg", "Erik Dahl"} <= set(rows["stated_by_label"])
    assert rows["link"].str.startswith("numbers?article=").all()
    at.number_input(key="ctol").set_value(40.0).run()  # a wide tolerance: every 2026 figure agrees
    summary = _frame_with(at, "disagree")
    assert not summary[summary["claim"] == "Northwind Energy · spend"]["disagree"].iloc[0]


def test_numbers_page_filters_by_source(claims_env):
    at = make_app()
    at.query_params["article"] = [SEED_NAME]
    at.query_params["nsrc"] = [ARTICLE_VOICE]
    at.run()
    at.switch_page("pages/numbers.py").run()
    assert not at.exception
    table = _frame_with(at, "stated_by_label")
    assert set(table["stated_by_label"]) == {ARTICLE_VOICE}
    assert set(table["text"]) == {"8 Jan 2026", "last month", "on Tuesday"}
    at.multiselect(key="nsrc").set_value(["the Post"]).run()
    assert set(_frame_with(at, "stated_by_label")["text"]) >= {"about 100 billion yuan", "about 85 billion yuan"}


def test_quotes_page_shows_each_statements_numbers(claims_env):
    at = make_app()
    at.query_params["article"] = [SEED_NAME]
    at.run()
    at.switch_page("pages/quotes.py").run()
    assert not at.exception
    table = _frame_with(at, "numbers")
    post = table[table["speaker"] == "the Post"].iloc[0]
    assert "about 100 billion yuan" in post["numbers"] and "two people" in " ".join(table["numbers"])
