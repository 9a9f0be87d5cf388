"""Model loading, parsing of segments, and `analyze(text) -> Analysis`."""
from __future__ import annotations

import bisect
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from . import __version__
from .config import install_hint, model_name
from .schema import Analysis, Article, PipelineInfo, Segment

MAX_SEGMENT_CHARS = 20_000  # longer lines are cut at sentence ends to keep the parser linear


class ModelNotFoundError(RuntimeError):
    """The spaCy pipeline named in the settings is not installed."""


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load a spaCy English pipeline by name, once per process."""
    import spacy

    name = model_name(name)
    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed. Install it with: {install_hint(name)} "
            f"(or set NEWSLENS_MODEL / --model to an installed English pipeline)"
        ) from exc


def pipeline_info(nlp) -> PipelineInfo:
    """Name and versions that identify the output of `nlp`."""
    import spacy

    meta = nlp.meta
    return PipelineInfo(
        model=f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        model_version=str(meta.get("version", "")),
        spacy_version=spacy.__version__,
        newslens_version=__version__,
    )


@dataclass
class ParsedSegment:
    """A segment of the article and its spaCy Doc; `start` maps Doc offsets to article offsets."""

    start: int
    end: int
    kind: str
    doc: object  # spacy.tokens.Doc


@dataclass
class ParsedArticle:
    """The article text with every segment parsed; offsets anywhere are global."""

    text: str
    segments: list[ParsedSegment]
    sentences: list = field(default_factory=list)  # spaCy Spans, in text order
    sentence_starts: list[int] = field(default_factory=list)  # global start of each sentence

    def __post_init__(self) -> None:
        if not self.sentences:
            for seg in self.segments:
                for sent in seg.doc.sents:
                    self.sentences.append(sent)
                    self.sentence_starts.append(seg.start + sent.start_char)

    def offset(self, token_or_span) -> int:
        """Global start offset of a Token or Span of one of the segment docs."""
        seg = self.segment_of(token_or_span)
        idx = token_or_span.idx if hasattr(token_or_span, "idx") else token_or_span.start_char
        return seg.start + idx

    def segment_of(self, token_or_span) -> ParsedSegment:
        """The segment whose Doc holds this Token or Span."""
        doc = token_or_span.doc
        for seg in self.segments:
            if seg.doc is doc:
                return seg
        raise ValueError("token does not belong to this article")

    def sentence_index(self, start: int) -> int:
        """Index of the sentence containing global offset `start` (-1 if none)."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        return i

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Global [start, end) of sentence i."""
        sent = self.sentences[i]
        return self.sentence_starts[i], self.sentence_starts[i] + len(sent.text)


def _pieces(text: str, segments: list[Segment]) -> Iterator[tuple[int, int, str]]:
    """Segments, with very long ones cut at sentence ends (or spaces) into parser-sized pieces."""
    for seg in segments:
        s = seg.start
        while seg.end - s > MAX_SEGMENT_CHARS:
            cut = text.rfind(". ", s, s + MAX_SEGMENT_CHARS)
            if cut <= s:
                cut = text.rfind(" ", s, s + MAX_SEGMENT_CHARS)
            cut = cut + 1 if cut > s else s + MAX_SEGMENT_CHARS
            yield s, cut, seg.kind
            s = cut
            while s < seg.end and text[s].isspace():
                s += 1
        if s < seg.end:
            yield s, seg.end, seg.kind


def parse_many(texts: Iterable[str], nlp, *, batch_size: int = 256, n_process: int = 1) -> Iterator[ParsedArticle]:
    """Parse many articles, all their segments streamed through one `nlp.pipe`."""
    from .segments import split_segments

    texts = list(texts)
    plans = []
    flat = []
    for text in texts:
        pieces = list(_pieces(text, split_segments(text)))
        plans.append(len(pieces))
        flat.extend((text[s:e], (s, e, k)) for s, e, k in pieces)
    docs = nlp.pipe(flat, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for text, n in zip(texts, plans):
        segs = []
        for _ in range(n):
            doc, (s, e, k) = next(docs)
            segs.append(ParsedSegment(s, e, k, doc))
        yield ParsedArticle(text=text, segments=segs)


def sha256_text(text: str) -> str:
    """Hex sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_analysis(
    parsed: ParsedArticle,
    nlp,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    slug: str | None = None,
    url: str | None = None,
    corrections=None,
) -> Analysis:
    """Run every extractor over a parsed article."""
    from .entities import apply_salience, extract_entities
    from .metadata import detect_metadata
    from .numbers import extract_numbers
    from .quotes import extract_quotes

    text = parsed.text
    meta = detect_metadata(text, [Segment(s.start, s.end, s.kind) for s in parsed.segments])
    published = published or meta.published
    entities = extract_entities(parsed, corrections=corrections, slug=slug)
    quotes = extract_quotes(parsed, entities)
    numbers = extract_numbers(parsed, entities, published=published)
    apply_salience(entities, quotes, numbers, parsed)
    return Analysis(
        article=Article(
            title=title or meta.title,
            published=published,
            source=source or meta.source,
            text=text,
            sha256=sha256_text(text),
            slug=slug,
            url=url,
            segments=[Segment(s.start, s.end, s.kind) for s in parsed.segments],
        ),
        pipeline=pipeline_info(nlp),
        entities=entities,
        quotes=quotes,
        numbers=numbers,
        sentences=[
            Segment(st, st + len(sent.text), "sentence")
            for st, sent in zip(parsed.sentence_starts, parsed.sentences)
        ],
    )


def analyze(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    model: str | None = None,
    nlp=None,
    corrections=None,
) -> Analysis:
    """Analyse one article's text; see DESIGN.md for the JSON of `.to_dict()`."""
    nlp = nlp or load_model(model)
    parsed = next(parse_many([text], nlp))
    return build_analysis(parsed, nlp, title=title, published=published, source=source, corrections=corrections)
