"""AppTest of the Analyse page: paste, analyse, add, remove — and every hostile paste gets its message.

Every test writes into a throwaway copy of data/ (NEWSLENS_DATA_DIR), never into the repo's data/.
(AppTest cannot drive st.file_uploader; uploads are tested through newslens.ingest in test_ingest.py and
in the real browser in test_browser_analyse.py.)
"""
from __future__ import annotations

import json
import re

import pytest

from newslens.schema import SCHEMA_VERSION

from .apptest_utils import open_page
from .byo_samples import BBC, GERMAN, NUMBERS_ONLY, QUOTES_ONLY, REUTERS, XSS
from .conftest import SEED_NAME
from .test_ingest import snapshot

pytestmark = pytest.mark.slow


def plain(s: str) -> str:
    """Markdown shown by the app, without the backslashes that keep it literal."""
    return re.sub(r"\\(.)", r"\1", s)


@pytest.fixture()
def root(data_copy, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(data_copy))
    return data_copy


def analyse(text: str, **fields):
    at = open_page("analyse")
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="an_text").set_value(text)
    for k, v in fields.items():
        if k == "force":
            at.checkbox(key="an_force_lang").check()
        else:
            at.text_input(key=f"an_{k}").set_value(v)
    at.button(key="an_go_text").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at) -> list[str]:
    return [plain(e.value) for e in at.error]


def add_button(at):
    [btn] = [b for b in at.button if (b.key or "").startswith("an_add_")]
    return btn


def test_page_renders_and_lists_the_articles(root):
    at = open_page("analyse")
    assert not at.exception
    assert at.title[0].value == "Analyse an article"
    table = at.dataframe[0].value
    assert list(table["article"]) == [SEED_NAME] and set(table["state"]) == {"ready"}


def test_paste_analyse_add_and_see_it_on_every_page(root):
    before = snapshot(root)
    at = analyse(REUTERS)
    assert [plain(s.value) for s in at.subheader][0] == "Fed holds rates steady, signals two cuts later this year"
    counts = {m.label: m.value for m in at.metric}
    assert int(counts["Entities"]) > 3 and int(counts["Statements"]) >= 1 and int(counts["Numeric facts"]) >= 2
    ents = at.dataframe[0].value
    assert "Federal Reserve" in set(ents["name"])
    assert snapshot(root) == before  # analysing alone keeps nothing
    add_button(at).click().run()
    assert not at.exception
    slug = "fed-holds-rates-steady-signals-two-cuts-later-this-year"
    assert any(slug in plain(s.value) for s in at.success)
    assert (root / "articles" / f"{slug}.txt").read_text(encoding="utf-8") == REUTERS
    meta = json.loads((root / "articles" / f"{slug}.meta.json").read_text(encoding="utf-8"))
    assert meta["published"] == "2025-09-18" and meta["source"] == "Reuters"
    assert (root / "processed" / f"{slug}.json").exists()
    assert at.multiselect(key="article").value == [slug]  # the sidebar now shows it
    for page in ("overview", "entities", "quotes", "numbers"):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.multiselect(key="article").value == [slug]
    assert at.title[0].value == "Numbers" and len(at.dataframe[0].value) > 0
    at.switch_page("pages/overview.py").run()
    assert at.title[0].value.startswith("Fed holds rates steady")


def test_typed_title_and_date_are_kept(root):
    at = analyse(BBC, title="Ministers back Heathrow expansion", published="2025-01-29", source="BBC News")
    assert plain(at.subheader[0].value) == "Ministers back Heathrow expansion"
    add_button(at).click().run()
    meta = json.loads((root / "articles" / "ministers-back-heathrow-expansion.meta.json").read_text(encoding="utf-8"))
    assert meta == {**meta, "title": "Ministers back Heathrow expansion", "published": "2025-01-29", "source": "BBC News"}


def test_adding_the_same_text_twice_is_detected(root):
    at = analyse(BBC)
    add_button(at).click().run()
    before = snapshot(root)
    at = analyse(BBC + "\n\n")
    assert any("Already in your articles as" in plain(i.value) for i in at.info)
    assert not [b for b in at.button if (b.key or "").startswith("an_add_")]
    assert snapshot(root) == before


def test_same_title_different_text_gets_a_new_name(root):
    at = analyse(REUTERS)
    add_button(at).click().run()
    at = analyse(REUTERS.replace("twice", "three times"))
    add_button(at).click().run()
    names = sorted(p.name for p in (root / "articles").glob("fed-holds*.txt"))
    assert names == ["fed-holds-rates-steady-signals-two-cuts-later-this-year-2.txt",
                     "fed-holds-rates-steady-signals-two-cuts-later-this-year.txt"]


@pytest.mark.parametrize("text,message", [
    ("", "The text is empty"),
    ("   \n\t  \n", "The text is empty"),
    ("x" * 1_000_001, "News Lens analyses articles up to 1,000,000 characters"),
    (QUOTES_ONLY, "contains no words, only numbers, punctuation or quotation marks"),
    (NUMBERS_ONLY, "contains no words, only numbers, punctuation or quotation marks"),
    ("Headline\nBody\x00\x00binary", "contains NUL characters"),
])
def test_hostile_paste_gets_a_message_and_writes_nothing(root, text, message):
    before = snapshot(root)
    at = analyse(text)
    assert any(message in e for e in errors(at)), errors(at)
    assert not at.metric and snapshot(root) == before


def test_bad_date_is_explained(root):
    at = analyse(BBC, published="the other day")
    assert any("write it as YYYY-MM-DD" in e for e in errors(at))


def test_non_english_is_refused_unless_the_user_insists(root):
    at = analyse(GERMAN)
    [msg] = errors(at)
    assert "looks like German, not English" in msg and "Analyse text that does not look like English" in msg
    at = analyse(GERMAN, force=True)
    assert not errors(at)
    assert any("German" in plain(w.value) and "analysed anyway" in plain(w.value) for w in at.warning)
    assert at.metric


def test_html_and_markdown_in_a_paste_stay_literal_text(root):
    at = analyse(XSS)
    assert plain(at.subheader[0].value) == "Hackers deface city website with pop-up script"
    add_button(at).click().run()
    slug = "hackers-deface-city-website-with-pop-up-script"
    stored = json.loads((root / "processed" / f"{slug}.json").read_text(encoding="utf-8"))
    assert "<img src=x onerror=alert(1)>" in stored["article"]["text"]
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    # the article text is rendered through ui.highlight, which escapes it
    html_blocks = [h.proto.body for h in at.get("html")]
    article = next(b for b in html_blocks if "nl-article" in b)
    assert "&lt;img src=x onerror=alert(1)&gt;" in article and "<img" not in article and "<script" not in article


def test_remove_asks_first_and_cancel_keeps_files(root):
    at = analyse(BBC)
    add_button(at).click().run()
    slug = "heathrow-third-runway-backed-by-government"
    at.selectbox(key="an_remove_pick").set_value(slug).run()
    at.button(key="an_remove").click().run()
    [warn] = [w for w in at.warning if "cannot be undone" in w.value]
    assert f"articles/{slug}.txt" in warn.value and f"processed/{slug}.json" in warn.value
    assert (root / "articles" / f"{slug}.txt").exists()  # nothing removed before confirming
    at.button(key="an_remove_no").click().run()
    assert (root / "articles" / f"{slug}.txt").exists()
    at.button(key="an_remove").click().run()
    at.button(key="an_remove_yes").click().run()
    assert not at.exception
    assert not [p for p in root.rglob("*") if slug in p.name]
    assert list(at.dataframe[-1].value["article"]) == [SEED_NAME]
    assert at.multiselect(key="article").value == [SEED_NAME]
    at.switch_page("pages/entities.py").run()
    assert not at.exception and len(at.dataframe[0].value) > 0


def test_corrupt_processed_file_is_named_and_the_others_still_load(root):
    at = analyse(BBC)
    add_button(at).click().run()
    p = root / "processed" / f"{SEED_NAME}.json"
    p.write_text(p.read_text(encoding="utf-8")[:300], encoding="utf-8")
    at = open_page("analyse")
    assert not at.exception
    msgs = [plain(w.value) for w in at.warning]
    assert any(f"processed/{SEED_NAME}.json is unreadable" in m and "not valid JSON" in m for m in msgs), msgs
    assert at.multiselect(key="article").options == ["Heathrow third runway backed by government (2025-01-29)"]
    at.switch_page("pages/overview.py").run()
    assert not at.exception and at.title[0].value.startswith("Heathrow")


def test_older_schema_version_is_named_and_can_be_reprocessed(root):
    p = root / "processed" / f"{SEED_NAME}.json"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["schema_version"] = 0
    p.write_text(json.dumps(doc), encoding="utf-8")
    at = open_page("analyse")
    assert not at.exception
    assert any(f"processed/{SEED_NAME}.json is stale" in plain(w.value) and "schema version 0" in plain(w.value)
               for w in at.warning)
    at.button(key="process_problems").click().run()
    assert not at.exception
    assert json.loads(p.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert not [w for w in at.warning if "is stale" in w.value]


@pytest.mark.parametrize("url,message", [
    ("http://127.0.0.1:8501/", "loopback address (127.0.0.1)"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address"),
    ("http://10.0.0.7/intranet", "private address (10.0.0.7)"),
    ("file:///etc/passwd", "only http:// and https:// links can be fetched, not file://"),
    ("ftp://example.com/story.txt", "not ftp://"),
])
def test_links_to_private_addresses_and_other_schemes_are_refused(root, url, message):
    before = snapshot(root)
    at = open_page("analyse")
    at.text_input(key="an_url").set_value(url)
    at.button(key="an_go_url").click().run()
    assert not at.exception
    assert any(message in e for e in errors(at)), errors(at)
    assert snapshot(root) == before


def test_text_and_results_survive_a_visit_to_another_page(root):
    at = analyse(REUTERS, title="Fed keeps rates", source="Reuters")
    assert plain(at.subheader[0].value) == "Fed keeps rates"
    at.switch_page("pages/entities.py").run()
    assert not at.exception and at.title[0].value == "Entities"
    at.switch_page("pages/analyse.py").run()
    assert not at.exception
    assert at.text_area(key="an_text").value == REUTERS
    assert at.text_input(key="an_title").value == "Fed keeps rates"
    assert at.text_input(key="an_source").value == "Reuters"
    assert plain(at.subheader[0].value) == "Fed keeps rates" and at.metric
    add_button(at).click().run()
    assert any("Fed keeps rates" in plain(s.value) for s in at.success)


def test_add_gives_exactly_one_message(root):
    at = analyse(REUTERS)
    add_button(at).click().run()
    slug = "fed-holds-rates-steady-signals-two-cuts-later-this-year"
    said = [plain(m.value) for m in [*at.success, *at.info, *at.warning, *at.error] if slug in plain(m.value)]
    assert len(said) == 1 and said[0].startswith("Added"), said
    assert not [b for b in at.button if (b.key or "").startswith("an_add_")]


def test_the_interactive_size_limit_is_explained(root, monkeypatch):
    monkeypatch.setenv("NEWSLENS_APP_MAX_CHARS", "3000")
    before = snapshot(root)
    at = analyse(REUTERS + "\n" + "The committee met again and said rates would stay where they are. " * 60)
    [msg] = errors(at)
    assert "is more than this app analyses at once (3,000" in msg and "python -m newslens analyze" in msg
    assert not at.metric and snapshot(root) == before
    at = analyse(BBC)  # shorter texts still go through
    assert not errors(at) and at.metric


def test_preview_tables_read_like_the_pages(root):
    """The preview's Numbers table is the Numbers page's: a range as its two ends, never its midpoint."""
    at = analyse("Copper miner sees higher output\n\nSANTIAGO, March 3 (Reuters) - Codelco expects to produce "
                 "between 1.3 million and 1.4 million tonnes of copper this year, chief executive Ruben Alvarado "
                 "said on Tuesday. The state miner will invest $4 billion to $5 billion in its mines through "
                 "2030, he said.\n")
    [nums] = [d.value for d in at.dataframe if "amount" in d.value.columns]
    row = nums.set_index("text").loc["$4 billion to $5 billion"]
    assert row["amount"] == "US$4–5 bn" and row["usd"] == "US$4–5 bn" and row["kind"] == "Money"
    assert nums.set_index("text").loc["between 1.3 million and 1.4 million tonnes", "amount"] == "1.3–1.4 m t"
    [ents] = [d.value for d in at.dataframe if "mentions" in d.value.columns]
    assert "Person" in set(ents["type"]) and "label" not in ents.columns  # human type names, as on Entities
