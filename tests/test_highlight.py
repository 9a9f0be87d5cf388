"""Marked article text: escaped always, marks exact, nested and across paragraphs."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ui.highlight import Mark, article_html, marked_html, quote_marks


def strip_tags(s: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", s.replace("<br>", "\n").replace('</p><p style="margin:0 0 .8rem 0">', "\n")))


def test_user_html_is_escaped():
    text = 'Hi <img src=x onerror=alert(1)> <script>alert("x")</script> & “done”'
    out = marked_html(text, [Mark(0, 2, "entity", "PERSON", 'ti"tle<')])
    assert "<img" not in out and "<script" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert 'title="ti&quot;tle&lt;"' in out
    assert strip_tags(out) == text


def test_nested_marks_and_paragraphs():
    text = "Line one says “quote here”.\nSecond line about Acme."
    q = text.index("quote here")
    acme = text.index("Acme")
    marks = [Mark(q, q + 10, "quote", "direct"), Mark(q, q + 5, "entity", "ORG"), Mark(acme, acme + 4, "entity", "ORG")]
    out = article_html(text, marks)
    assert out.count("<p") == 2
    # the quote is drawn in two pieces (around the nested entity), both pieces marked
    quoted = re.findall(r'class="nl-quote"[^>]*>(.*?)</span>(?:</span>)?', out)
    assert strip_tags("".join(quoted)) == "quote here"
    assert out.count('class="nl-entity"') == 2
    # the entity inside the quote is nested inside the quote span
    assert re.search(r'class="nl-quote"[^>]*><span class="nl-entity"', out)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'“”\n")), max_size=40), st.data())
def test_any_text_and_marks_round_trip(text, data):
    n = len(text)
    marks = []
    for _ in range(data.draw(st.integers(0, 4))):
        a = data.draw(st.integers(0, n))
        b = data.draw(st.integers(a, n))
        marks.append(Mark(a, b, data.draw(st.sampled_from(["entity", "quote", "number"])), "ORG"))
    out = marked_html(text, marks)
    assert "<script" not in out
    assert strip_tags(out) == text


def test_partial_statement_marks_the_clause_and_its_quoted_words():
    text = "She said the plan was “a gift to polluters” and <b>bad</b>."
    s = text.index("the plan")
    e = text.index(" and")
    w = text.index("a gift")
    q = {"start": s, "end": e, "kind": "partial",
         "quoted": [{"start": w, "end": w + len("a gift to polluters"), "text": "a gift to polluters"}]}
    marks = quote_marks(q, "partial · Jane <Doe>")
    assert [(m.layer, m.start, m.end) for m in marks] == [("quote", s, e), ("quoted", w, w + 19)]
    out = marked_html(text, marks)
    inner = re.findall(r'class="nl-quoted"[^>]*>(.*?)</span>', out)
    assert strip_tags("".join(inner)) == "a gift to polluters"
    # the quoted words sit inside the clause's mark, and the whole clause is marked
    assert re.search(r'class="nl-quote"[^>]*><span class="nl-quoted"', out)
    clause = re.findall(r'class="nl-quote"[^>]*>(.*?)</span>(?:</span>)?', out)
    assert strip_tags("".join(clause)) == text[s:e]
    assert "Jane &lt;Doe&gt;" in out and "<Doe>" not in out


def test_direct_quote_has_no_separate_quoted_mark():
    q = {"start": 3, "end": 9, "kind": "direct", "quoted": [{"start": 3, "end": 9, "text": "abcdef"}]}
    assert [m.layer for m in quote_marks(q, "direct")] == ["quote"]
