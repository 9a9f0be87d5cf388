"""AppTest for every page: no exception, tables non-empty, filters change what is shown."""
from __future__ import annotations

import pytest

from .apptest_utils import new_app, open_page

PAGES = ["overview", "entities", "quotes", "numbers", "corpus"]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    if page == "overview":
        assert at.metric and int(at.metric[0].value) > 0
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
