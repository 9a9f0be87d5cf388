"""Benchmark: newslens.quotes against textacy's direct_quotations on annotated news text.

Run: python benchmarks/bench_quotes.py   (a script, not a test; prints a table)
     python benchmarks/bench_quotes.py --polnear /work/data-local/polnear-dev   (the PolNeAR dev split:
     F1 at 0.3 and 0.8 cover, speaker accuracy, direct-only and all kinds; see benchmarks/polnear.py)

Texts: the shipped article with its gold file, and the hand-annotated paragraphs in
tests/fixtures/quotes_cases.json (many news styles). A statement counts as found when its span matches
exactly (quote marks and a trailing comma excluded); its speaker is right when the canonical speaker
equals the gold one. textacy only extracts direct quotations and does not resolve speakers, so its
speaker is the text of its speaker tokens ("he" is wrong where the gold says "Wei Shaojun"); the
"mention ok" column is lenient: the speaker text read is part of the gold speaker or is a pronoun.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens.entities import extract_entities  # noqa: E402
from newslens.pipeline import load_model, parse_many  # noqa: E402
from newslens.quotes import extract_quotes  # noqa: E402

SEED = "000_dfcec0da395424a0"
MARKS = "\"'“”‘’"
PRONOUNS = {"he", "she", "they", "it", "we", "i"}


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    speaker: int = 0
    mention: int = 0
    gold_direct: int = 0
    found_direct: int = 0
    speaker_direct: int = 0
    false_pos: int = 0
    errors: int = 0
    seconds: float = 0.0
    misses: list = field(default_factory=list)


def load_items() -> list[tuple[str, str, list[dict]]]:
    """(name, text, gold statements {start, end, kind, speaker})."""
    items = []
    text = (ROOT / "data" / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = json.loads((ROOT / "tests" / "fixtures" / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    items.append(("seed article", text, [
        {"start": g["span"][0], "end": g["span"][1], "kind": g["kind"], "speaker": g["speaker"]} for g in gold["quotes"]
    ]))
    cases = json.loads((ROOT / "tests" / "fixtures" / "quotes_cases.json").read_text(encoding="utf-8"))["cases"]
    for c in cases:
        golds = []
        for e in c["expected"]:
            s = c["text"].index(e["text"])
            golds.append({"start": s, "end": s + len(e["text"]), "kind": e["kind"], "speaker": e["speaker"]})
        items.append((c["id"], c["text"], golds))
    return items


def newslens_predict(nlp, text: str) -> list[dict]:
    parsed = next(parse_many([text], nlp))
    return [
        {"start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker,
         "mention": q.speaker_mention.text if q.speaker_mention else None,
         "mention_span": (q.speaker_mention.start, q.speaker_mention.end) if q.speaker_mention else None}
        for q in extract_quotes(parsed, extract_entities(parsed))
    ]


def _content_span(doc_text: str, start: int, end: int) -> tuple[int, int]:
    """textacy's content includes the quote marks; strip them and a trailing comma like the gold does."""
    while start < end and (doc_text[start] in MARKS or doc_text[start].isspace()):
        start += 1
    while end > start and (doc_text[end - 1] in MARKS or doc_text[end - 1] in " ,;:–—-\n"):
        end -= 1
    return start, end


def textacy_predict(nlp, text: str, *, per_paragraph: bool) -> tuple[list[dict], int]:
    """textacy direct_quotations, on the whole text or per line with apostrophes patched."""
    from textacy.extract.triples import direct_quotations

    pieces = []
    if per_paragraph:
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                # the patch: an apostrophe after a letter ("US’", "Nvidia’s") becomes U+02BC, not a quote mark
                patched = "".join(
                    "ʼ" if ch == "’" and i > 0 and line[i - 1].isalpha() else ch for i, ch in enumerate(line)
                )
                pieces.append((pos, patched))
            pos += len(line) + 1
    else:
        pieces.append((0, text))
    out, errors = [], 0
    for offset, piece in pieces:
        doc = nlp(piece)
        try:
            triples = list(direct_quotations(doc))
        except Exception:  # textacy bails out on unbalanced marks
            errors += 1
            continue
        for tr in triples:
            s, e = _content_span(piece, tr.content[0].idx, tr.content[-1].idx + len(tr.content[-1].text))
            spk = " ".join(t.text for t in tr.speaker) if tr.speaker else None
            if tr.speaker and len(tr.speaker) > 1:
                spk = piece[tr.speaker[0].idx : tr.speaker[-1].idx + len(tr.speaker[-1].text)]
            ms = (offset + tr.speaker[0].idx, offset + tr.speaker[-1].idx + len(tr.speaker[-1].text)) if tr.speaker else None
            out.append({"start": offset + s, "end": offset + e, "kind": "direct", "speaker": spk, "mention": spk,
                        "mention_span": ms})
    return out, errors


def score(tally: Tally, name: str, golds: list[dict], preds: list[dict]) -> None:
    by_span = {(p["start"], p["end"]): p for p in preds}
    gold_spans = {(g["start"], g["end"]) for g in golds}
    for g in golds:
        tally.gold += 1
        direct = g["kind"] == "direct"
        tally.gold_direct += direct
        p = by_span.get((g["start"], g["end"]))
        if p is None:
            tally.misses.append((name, g["start"], g["end"], g["kind"]))
            continue
        tally.found += 1
        tally.found_direct += direct
        if p["speaker"] == g["speaker"]:
            tally.speaker += 1
            tally.speaker_direct += direct
        m = (p.get("mention") or "").lower()
        if p["speaker"] == g["speaker"] or (m and (m in PRONOUNS or m in (g["speaker"] or "").lower())):
            tally.mention += 1
    tally.false_pos += sum(1 for p in preds if (p["start"], p["end"]) not in gold_spans)


def polnear_main(path: str) -> None:
    """News Lens and textacy on the PolNeAR dev split, one table."""
    import platform

    from polnear import Score, load_dev

    items = load_dev(Path(path))
    nlp = load_model()
    systems = {
        "News Lens": lambda t: (newslens_predict(nlp, t), 0),
        "textacy (whole text)": lambda t: textacy_predict(nlp, t, per_paragraph=False),
        "textacy (per paragraph, ’ patched)": lambda t: textacy_predict(nlp, t, per_paragraph=True),
    }
    n_gold = sum(len(g) for _, _, g in items)
    n_direct = sum(1 for _, _, gs in items for g in gs if g.kind == "direct")
    print(f"PolNeAR dev: {len(items)} articles, {n_gold} gold statements ({n_direct} direct); "
          f"machine: {platform.machine()} {platform.system()}, Python {platform.python_version()}")
    header = (f"{'system':<36} {'gold':<9} {'cover':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} "
              f"{'preds':>6} {'errors':>6} {'sec':>6}")
    print(header)
    print("-" * len(header))
    base = None
    for sname, fn in systems.items():
        scores = {(k, c): Score() for k in ("direct", "all") for c in (0.3, 0.8)}
        errors, t0 = 0, time.process_time()
        if sname.startswith("textacy"):
            try:
                import textacy  # noqa: F401
            except ImportError:
                print(f"{sname:<36} not run: textacy is not installed (pip install textacy)")
                continue
        for _, text, golds in items:
            preds, err = fn(text)
            errors += err
            direct = [g for g in golds if g.kind == "direct"]
            for (k, c), sc in scores.items():
                sc.add(direct if k == "direct" else golds, preds, golds, c)
        sec = time.process_time() - t0
        base = base or sec
        for (k, c), sc in scores.items():
            p, r, f, spk = sc.row()
            print(f"{sname:<36} {k:<9} {c:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f} {spk:>8.3f} {sc.pred:>6} {errors:>6} "
                  f"{sec:>6.1f}")
    print()
    print("gold direct: statements wholly inside quotation marks; all: direct, mixed and reported. A gold is found")
    print("when one prediction covers more than `cover` of it; every prediction counts (for direct, predictions that")
    print("match a non-direct gold are set aside). speaker: found golds whose speaker mention overlaps the annotated")
    print("source or whose speaker name shares a word with it. sec: CPU seconds (parse included).")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", metavar="PATH", help="local copy of the PolNeAR dev split (text/, attributions/)")
    args = ap.parse_args()
    if args.polnear:
        polnear_main(args.polnear)
        return
    nlp = load_model()
    items = load_items()
    groups = {"seed article": [items[0]], f"news cases ({len(items) - 1} texts)": items[1:]}
    systems = {
        "newslens.quotes": lambda t: (newslens_predict(nlp, t), 0),
        "textacy (whole text)": lambda t: textacy_predict(nlp, t, per_paragraph=False),
        "textacy (per paragraph, ’ patched)": lambda t: textacy_predict(nlp, t, per_paragraph=True),
    }
    header = (f"{'texts':<22} {'system':<36} {'found':>9} {'speaker':>9} {'mention ok':>10} "
              f"{'direct':>8} {'dir spk':>8} {'false +':>8} {'errors':>7} {'sec':>6}")
    print(header)
    print("-" * len(header))
    for gname, group in groups.items():
        for sname, fn in systems.items():
            tally = Tally()
            for name, text, golds in group:
                t0 = time.perf_counter()
                preds, errors = fn(text)
                tally.seconds += time.perf_counter() - t0
                tally.errors += errors
                score(tally, name, golds, preds)
            print(
                f"{gname:<22} {sname:<36} {tally.found:>4}/{tally.gold:<4} {tally.speaker:>4}/{tally.gold:<4} "
                f"{tally.mention:>4}/{tally.gold:<5} {tally.found_direct:>3}/{tally.gold_direct:<4} "
                f"{tally.speaker_direct:>3}/{tally.gold_direct:<4} {tally.false_pos:>8} {tally.errors:>7} "
                f"{tally.seconds:>6.2f}"
            )
    print()
    print("found: statements whose exact span was reported; speaker: canonical speaker equal to gold;")
    print("direct / dir spk: the same restricted to direct quotes (all textacy attempts); false +: reported")
    print("spans not in the gold; errors: texts (or paragraphs) on which the extractor raised.")


if __name__ == "__main__":
    main()
