"""Several articles: the corpus page, multi-article filters, URL state and downloads."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from ui.corpus_charts import entity_article_matrix, entity_heatmap, facts_timeline, speakers_across
from ui.downloads import export_name
from newslens.index import frames
from newslens.storage import load_corpus

from .apptest_utils import make_app, new_app
from .conftest import SEED_NAME


@pytest.fixture()
def corpus_env(corpus_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(corpus_dir))
    return corpus_dir


def test_fixture_corpus_loads_three_articles(corpus_dir):
    corpus = load_corpus(corpus_dir)
    assert sorted(corpus.analyses) == sorted([SEED_NAME, "harbor-lithium", "port-authority"])
    assert not corpus.problems


def test_corpus_page_compares_articles(corpus_env):
    at = new_app()
    at.multiselect(key="article").set_value([SEED_NAME, "harbor-lithium", "port-authority"]).run()
    at.switch_page("pages/corpus.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 3
    # entities of two articles show in the entities table
    at.switch_page("pages/entities.py").run()
    assert set(at.dataframe[0].value["article"]) == {SEED_NAME, "harbor-lithium", "port-authority"}


def test_url_reproduces_the_view(corpus_env):
    """Opening a URL with filters in it gives the filtered view (AppTest query params = the URL)."""
    at = make_app()
    at.query_params["article"] = ["harbor-lithium", "port-authority"]
    at.query_params["type"] = ["PERSON"]
    at.run()
    assert at.multiselect(key="article").value == ["harbor-lithium", "port-authority"]
    at.switch_page("pages/entities.py").run()
    table = at.dataframe[0].value
    assert set(table["label"]) == {"PERSON"}
    assert set(table["article"]) <= {"harbor-lithium", "port-authority"}
    assert "Mara Okafor" in set(table["name"])


def test_corpus_matrix_counts_mentions(corpus_dir):
    f = frames(load_corpus(corpus_dir))
    titles = dict(zip(f["articles"]["article"], f["articles"]["title"]))
    m = entity_article_matrix(f["entities"], titles, top=50)
    okafor = [i for i in m.index if i.startswith("Mara Okafor")]
    assert okafor, m.index.tolist()
    # Okafor is in both fixture articles
    assert (m.loc[okafor[0]] > 0).sum() >= 2
    for fig in (entity_heatmap(f["entities"], titles), speakers_across(f["quotes"], titles),
                facts_timeline(f["numbers"], f["articles"])):
        assert fig.data, fig.layout.title.text


def test_downloads_parse_back_into_the_same_rows(corpus_dir):
    f = frames(load_corpus(corpus_dir))
    for key in ("entities", "quotes", "numbers"):
        df = f[key]
        back = pd.read_csv(io.StringIO(df.to_csv(index=False)))
        assert len(back) == len(df) and list(back.columns) == list(df.columns)
        assert back["article"].tolist() == df["article"].tolist()
    assert export_name(["abc"], "quotes", "csv") == "newslens-abc-quotes.csv"
    assert export_name(["a", "b"], "quotes", "csv") == "newslens-2-articles-quotes.csv"
    doc = load_corpus(corpus_dir).analyses[SEED_NAME]
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


def test_same_entity_is_joined_across_articles(corpus_dir):
    ents = frames(load_corpus(corpus_dir))["entities"]
    harbor = ents[ents["corpus_key"] == "ORG:harbor lithium"]
    assert set(harbor["article"]) == {"harbor-lithium", "port-authority"}, ents[["article", "name", "corpus_key"]]
    assert harbor["corpus_name"].nunique() == 1


def test_articles_with_the_same_title_start_stay_apart(corpus_dir):
    from ui.corpus_charts import short_titles

    f = frames(load_corpus(corpus_dir))
    same = "Harbor Lithium to build a refinery, and more words after"
    titles = short_titles({s: same for s in f["articles"]["article"]})
    assert len(set(titles.values())) == len(titles)
    m = entity_article_matrix(f["entities"], titles, top=50)
    assert m.columns.is_unique and len(m.columns) == len(titles)
    assert entity_heatmap(f["entities"], titles).data


def test_article_picker_sends_its_choice_as_the_default(corpus_env):
    """The browser gets the session's first choice as the picker's default, not only as a value the script
    wrote: a browser that reports its widgets before it applied that value (seen in bench_load.py with ten
    readers: every page then said "Choose one or more articles") reports the default, never nothing."""
    at = make_app()
    at.query_params["article"] = ["harbor-lithium", "port-authority"]
    at.run()
    picker = at.multiselect(key="article")
    slugs = list(load_corpus(corpus_env).analyses)  # the picker's options, in order
    assert list(picker.proto.default) == [slugs.index("harbor-lithium"), slugs.index("port-authority")]
    assert picker.value == ["harbor-lithium", "port-authority"]
    picker.set_value(["port-authority"]).run()  # the reader's own choice wins over the default
    at.switch_page("pages/entities.py").run()
    assert at.multiselect(key="article").value == ["port-authority"]
    assert set(at.dataframe[0].value["article"]) == {"port-authority"}
