"""AppTest for every page: no exception, tables non-empty, filters change what is shown."""
from __future__ import annotations

import pytest

from .apptest_utils import open_page

pytestmark = pytest.mark.slow

PAGES = ["overview", "entities", "quotes", "numbers", "corpus"]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    if page == "overview":
        assert at.metric and int(at.metric[0].value) > 0
    elif page == "corpus":  # one article: it says what to do and draws nothing half-empty
        assert any("Choose two or more" in i.value for i in at.info) and not at.dataframe
    else:
        assert len(at.dataframe) == 1 and len(at.dataframe[0].value) > 0


def test_entity_type_filter_changes_table_and_holds_across_pages():
    at = open_page("entities")
    before = at.dataframe[0].value
    at.multiselect(key="type").set_value(["PERSON"]).run()
    after = at.dataframe[0].value
    assert 0 < len(after) < len(before)
    assert set(after["label"]) == {"PERSON"}
    at.switch_page("pages/quotes.py").run()
    at.switch_page("pages/entities.py").run()
    assert at.multiselect(key="type").value == ["PERSON"]
    assert set(at.dataframe[0].value["label"]) == {"PERSON"}


# ------------------------------------------------------------------------------------------ Entities page


def test_entities_minimum_mentions_filter():
    at = open_page("entities")
    before = at.dataframe[0].value
    at.slider(key="min_mentions").set_value(3).run()
    after = at.dataframe[0].value
    assert not at.exception
    assert 0 < len(after) < len(before)
    assert (after["mentions"] >= 3).all()
    assert set(before.loc[before["mentions"] >= 3, "name"]) == set(after["name"])


def test_entities_table_is_canonical():
    at = open_page("entities")
    table = at.dataframe[0].value
    by_name = dict(zip(table["name"], table["label"]))
    assert by_name["Nvidia"] == "ORG" and by_name["H200"] == "PRODUCT" and by_name["United States"] == "GPE"
    assert "Wei" not in by_name and "healthcare" not in by_name
    assert table["name"].is_unique


def test_entity_correction_form_writes_file_and_survives_restart(data_copy, monkeypatch):
    """Relabel through the page: corrections.json written, table changed, still changed after a restart."""
    import json

    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(data_copy))
    at = open_page("entities")
    assert dict(zip(at.dataframe[0].value["name"], at.dataframe[0].value["label"]))["Douyin"] == "ORG"
    at.selectbox(key="fix_entity").set_value("Douyin").run()
    at.radio(key="fix_action").set_value("relabel").run()
    at.selectbox(key="fix_label").set_value("PRODUCT").run()
    at.button(key="fix_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rules = json.loads((data_copy / "corrections.json").read_text(encoding="utf-8"))["rules"]
    assert rules == [{"action": "relabel", "name": "Douyin", "label": "PRODUCT"}]
    assert dict(zip(at.dataframe[0].value["name"], at.dataframe[0].value["label"]))["Douyin"] == "PRODUCT"
    restarted = open_page("entities")  # a fresh app session reads the reprocessed files
    assert dict(zip(restarted.dataframe[0].value["name"], restarted.dataframe[0].value["label"]))["Douyin"] == "PRODUCT"
    assert any("Douyin" in m.value for m in restarted.markdown)
    # undo it from the list of saved corrections
    restarted.button(key="fix_remove_0").click().run()
    assert json.loads((data_copy / "corrections.json").read_text(encoding="utf-8"))["rules"] == []
    assert dict(zip(restarted.dataframe[0].value["name"], restarted.dataframe[0].value["label"]))["Douyin"] == "ORG"


def test_entity_chart_builders():
    from newslens.index import frames
    from newslens.storage import load_corpus
    from ui.charts import cooccurrence_heatmap, cooccurrence_matrix, cooccurrence_pairs, entity_type_mix
    from ui.kwic import kwic_html, kwic_rows

    from .conftest import ROOT, SEED_NAME

    corpus = load_corpus(ROOT / "data")
    f = frames(corpus)
    pairs = cooccurrence_pairs(f["mentions"])
    assert (pairs["a"] < pairs["b"]).all() and pairs["sentences"].is_monotonic_decreasing
    m = f["mentions"]
    nv = set(m.loc[m["name"] == "Nvidia", "sentence"])
    h2 = set(m.loc[m["name"] == "H200", "sentence"])
    row = pairs[(pairs["a"] == "H200") & (pairs["b"] == "Nvidia")]
    assert int(row["sentences"].iloc[0]) == len(nv & h2) > 0
    mat = cooccurrence_matrix(pairs, top=6)
    assert mat.shape == (6, 6) and (mat.values == mat.values.T).all()
    fig = cooccurrence_heatmap(pairs, top=6)
    assert fig.data[0].type == "heatmap"
    mix = entity_type_mix(f["entities"])
    counts = f["entities"].groupby("label")["name"].nunique()
    bars = mix.data[0]
    assert {c[0]: int(y) for c, y in zip(bars.customdata, bars.y)} == counts.to_dict()  # click -> label
    assert "GPE" not in bars.x and "Place" in bars.x  # readers see type names, not spaCy codes
    assert cooccurrence_heatmap(cooccurrence_pairs(m.iloc[0:0])).layout.annotations  # empty: a message
    text = corpus.analyses[SEED_NAME]["article"]["text"]
    rows = kwic_rows(m[(m["article"] == SEED_NAME) & (m["name"] == "Wei Shaojun")], text)
    assert list(rows["mention"]) == ["Wei Shaojun", "Wei", "Wei", "Wei Shaojun"]
    assert all("\n" not in x for x in rows["left"].tolist() + rows["right"].tolist())
    assert "&lt;" not in kwic_html(rows) and kwic_html(rows).count("<tr>") == 4
    evil = kwic_rows(m.iloc[:1].assign(start=0, end=5, label="ORG"), "<b>x</b> tail")
    assert "<b>" not in kwic_html(evil) and "&lt;b&gt;" in kwic_html(evil)


def test_search_filters_quotes_and_numbers():
    at = open_page("numbers")
    before = len(at.dataframe[0].value)
    at.text_input(key="q").set_value("yuan").run()
    nums = at.dataframe[0].value
    assert 0 < len(nums) < before
    assert (nums["text"].str.contains("yuan") | nums["context"].str.contains("yuan")).all()
    assert nums["text"].str.contains("yuan").any()
    at.switch_page("pages/quotes.py").run()
    assert at.text_input(key="q").value == "yuan"


def test_speaker_filter_on_quotes():
    at = open_page("quotes")
    speakers = at.multiselect(key="speaker").options
    assert speakers
    first = speakers[0]
    at.multiselect(key="speaker").set_value([first]).run()
    table = at.dataframe[0].value
    assert len(table) > 0 and set(table["speaker"]) == {first}


def _metric(at, label):
    return int(next(m for m in at.metric if m.label == label).value)


def test_quotes_page_shows_the_seed_statements_with_resolved_speakers(gold):
    at = open_page("quotes")
    table = at.dataframe[0].value
    assert len(table) == len(gold["quotes"]) == _metric(at, "Statements")
    assert set(table["speaker"]) == {g["speaker"] for g in gold["quotes"]}
    assert set(table.columns) >= {"speaker", "kind", "cue", "text", "context"}
    # the pronoun is shown as written beside the name it was resolved to
    row = table[table["text"].str.startswith("China’s determination")].iloc[0]
    assert (row["speaker"], row["speaker_mention"], row["kind"]) == ("Wei Shaojun", "he", "direct")
    for kind in ("direct", "partial", "indirect"):
        assert _metric(at, kind.capitalize()) == sum(g["kind"] == kind for g in gold["quotes"])


def test_quotes_kind_pills_filter_table_and_metrics():
    at = open_page("quotes")
    total = len(at.dataframe[0].value)
    at.pills(key="kind").set_value(["direct", "partial"]).run()
    table = at.dataframe[0].value
    assert 0 < len(table) < total
    assert set(table["kind"]) == {"direct", "partial"}
    assert _metric(at, "Statements") == len(table) and _metric(at, "Indirect") == 0


def test_quotes_speaker_choice_filters_and_all_speakers_clears():
    at = open_page("quotes")
    total = len(at.dataframe[0].value)
    assert "all_speakers" not in [b.key for b in at.button]  # offered only while a speaker is chosen
    at.multiselect(key="speaker").set_value(["Wei Shaojun"]).run()
    table = at.dataframe[0].value
    assert set(table["speaker"]) == {"Wei Shaojun"} and 0 < len(table) < total
    assert _metric(at, "Speakers") == 1 and _metric(at, "Statements") == len(table)
    at.button(key="all_speakers").click().run()
    assert at.multiselect(key="speaker").value == []
    assert len(at.dataframe[0].value) == total


def test_quotes_search_matches_speaker_or_statement():
    at = open_page("quotes")
    at.text_input(key="q").set_value("Reuters").run()
    table = at.dataframe[0].value
    assert len(table) > 0
    hay = table["speaker"].str.cat(table["text"], sep=" ").str.lower()
    assert hay.str.contains("reuters").all()
    assert "Reuters" in set(table["speaker"])


def test_first_page_does_not_load_spacy():
    """With current processed data the app runs every page without importing spaCy."""
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import sys; sys.path.insert(0, 'tests'); from apptest_utils import new_app\n"
        "at = new_app()\n"
        "for p in ['entities', 'quotes', 'numbers']: at.switch_page(f'pages/{p}.py').run()\n"
        "assert not at.exception, at.exception\n"
        "print('spacy' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "False"


# --- the Numbers page ----------------------------------------------------------------------------------------

def test_numbers_table_has_values_dollars_dates_subjects():
    at = open_page("numbers")
    table = at.dataframe[0].value
    assert {"text", "label", "value", "unit", "usd_value", "when", "subject", "qualifier", "context"} <= set(table.columns)
    row = table[table["text"] == "about 100 billion yuan"].iloc[0]
    assert row["value"] == 100e9 and row["unit"] == "CNY" and row["usd_value"] == 14.3e9
    assert row["when"] == "2026" and row["subject"] == "ByteDance" and row["qualifier"] == "about"
    assert "H200" not in " ".join(table["text"])


def test_numbers_currency_and_subject_filters():
    at = open_page("numbers")
    at.multiselect(key="ncur").set_value(["CNY"]).run()
    cny = at.dataframe[0].value
    assert len(cny) == 2 and set(cny["unit"]) == {"CNY"} and set(cny["label"]) == {"MONEY"}
    at.multiselect(key="ncur").set_value([]).run()
    at.multiselect(key="nsubj").set_value(["Huang"]).run()
    huang = at.dataframe[0].value
    assert list(huang["text"]) == ["on Tuesday"] and list(huang["when"]) == ["2026-01-06"]


def test_numbers_kind_and_date_range_filters():
    from datetime import date

    at = open_page("numbers")
    everything = len(at.dataframe[0].value)
    at.button_group(key="nkind").set_value(["DATE"]).run()
    dates = at.dataframe[0].value
    assert 0 < len(dates) < everything and set(dates["label"]) == {"DATE"}
    at.button_group(key="nkind").set_value([]).run()
    at.slider(key="ndates").set_range(date(2025, 12, 1), date(2025, 12, 31)).run()
    december = at.dataframe[0].value
    assert not at.exception
    assert set(december["text"]) == {"about 85 billion yuan", "in 2025", "last month", "a December report"}


def test_secrets_set_the_data_folder(tmp_path, monkeypatch):
    """On Community Cloud, NEWSLENS_DATA_DIR given as a secret picks the data folder."""
    import os

    from .apptest_utils import make_app

    data = tmp_path / "other-data"
    (data / "articles").mkdir(parents=True)
    (data / "processed").mkdir()
    monkeypatch.delenv("NEWSLENS_DATA_DIR", raising=False)
    at = make_app()
    at.secrets["NEWSLENS_DATA_DIR"] = str(data)
    at.run()
    try:
        assert not at.exception
        assert any("No processed article" in i.value for i in at.info)  # the empty folder, not ./data
    finally:
        os.environ.pop("NEWSLENS_DATA_DIR", None)
