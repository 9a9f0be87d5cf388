"""Model loading, parsing of segments, and `analyze(text) -> Analysis`."""
from __future__ import annotations

import functools
from collections import deque
from typing import Iterable, Iterator

from .claims import link_claims
from .config import VERSION, install_hint, model_name
from .corrections import apply_corrections
from .entities import apply_salience, extract_entities, finish_entities
from .metadata import detect_metadata
from .numbers import extract_numbers
from .parsed import ParsedArticle, ParsedSegment
from .quotes import extract_quotes
from .schema import Analysis, Article, PipelineInfo, Segment, sha256_text
from .segments import split_segments

MAX_SEGMENT_CHARS = 20_000  # longer lines are cut at sentence ends to keep the parser linear


class ModelNotFoundError(RuntimeError):
    """The spaCy pipeline named in the settings is not installed."""


def load_model(name: str | None = None, *, fast: bool = True):
    """Load a spaCy English pipeline by name, once per process.

    With `fast` (the default) the stock attribute_ruler + lemmatizer pair is replaced by
    `newslens.components.TokenAttrs`, which gives identical token attributes several times faster.
    """
    return _load_model(model_name(name), fast)


def load_model_copy(name: str | None = None, *, fast: bool = True):
    """A model of its own, outside the per-process cache (e.g. for each Dask worker thread pool)."""
    return _load_model.__wrapped__(model_name(name), fast)


@functools.lru_cache(maxsize=4)
def _load_model(name: str, fast: bool):
    import spacy

    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed. Install it with: {install_hint(name)} "
            f"(or set NEWSLENS_MODEL / --model to an installed English pipeline)"
        ) from exc
    if fast:
        from .components import use_token_attrs

        use_token_attrs(nlp)
    _warm_up()
    return nlp


def _warm_up() -> None:
    """Build the extractors' one-off tables now and freeze what the loaded model allocated.

    `gc.freeze()` moves every object alive at this point (the model's vocabulary, strings, the
    word lists: about 100,000 objects) into a generation the collector never scans again, so each
    later collection walks only the objects an analysis makes. Worker processes forked from here
    inherit the frozen set and keep its pages shared. The objects stay reachable for the life of
    the process anyway (the model is cached above), so nothing that could be freed is kept; the
    collection thresholds are left as they are.
    """
    import gc

    from .entities.names import _noun_index

    _noun_index()
    gc.collect()
    gc.freeze()


@functools.lru_cache(maxsize=8)
def _pipeline_ids(nlp) -> tuple[str, str, str]:
    import spacy

    meta = nlp.meta  # builds a fresh dict with every label: cache it per pipeline
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}", str(meta.get("version", "")), spacy.__version__


def pipeline_info(nlp) -> PipelineInfo:
    """Name and versions that identify the output of `nlp`."""
    model, version, spacy_version = _pipeline_ids(nlp)
    return PipelineInfo(model=model, model_version=version, spacy_version=spacy_version, newslens_version=VERSION)


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
    """Parse many articles, all their segments streamed through one `nlp.pipe`.

    Lazy in both directions: `texts` is read as the pipe needs input and each article is yielded as
    soon as its last segment is parsed, so memory stays at a few batches however many articles flow.
    """
    pending: deque[tuple[str, int]] = deque()  # articles fed to the pipe, with their number of pieces

    def feed():
        for text in texts:
            pieces = list(_pieces(text, split_segments(text)))
            pending.append((text, len(pieces)))
            for s, e, k in pieces:
                yield text[s:e], (s, e, k)

    docs = iter(nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process))
    segs: list[ParsedSegment] = []
    while True:
        while pending and len(segs) >= pending[0][1]:
            text, n = pending.popleft()
            yield ParsedArticle(text=text, segments=segs[:n])
            segs = segs[n:]
        try:
            doc, (s, e, k) = next(docs)
        except StopIteration:
            break
        segs.append(ParsedSegment(s, e, k, doc))
    while pending:  # articles without any segment after the last parsed one
        text, n = pending.popleft()
        yield ParsedArticle(text=text, segments=segs[:n])
        segs = segs[n:]


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
    text = parsed.text
    meta = detect_metadata(text, [Segment(s.start, s.end, s.kind) for s in parsed.segments])
    published = published or meta.published
    entities = extract_entities(parsed)
    if corrections:  # the user's rules come last, then ids and order are set again
        entities = finish_entities(apply_corrections(entities, corrections, slug=slug), parsed)
    quotes = extract_quotes(parsed, entities)
    numbers = extract_numbers(parsed, entities, published=published)
    link_claims(parsed, quotes, numbers)
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
        sentences=[Segment(st, en, "sentence") for st, en in zip(parsed.sentence_starts, parsed.sentence_ends)],
    )


def analyze_for_store(
    parsed: ParsedArticle | str,
    nlp,
    *,
    slug: str | None = None,
    meta: dict | None = None,
    corrections=None,
    corrections_sha256: str = "",
) -> dict:
    """The processed document of an article as the data folder keeps it (no file access).

    `meta` is its sidecar metadata (title, published, source, url; missing keys are read from the text);
    `corrections_sha256` stamps which corrections file the `corrections` rules came from.
    """
    if isinstance(parsed, str):
        parsed = next(parse_many([parsed], nlp))
    meta = meta or {}
    analysis = build_analysis(
        parsed, nlp, title=meta.get("title"), published=meta.get("published"), source=meta.get("source"),
        slug=slug, url=meta.get("url"), corrections=corrections,
    )
    analysis.pipeline.corrections_sha256 = corrections_sha256
    return analysis.to_dict()


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
