"""Segments: credit and caption lines cut out as their own segments, names in them read."""
from __future__ import annotations

import pytest

from newslens.segments import find_credits, split_segments


def _segs(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in split_segments(text)]


def test_seed_caption_with_run_on_credit(seed_text):
    segs = _segs(seed_text)
    captions = [t for k, t in segs if k == "caption"]
    assert captions == ["Wei Shaojun, vice-president of the China Semiconductor Industry Association. Photo: Sina"]
    following = [t for k, t in segs if t.startswith("Chinese social media giant ByteDance")]
    assert len(following) == 1 and following[0].endswith("the company’s Chinese clients.")
    [credit] = find_credits(seed_text)
    assert [(n.text, n.label) for n in credit.names] == [("Sina", "ORG")]
    assert seed_text[credit.names[0].start : credit.names[0].end] == "Sina"


@pytest.mark.parametrize(
    "line, names, caption, rest",
    [
        ("Protesters gathered outside parliament. Photograph: Dan Kitwood/Getty Images",
         [("Dan Kitwood", "PERSON"), ("Getty Images", "ORG")],
         "Protesters gathered outside parliament. Photograph: Dan Kitwood/Getty Images", None),
        ("Chinese President Xi Jinping in Beijing. Photo: Xinhua The meeting lasted two hours.",
         [("Xinhua", "ORG")], "Chinese President Xi Jinping in Beijing. Photo: Xinhua",
         "The meeting lasted two hours."),
        ("Crowds at the rally. Photo: AFP Chinese officials said the rally was peaceful.",
         [("AFP", "ORG")], "Crowds at the rally. Photo: AFP", "Chinese officials said the rally was peaceful."),
        ("A worker at a factory in Shenzhen. (AP Photo/Andy Wong)",
         [("AP", "ORG"), ("Andy Wong", "PERSON")], "A worker at a factory in Shenzhen. (AP Photo/Andy Wong)", None),
        ("Photo: Sam Tsang", [("Sam Tsang", "PERSON")], "Photo: Sam Tsang", None),
        ("Smoke rises over the port. Photo: Handout", [], "Smoke rises over the port. Photo: Handout", None),
        ("The ship sails. Photo: Jane Doe/Handout via Reuters", [("Jane Doe", "PERSON"), ("Reuters", "ORG")],
         "The ship sails. Photo: Jane Doe/Handout via Reuters", None),
        ("Reporting by Jane Doe in Beijing and Tom Lee in Shanghai; Editing by Mark Potter",
         [("Jane Doe", "PERSON"), ("Beijing", "GPE"), ("Tom Lee", "PERSON"), ("Shanghai", "GPE"),
          ("Mark Potter", "PERSON")],
         "Reporting by Jane Doe in Beijing and Tom Lee in Shanghai; Editing by Mark Potter", None),
        ("Reporting by Jane Doe; Editing by John Smith", [("Jane Doe", "PERSON"), ("John Smith", "PERSON")],
         "Reporting by Jane Doe; Editing by John Smith", None),
    ],
)
def test_credit_lines(line, names, caption, rest):
    text = "Headline about markets\n" + line
    found = [(n.text, n.label) for c in find_credits(text) for n in c.names]
    assert found == names
    for c in find_credits(text):
        for n in c.names:
            assert text[n.start : n.end] == n.text
    segs = _segs(text)
    assert ("caption", caption) in segs
    if rest is not None:
        assert segs[-1] == ("paragraph", rest)


def test_byline_does_not_swallow_next_paragraph():
    text = "Headline\nShares rose 3% in Tokyo.\nReporting by Jane Doe; Editing by John Smith\nMore news follows here."
    assert _segs(text) == [
        ("headline", "Headline"),
        ("paragraph", "Shares rose 3% in Tokyo."),
        ("caption", "Reporting by Jane Doe; Editing by John Smith"),
        ("paragraph", "More news follows here."),
    ]


def test_no_credit_in_ordinary_prose():
    text = "Headline\nThe photo was taken by a passer-by, the police said. Source code was leaked."
    assert find_credits(text) == []
    assert [k for k, _ in _segs(text)] == ["headline", "paragraph"]


def test_segments_cover_text_and_keep_offsets(seed_text):
    prev_end = -1
    for s in split_segments(seed_text):
        assert s.start > prev_end
        assert seed_text[s.start : s.end].strip() == seed_text[s.start : s.end]
        prev_end = s.end
