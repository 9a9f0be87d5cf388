"""AppTest of the Import panel on the Analyse page: uploads, the column mapping, the run and its report.

Every test writes into a throwaway copy of data/ (NEWSLENS_DATA_DIR), never into the repo's data/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newslens.storage import check_processed, list_slugs

from .apptest_utils import open_page

FIX = Path(__file__).resolve().parent / "fixtures" / "import"


@pytest.fixture()
def root(data_copy, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(data_copy))
    return data_copy


def _frames_with(at, column: str) -> list:
    return [d.value for d in at.dataframe if column in d.value.columns]


def _upload(at, *names):
    at.radio(key="im_mode").set_value("Files").run()
    at.file_uploader(key="im_files_Files").set_value(
        [(n, (FIX / n).read_bytes(), "application/octet-stream") for n in names]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_uploaded_tables_show_a_preview_and_the_detected_columns(root):
    at = _upload(open_page("analyse"), "archive.csv", "wire.jsonl")
    assert at.selectbox(key="im_map_0_text").value == "Body"
    assert at.selectbox(key="im_map_0_published").value == "Date Published"
    assert at.selectbox(key="im_map_1_text").value == "content"
    assert at.selectbox(key="im_map_1_source").value == "source"
    preview = _frames_with(at, "Headline")[0]
    assert list(preview.columns[:2]) == ["Headline", "Body"] and len(preview) == 5
    assert list_slugs(root) == ["000_dfcec0da395424a0"]  # nothing written before Import


def test_import_writes_processes_and_reports(root):
    before = set(list_slugs(root))
    at = _upload(open_page("analyse"), "archive.csv", "feed.atom")
    at.checkbox(key="im_fetch").uncheck()
    at.button(key="im_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    new = set(list_slugs(root)) - before
    assert len(new) == 8  # 5 from the CSV, 3 from the feed
    assert all(check_processed(root, s)[1] is None for s in new)
    summary = re.sub(r"\\(.)", r"\1", at.success[0].value)
    assert "8 added" in summary and "1 duplicate skipped" in summary and "2 refused" in summary
    [report] = _frames_with(at, "reason")
    assert set(report["status"]) == {"duplicate", "refused", "warning"}
    assert any("looks like German" in r for r in report["reason"])
    assert at.get("download_button")


def test_feed_links_to_private_addresses_are_refused_in_the_report(root):
    at = open_page("analyse")
    at.radio(key="im_mode").set_value("Feed links").run()
    at.text_area(key="im_links").set_value("http://127.0.0.1:9/feed.xml\nhttp://10.0.0.8/rss").run()
    at.button(key="im_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [report] = _frames_with(at, "reason")
    assert list(report["status"]) == ["refused", "refused"]
    assert "loopback" in report["reason"][0] and "private" in report["reason"][1]


def test_a_chosen_column_replaces_the_detected_one(root):
    at = _upload(open_page("analyse"), "wire.jsonl")
    at.selectbox(key="im_map_0_text").set_value("description").run()
    at.checkbox(key="im_fetch").uncheck()
    at.button(key="im_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [report] = _frames_with(at, "reason")
    refused = report[report["status"] == "refused"]
    assert any("no text" in r for r in refused["reason"])  # only the first record has a description
