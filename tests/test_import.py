"""Importing collections: a CSV with odd quoting and missing dates, a JSONL export with extra fields, an
Atom feed (item pages fetched through the guarded fetcher), a folder with duplicates and binary files;
the report of refusals; stop and resume; the CLI with preprocessing."""
from __future__ import annotations

import csv
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from newslens.importer import Blob, Options, import_sources, report_rows
from newslens.importer.dates import DateOrder, parse_date
from newslens.importer.records import html_to_text
from newslens.importer.tables import Table, detect_mapping
from newslens.storage import articles_dir, list_slugs

FIX = Path(__file__).resolve().parent / "fixtures" / "import"
NO_FETCH = Options(fetch=False)


def _meta(root: Path, slug: str) -> dict:
    return json.loads((articles_dir(root) / f"{slug}.meta.json").read_text(encoding="utf-8"))


def _by_item(report) -> dict[str, dict]:
    return {e["item"]: e for e in report.entries}


def _entry(report, prefix: str) -> dict:
    hits = [e for e in report.entries if e["item"].startswith(prefix)]
    assert len(hits) == 1, (prefix, [e["item"] for e in report.entries])
    return hits[0]


def _text(root: Path, slug: str) -> str:
    return (articles_dir(root) / f"{slug}.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------ dates and columns


@pytest.mark.parametrize("value, iso", [
    ("2026-01-08", "2026-01-08"), ("2026-01-08T23:30:00Z", "2026-01-08"), ("2026-01-08 09:15", "2026-01-08"),
    ("Thu, 08 Jan 2026 09:30:00 +0000", "2026-01-08"), ("8 Jan 2026", "2026-01-08"),
    ("January 8, 2026", "2026-01-08"), ("Thursday 8 January 2026, 10:00 GMT", "2026-01-08"),
    ("2026/01/08", "2026-01-08"), ("20260108", "2026-01-08"), ("08.01.2026", "2026-01-08"),
    ("1767864600", "2026-01-08"), ("1767864600000", "2026-01-08"), (1767864600, "2026-01-08"),
    ("28/01/2026", "2026-01-28"), ("01/28/2026", "2026-01-28"),
])
def test_dates_in_common_formats(value, iso):
    assert parse_date(value).isoformat() == iso


@pytest.mark.parametrize("value", ["", "n/a", "yesterday", "2026-13-45", "31/31/2026", None])
def test_values_that_are_not_dates_give_none(value):
    assert parse_date(value) is None


def test_numeric_date_order_is_learnt_from_the_column():
    us = DateOrder()
    for v in ["01/28/2026", "02/03/2026"]:
        us.learn(v)
    assert parse_date("02/03/2026", order=us).isoformat() == "2026-02-03"
    eu = DateOrder()
    for v in ["28/01/2026", "02/03/2026"]:
        eu.learn(v)
    assert parse_date("02/03/2026", order=eu).isoformat() == "2026-03-02"
    assert parse_date("02/03/2026", order=DateOrder("mdy")).isoformat() == "2026-02-03"
    assert parse_date("02/03/2026 14:00", fmt="%m/%d/%Y %H:%M").isoformat() == "2026-02-03"


def test_column_names_map_to_fields_and_an_explicit_mapping_wins():
    cols = ["Headline", "Body", "Date Published", "Publisher", "URL", "Section"]
    assert detect_mapping(cols) == {"text": "Body", "title": "Headline", "published": "Date Published",
                                    "source": "Publisher", "url": "URL"}
    m = detect_mapping(cols, {"text": "Section", "source": None})
    assert m["text"] == "Section" and m["source"] == "Publisher" and m["title"] == "Headline"
    assert detect_mapping(["id", "blob"]) == dict.fromkeys(["text", "title", "published", "source", "url"])


def test_html_fragments_become_one_line_per_paragraph():
    got = html_to_text("<p>First <b>bold</b> line.</p><script>alert(1)</script><p>Second&nbsp;one<br>third</p>")
    assert got.split("\n") == ["First bold line.", "Second one", "third"]


# ------------------------------------------------------------------ CSV


def test_csv_with_odd_quoting_and_missing_dates(tmp_path):
    root = tmp_path / "data"
    rep = import_sources([FIX / "archive.csv"], root=root, options=NO_FETCH)
    rows = list(Table.of("archive.csv", lambda: open(FIX / "archive.csv", "rb")).rows())
    assert len(rows) == 8 and rep.total == 8
    e = _entry(rep, "archive.csv row 1 ")
    assert e["status"] == "added"
    meta = _meta(root, e["slug"])
    assert meta["published"] == "2026-01-08"  # 08/01/2026 read day-first: the column also has 14/01/2026
    assert meta["source"] == "Harbour Wire" and meta["url"] == "https://news.example/ferry"
    text = _text(root, e["slug"])
    assert text.startswith("City ferry fares to rise 6% from March, operator says\nHALIFAX, Jan 7")
    assert '"We have held fares for three years, but' in text  # doubled quotes inside a quoted field
    assert "\n\nCouncillor Amir Haddad" in text  # line breaks inside a quoted field are kept
    assert "published" not in _meta(root, _entry(rep, "archive.csv row 2 ")["slug"])  # a missing date is no date
    wind = _meta(root, _entry(rep, "archive.csv row 3 ")["slug"])
    assert wind["published"] == "2026-01-15" and wind["source"] == "eastcoast.example"  # RFC 2822; host as source
    lib = _entry(rep, "archive.csv row 4 ")
    assert lib["status"] == "added" and "'n/a' not understood" in lib["warnings"][0]
    dup = _entry(rep, "archive.csv row 5 ")
    assert dup["status"] == "duplicate" and dup["reason"] == "same text as archive.csv row 1 (line 2)"
    assert _entry(rep, "archive.csv row 6 ")["reason"] == "no text and no link to fetch it from"
    german = _entry(rep, "archive.csv row 7 ")
    assert german["status"] == "refused" and german["reason"].startswith("looks like German")
    rail = _entry(rep, "archive.csv row 8 ")
    assert rail["status"] == "added" and "6 fields where the header has 5" in rail["warnings"][0]
    assert '"This deal is the result of our members' in _text(root, rail["slug"])  # quoted after a space
    assert len(list_slugs(root)) == 5


def test_semicolon_csv_with_an_explicit_column_mapping(tmp_path):
    src = tmp_path / "export.csv"
    story = (FIX / "desk" / "heat-pumps.txt").read_text(encoding="utf-8").split("\n", 2)[2].strip()
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["kop", "tekst", "datum"])
        w.writerow(["Heat pump grants doubled", story, "12-01-2026"])
    root = tmp_path / "data"
    first = import_sources([src], root=root, options=NO_FETCH)
    assert first.entries[0]["status"] == "refused" and "no text column found (columns: kop, tekst, datum)" in first.entries[0]["reason"]
    rep = import_sources([src], root=root, options=Options(fetch=False, mapping={"text": "tekst", "title": "kop",
                                                                                   "published": "datum"}))
    (e,) = rep.entries
    assert e["status"] == "added" and _meta(root, e["slug"])["published"] == "2026-01-12"
    assert _text(root, e["slug"]).startswith("Heat pump grants doubled\nHouseholds in England")


def test_a_csv_that_is_not_utf8_is_refused_with_the_reason(tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes("title,text\nCaf\xe9 prices,Caf\xe9 owners raise prices again\n".encode("latin-1"))
    rep = import_sources([src], root=tmp_path / "data", options=NO_FETCH)
    assert [e["status"] for e in rep.entries] == ["refused"] and "not UTF-8" in rep.entries[0]["reason"]


# ------------------------------------------------------------------ JSON Lines


def test_jsonl_with_extra_fields(tmp_path):
    root = tmp_path / "data"
    rep = import_sources([FIX / "wire.jsonl"], root=root, options=NO_FETCH)
    coffee = _entry(rep, "wire.jsonl line 1")
    meta = _meta(root, coffee["slug"])
    assert meta["source"] == "Commodity Desk" and meta["published"] == "2026-01-13"  # {"name": …}; ISO with Z
    text = _text(root, coffee["slug"])
    assert "<p>" not in text and "\nTraders said dry weather" in text  # HTML content: one line per paragraph
    assert _meta(root, _entry(rep, "wire.jsonl line 2")["slug"])["published"] == "2026-01-16"  # Unix time
    assert _entry(rep, "wire.jsonl line 4")["reason"].startswith("not valid JSON")
    assert _entry(rep, "wire.jsonl line 5")["reason"] == "a JSON list, not an object with fields"
    assert _entry(rep, "wire.jsonl line 6")["reason"] == "no text (fetching links is off)"
    assert _entry(rep, "wire.jsonl line 7")["status"] == "added"
    assert not any(e["item"] == "wire.jsonl line 3" for e in rep.entries)  # a blank line is no item
    assert rep.count("added") == 3 and rep.count("refused") == 3


def test_json_array_export_with_an_articles_list(tmp_path):
    recs = [json.loads(line) for line in (FIX / "wire.jsonl").read_text(encoding="utf-8").splitlines()[:2]]
    blob = Blob("newsapi.json", json.dumps({"status": "ok", "totalResults": 2, "articles": recs}).encode())
    rep = import_sources([blob], root=tmp_path / "data", options=NO_FETCH)
    assert [e["status"] for e in rep.entries] == ["added", "added"]
    assert [e["item"] for e in rep.entries] == ["newsapi.json item 1", "newsapi.json item 2"]


# ------------------------------------------------------------------ feeds and links


class _Pages(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []

    def do_GET(self):  # noqa: N802
        self.seen.append(self.path)
        ctype, body = self.routes.get(self.path, ("text/html", None))
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", ctype)
        body = body if body is not None else b"<html><body>not found</body></html>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def pages():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = (FIX / "feed.atom").read_text(encoding="utf-8").replace("http://news.example", base)
    _Pages.routes = {
        "/ferry-fares.html": ("text/html; charset=utf-8", (FIX / "pages" / "ferry-fares.html").read_bytes()),
        "/feed.atom": ("application/atom+xml", feed.encode("utf-8")),
        "/front.html": ("text/html", b"<html><body><a href='/feed.atom'>feed</a></body></html>"),
    }
    _Pages.seen = []
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield base, feed
    httpd.shutdown()
    httpd.server_close()


def test_atom_feed_uses_full_content_and_fetches_the_other_item_pages(tmp_path, pages):
    base, feed = pages
    src = tmp_path / "harbour.atom"
    src.write_text(feed, encoding="utf-8")
    root = tmp_path / "data"
    rep = import_sources([src], root=root, options=Options(allow_private={"127.0.0.1"}))
    strike, ferry, pilots = rep.entries
    assert "/port-strike-ends.html" not in _Pages.seen  # the feed carried the whole story
    assert "\nThe FNV union said 78% of members" in _text(root, strike["slug"])
    assert _meta(root, strike["slug"])["source"] == "Harbour Wire"
    assert "/ferry-fares.html" in _Pages.seen
    page_text = _text(root, ferry["slug"])
    assert "Councillor Amir Haddad said" in page_text and "tracking" not in page_text and "Home" not in page_text
    assert _meta(root, ferry["slug"])["url"] == f"{base}/ferry-fares.html"
    assert _meta(root, ferry["slug"])["published"] == "2026-01-07"
    assert pilots["status"] == "added" and any("404" in w for w in pilots["warnings"])
    assert any("only the feed's summary" in w for w in pilots["warnings"])


def test_feed_item_pages_go_through_the_guarded_fetcher(tmp_path, pages):
    base, feed = pages
    src = tmp_path / "harbour.atom"
    src.write_text(feed, encoding="utf-8")
    rep = import_sources([src], root=tmp_path / "data", options=Options())  # no test-only permission
    ferry = rep.entries[1]
    assert any("loopback" in w for w in ferry["warnings"]) and _Pages.seen == []


def test_feed_links_are_fetched_and_a_web_page_is_not_a_feed(tmp_path, pages):
    base, _ = pages
    local = Options(allow_private={"127.0.0.1"}, feed_pages="never")
    rep = import_sources([f"{base}/feed.atom"], root=tmp_path / "data", options=local)
    assert rep.total == 3 and rep.count("added") == 3 and "/ferry-fares.html" not in _Pages.seen
    page = import_sources([f"{base}/front.html"], root=tmp_path / "data", options=local)
    assert page.entries[0]["status"] == "refused" and "is a web page, not a feed" in page.entries[0]["reason"]
    private = import_sources(["http://10.1.2.3/feed.xml"], root=tmp_path / "data", options=Options())
    assert "private address" in private.entries[0]["reason"]


def test_a_file_that_is_not_a_feed_is_refused(tmp_path):
    bad = Blob("broken.rss", b"<html><body>Not a feed at all, just a page.</body></html>")
    rep = import_sources([bad], root=tmp_path / "data", options=NO_FETCH)
    assert rep.entries[0]["status"] == "refused" and "not an RSS or Atom feed" in rep.entries[0]["reason"]


# ------------------------------------------------------------------ folders, duplicates, report


def test_folder_with_duplicates_and_a_binary_file(tmp_path):
    root = tmp_path / "data"
    rep = import_sources([FIX / "desk"], root=root, options=NO_FETCH)
    got = {e["item"]: (e["status"], e["reason"]) for e in rep.entries}
    assert got["desk/heat-pumps (copy).txt"][0] == "added"
    assert got["desk/heat-pumps.txt"] == ("duplicate", "same text as desk/heat-pumps (copy).txt")
    assert got["desk/metro/rail-strike.md"][0] == "added" and got["desk/metro/museum.html"][0] == "added"
    assert got["desk/metro/notes.txt"][0] == "refused" and "binary file" in got["desk/metro/notes.txt"][1]
    assert got["desk/metro/scan.jpg"][0] == "refused" and "unsupported file type '.jpg'" in got["desk/metro/scan.jpg"][1]
    museum = _meta(root, _entry(rep, "desk/metro/museum.html")["slug"])
    assert museum["source"] == "Granite City Post" and museum["published"] == "2026-01-16"
    with open(rep.report_path, encoding="utf-8", newline="") as fh:
        report = list(csv.DictReader(fh))
    assert {r["item"]: r["status"] for r in report} == {
        "desk/heat-pumps.txt": "duplicate", "desk/metro/notes.txt": "refused", "desk/metro/scan.jpg": "refused"}
    assert report == [{k: str(v) for k, v in r.items()} for r in report_rows(rep)]
    again = import_sources([FIX / "desk"], root=root, options=NO_FETCH, restart=True)
    assert again.count("added") == 0 and again.count("duplicate") == 4  # all three now stored, and the copy
    assert "same text as the stored article" in _entry(again, "desk/metro/rail-strike.md")["reason"]


def test_a_text_already_in_the_data_folder_is_a_duplicate(tmp_path, data_copy, seed_text):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed_text.replace("\n", "\r\n"), encoding="utf-8")
    rep = import_sources([tmp_path / "in"], root=data_copy, options=NO_FETCH)
    assert rep.entries[0]["reason"] == "same text as the stored article 000_dfcec0da395424a0"


# ------------------------------------------------------------------ stop and resume


def test_an_interrupted_import_continues_where_it_stopped(tmp_path):
    inputs = [FIX / "archive.csv", FIX / "desk"]
    whole = import_sources(inputs, root=tmp_path / "whole", options=NO_FETCH)
    root = tmp_path / "data"
    calls = []

    def stop_after_three(done, total, item):
        calls.append(done)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_sources(inputs, root=root, options=NO_FETCH, progress=stop_after_three)
    assert len(list_slugs(root)) == 3
    seen = []
    rep = import_sources(inputs, root=root, options=NO_FETCH, progress=lambda d, t, i: seen.append(d))
    assert rep.resumed == 3 and seen[0] == 4 and seen[-1] == rep.total == whole.total
    assert sorted(list_slugs(root)) == sorted(list_slugs(tmp_path / "whole"))
    assert [(e["item"], e["status"]) for e in rep.entries] == [(e["item"], e["status"]) for e in whole.entries]


def test_a_crash_between_writing_an_article_and_its_journal_line_is_no_duplicate(tmp_path):
    root = tmp_path / "data"
    rep = import_sources([FIX / "desk"], root=root, options=NO_FETCH)
    journal = rep.folder / "journal.jsonl"
    lines = journal.read_text(encoding="utf-8").splitlines()
    first_added = next(i for i, ln in enumerate(lines) if json.loads(ln)["status"] == "added")
    journal.write_text("\n".join(lines[:first_added]) + ("\n" if first_added else ""), encoding="utf-8")
    again = import_sources([FIX / "desk"], root=root, options=NO_FETCH)
    assert [(e["item"], e["status"]) for e in again.entries] == [(e["item"], e["status"]) for e in rep.entries]
    assert len(list_slugs(root)) == rep.count("added")


# ------------------------------------------------------------------ command line, with preprocessing


def test_cli_imports_a_folder_and_preprocesses_the_new_articles(tmp_path, capsys, nlp):
    from newslens.__main__ import main
    from newslens.index import read_index
    from newslens.storage import check_processed

    root = tmp_path / "data"
    shutil.copytree(FIX / "desk", tmp_path / "desk")
    code = main(["import", str(tmp_path / "desk"), "--no-fetch", "--quiet", "--data-dir", str(root)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "import: 3 added, 1 duplicate skipped, 2 refused" in out and "preprocess: 3 processed" in out
    assert "report: " in out
    slugs = list_slugs(root)
    assert len(slugs) == 3 and all(check_processed(root, s)[1] is None for s in slugs)
    index = read_index(root)
    assert index is not None and sorted(index.frames["articles"]["article"]) == sorted(slugs)
    assert main(["import", str(tmp_path / "desk"), "--no-fetch", "--quiet", "--data-dir", str(root)]) == 0
    out = capsys.readouterr().out  # the same command again: the run is done, preprocessing too
    assert "import: 3 added, 1 duplicate skipped, 2 refused; 6 done by an earlier run" in out
    assert "preprocess: 0 processed, 3 already current, 0 failed" in out
    assert main(["import", str(tmp_path / "desk"), "--quiet", "--data-dir", str(root)]) == 0
    assert "import: 0 added, 4 duplicates skipped, 2 refused\n" in capsys.readouterr().out  # other options: a new run


def test_cli_refuses_a_path_that_does_not_exist(tmp_path, capsys):
    from newslens.__main__ import main

    assert main(["import", str(tmp_path / "nowhere"), "--data-dir", str(tmp_path / "data")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
