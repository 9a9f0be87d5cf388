"""The dashboard as a journalist reads it (issue 15): nothing misleading, every statement readable.

Pure parts are checked directly; what AppTest can see (tables, captions, HTML) on the pages.
"""
from __future__ import annotations

import itertools

import pandas as pd
import pytest

from newslens.index import frames
from newslens.storage import load_corpus
from ui.charts import cooccurrence_heatmap, cooccurrence_pairs, entity_bar, focus_pairs, is_empty
from ui.corpus_charts import facts_timeline, speakers_across
from ui.downloads import export_name, export_table, title_slug
from ui.fmt import amount, money, plural, short_number, when
from ui.kwic import centred
from ui.marks import overview_marks
from ui.numbers_view import NUMBER_COLUMNS, number_table
from ui.statements import statements_html
from ui.theme import (FOCUS_COLOR, NUMBER_COLOR, OTHER_COLOR, QUOTE_COLORS, TYPE_COLORS, TYPE_NAMES, entity_color,
                      type_name)

from .apptest_utils import make_app
from .conftest import ROOT, SEED_NAME


@pytest.fixture(scope="module")
def seed():
    corpus = load_corpus(ROOT / "data")
    return corpus.analyses[SEED_NAME], frames(corpus)


def _lum(hex_: str) -> float:
    r, g, b = (int(hex_.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    f = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_lum(a), _lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---- 1. numeric facts over time at their own date or period ---------------------------------------------------

def test_corpus_timeline_puts_each_fact_at_its_own_period(seed):
    _, fr = seed
    fig = facts_timeline(fr["numbers"], {SEED_NAME: "China chips"})
    seen = {}
    for tr in fig.data:
        for x, cd in zip(tr.x, tr.customdata):
            if x is not None:
                seen.setdefault(cd[0], []).append(pd.Timestamp(x))
    # money for 2025 and for 2026 at their own years, not both at the publication date (2026-01-08)
    assert {x.year for x in seen["about 85 billion yuan"]} == {2025}
    assert {x.year for x in seen["about 100 billion yuan"]} == {2026}
    assert min(seen["about 100 billion yuan"]).date().isoformat() == "2026-01-01"
    assert "two people" not in seen  # no date or period of its own: not placed at all, and said so
    assert "1 fact without a date or period" in fig.layout.title.subtitle.text
    hover = {cd[0]: cd for tr in fig.data for cd in tr.customdata if cd[0]}
    assert "China chips" in hover["about 85 billion yuan"][4] and "CN¥85 bn" in hover["about 85 billion yuan"][4]


# ---- 2. Overview outlines what matches every filter -----------------------------------------------------------

def test_overview_outlines_quotes_containing_the_search(seed):
    doc, _ = seed
    marks, legend = overview_marks(doc, search="vigilant")
    hits = [m for m in marks if m.focus]
    assert hits and all("vigilant" in doc["article"]["text"][m.start:m.end].lower() for m in hits)
    assert any(m.layer == "quote" for m in hits) and ("Matches your filters", FOCUS_COLOR) in legend
    assert not any(m.focus for m in overview_marks(doc)[0])  # no filter, nothing outlined


def test_overview_speaker_and_search_both_apply(seed):
    doc, _ = seed
    speaker_only = [m for m in overview_marks(doc, speakers=["Wei Shaojun"])[0] if m.focus and m.layer == "quote"]
    both = [m for m in overview_marks(doc, speakers=["Wei Shaojun"], search="vigilant")[0] if m.focus]
    assert len(speaker_only) == sum(q["speaker"] == "Wei Shaojun" for q in doc["quotes"]) > 1
    assert 0 < len([m for m in both if m.layer == "quote"]) < len(speaker_only)
    text = doc["article"]["text"]
    assert all("vigilant" in text[m.start:m.end].lower() or m.layer != "quote" for m in both)
    assert not [m for m in overview_marks(doc, speakers=["Huang"], search="vigilant")[0] if m.focus]


# ---- 3. co-occurrence with a focused entity --------------------------------------------------------------------

def test_cooccurrence_keeps_the_focused_entitys_partners(seed):
    _, fr = seed
    pairs = cooccurrence_pairs(fr["mentions"])
    focused = focus_pairs(pairs, ["H200"])
    assert len(focused) > 0 and ((focused["a"] == "H200") | (focused["b"] == "H200")).all()
    fig = cooccurrence_heatmap(focused, focus=["H200"])
    assert not is_empty(fig) and "H200" in fig.data[0].x and "as H200" in fig.layout.title.text
    assert focus_pairs(pairs, []).equals(pairs)


# ---- 4. one colour per meaning, readable type names ------------------------------------------------------------

def test_every_colour_has_one_meaning_and_reads_on_both_themes():
    meanings = {**{f"type:{k}": v for k, v in TYPE_COLORS.items()}, "type:other": OTHER_COLOR,
                **{f"quote:{k}": v for k, v in QUOTE_COLORS.items()}, "number": NUMBER_COLOR, "focus": FOCUS_COLOR}
    colours = [c.upper() for c in meanings.values()]
    assert len(colours) == len(set(colours)), "a colour stands for two things"
    for a, b in itertools.combinations(colours, 2):
        assert sum(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for i in (1, 3, 5)) > 40, (a, b)
    for name, c in meanings.items():
        if name != "focus":  # the highlighter is a background, under the theme's own text colour
            assert _contrast(c, "#FFFFFF") >= 2 and _contrast(c, "#0E1117") >= 2, name
    assert type_name("GPE") == type_name("LOC") == "Place" and entity_color("GPE") == entity_color("LOC")
    assert type_name("NORP") == "Nationality or group" and type_name("WORK_OF_ART") == "Work of art"
    assert all(not v.isupper() for v in TYPE_NAMES.values())


def test_entity_chart_uses_type_names_and_a_labelled_hover(seed):
    _, fr = seed
    fig = entity_bar(fr["entities"])
    assert {tr.name for tr in fig.data} <= set(TYPE_NAMES.values()) and "Person" in {tr.name for tr in fig.data}
    for tr in fig.data:
        assert "=" not in tr.hovertemplate and "mentions" in tr.hovertemplate  # not "Type=PERSON … =Huang"


# ---- 5. statements readable -------------------------------------------------------------------------------------

def test_reading_view_shows_every_statement_whole_and_escaped(seed):
    _, fr = seed
    q = fr["quotes"]
    html = statements_html(q, {SEED_NAME: "China chips"})
    assert html.count('class="nl-statement"') == len(q)
    longest = max(q["text"], key=len)
    assert longest.replace("’", "’") in html.replace("&#x27;", "'") or longest[:80] in html
    assert "China chips" in html and "Wei Shaojun" in html
    evil = q.head(1).assign(text="<img src=x onerror=alert(1)>", speaker="<b>x</b>")
    out = statements_html(evil)
    assert "<img" not in out and "<b>x</b>" not in out and "&lt;img" in out


def test_first_mention_context_starts_near_the_entity():
    ctx = "…" + "word " * 30 + "said ⟦Wei Shaojun⟧ on Tuesday"
    shown = centred(ctx)
    assert shown.startswith("…") and shown.index("⟦") <= 42 and shown.endswith("on Tuesday")
    assert centred("⟦China⟧ semiconductor") == "⟦China⟧ semiconductor"


# ---- 6. numbers as a reader writes them --------------------------------------------------------------------------

@pytest.mark.parametrize("value,unit,approx,text", [
    (12_153_818_940.38, "USD", True, "≈ US$12.2 bn"),
    (14.3e9, "USD", False, "US$14.3 bn"),
    (100e9, "CNY", True, "≈ CN¥100 bn"),
    (1250, "CHF", False, "1,250 CHF"),
    (None, "USD", False, ""),
])
def test_money(value, unit, approx, text):
    assert money(value, unit, approximate=approx) == text


def test_amounts_dates_and_counts():
    assert amount(label="PERCENT", value=5.375, unit="%", low=5.25, high=5.5) == "5.25–5.5 %"
    assert amount(label="CARDINAL", value=2.0, unit=float("nan")) == "2"
    assert amount(label="DATE", value=None) == ""
    assert short_number(2.5e12) == "2.5 tn" and short_number(3.75) == "3.75"
    assert when("2026-01-08") == "8 Jan 2026" and when("2025-12") == "Dec 2025" and when(None) == ""
    assert plural(1, "entity") == "1 entity" and plural(2, "statement") == "2 statements"


# ---- 7. downloads: the headers users see, names from the title ------------------------------------------------

def test_downloads_use_shown_headers_whole_numbers_and_the_title(seed):
    _, fr = seed
    t = number_table(fr["numbers"], {SEED_NAME: "China chips"})
    cols = ["text", "kind", "amount", "usd", "when_text", "value", "usd_value"]
    out = export_table(t, NUMBER_COLUMNS, cols)
    assert list(out.columns) == ["Fact", "Kind", "Amount", "In US$", "Date", "Value", "US$ value"]
    csv = out.to_csv(index=False)
    assert "100000000000," in csv and "100000000000.0" not in csv and "usd_value" not in csv
    assert "None" not in csv
    title = "China semiconductor expert suggests vigilance in buying Nvidia’s H200 AI chips"
    assert export_name([title], "quotes", "csv").startswith("newslens-china-semiconductor-expert-suggests")
    assert SEED_NAME not in export_name([title], "quotes", "csv")
    assert title_slug("<script>") == "script" and title_slug("") == "article"


# ---- 10. smaller: no half-empty charts, plural captions, article legends -----------------------------------------

def test_speakers_legend_names_articles_in_distinct_colours(seed):
    _, fr = seed
    q = pd.concat([fr["quotes"], fr["quotes"].assign(article="other")])
    fig = speakers_across(q, {SEED_NAME: "China semiconductor expert suggests", "other": "China semiconductor expert (2)"})
    colours = [tr.marker.color for tr in fig.data]
    assert len(set(colours)) == len(colours) == 2 and fig.layout.legend.y < 0  # below the chart


# ---- on the pages (AppTest) ---------------------------------------------------------------------------------------

def _open(page: str, **params):
    at = make_app()
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at.switch_page(f"pages/{page}.py").run()


def _no_none(df: pd.DataFrame) -> None:
    assert not (df.astype(str) == "None").any().any()


def test_entities_page_type_names_plural_and_no_none():
    at = _open("entities", type="PERSON", q="Kress")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["type"]) == ["Person"]
    assert any(c.value == "1 entity in 1 article" for c in at.caption)
    _no_none(table[["name", "type", "aliases", "context_shown"]])


def test_a_search_with_no_match_draws_no_empty_chart():
    at = _open("entities", q="zzzz-nothing")
    assert not at.exception
    assert any("No entities match the filters" in c.value for c in at.caption)


def test_quotes_page_reading_view_and_article_column_with_two_articles(corpus_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(corpus_dir))
    at = _open("quotes", article=[SEED_NAME, "harbor-lithium"])
    assert not at.exception
    html = at.get("html")[0].proto.body
    table = at.dataframe[0].value
    assert html.count('class="nl-statement"') == len(table) > 0
    assert "Harbor Lithium" in html  # the article each statement comes from
    assert table["article_title"].nunique() == 2
    assert not set(table["article_title"]) & {SEED_NAME, "harbor-lithium"}  # titles, not slugs
    _no_none(table[["speaker", "kind", "cue", "text", "speaker_mention"]])


def test_numbers_page_reads_like_a_report():
    at = _open("numbers")
    assert not at.exception
    table = at.dataframe[0].value
    row = table.set_index("text").loc["about 85 billion yuan"]
    assert row["usd"] == "≈ US$12.2 bn" and row["amount"] == "≈ CN¥85 bn"
    assert any(c.value == "10 numeric facts" for c in at.caption)


def test_overview_shows_no_internal_file_name():
    at = _open("overview")
    assert not at.exception
    assert not any(SEED_NAME in c.value for c in at.caption)
    assert not any(SEED_NAME in t.value for t in at.title)
