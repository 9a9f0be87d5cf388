"""Benchmark: News Lens entities against the bare spaCy model, on CoNLL-2003 English (Reuters, 1996).

Run: python benchmarks/bench_entities.py PATH/eng.testa [--aida PATH/AIDA-YAGO2-dataset.tsv] [--show N]

Development data only: eng.testa (or eng.train) and AIDA's train/testa documents. The test split (eng.testb,
AIDA "testb") is reserved for independent evaluation: this script refuses a file named so and stops reading
the AIDA file at its first testb document. The texts are Reuters': keep them outside the repository (for
example /work/data-local/conll/); they are never committed.

Each CoNLL document becomes one article: one line per CoNLL sentence (the first is the all-caps headline, the
second usually the dateline "LONDON 1996-08-30"), tokens joined with the spaces English text would have, so
every gold token has exact character offsets. Both systems read the same parse: "spaCy" is the model's own
entity spans in News Lens's parse of the article; "News Lens" is `extract_entities` over that parse.

Label mapping (spaCy -> CoNLL): PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; NORP, PRODUCT, EVENT,
WORK_OF_ART, LAW, LANGUAGE and News Lens's INDEX -> MISC (CoNLL's MISC holds nationalities, events, works, laws and languages);
numeric labels (DATE, MONEY, CARDINAL, ...) are not names and are left out of both systems.

Figures:
- mention F1, exact span + type, and exact span alone; typed F1 per CoNLL type;
- B-cubed F1 of the grouping, over the gold mentions a system found with the exact span: gold groups are
  AIDA's entity links (a mention without a link is grouped by its type and folded text); without --aida, an
  approximate grouping (same type and folded text, a lone word joined to the one longer PER name that ends
  or starts with it). spaCy's grouping is "same surface text"; News Lens's is its entities;
- entity-level F1: one row per real-world thing in a document, right type: a system entity counts when its
  type is the gold group's type and the gold group holds most of its exactly found mentions;
- regressions: gold mentions the model had right (exact span and type) that News Lens gets wrong; fixed:
  the reverse.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens.entities import extract_entities  # noqa: E402
from newslens.pipeline import load_model, parse_many  # noqa: E402

LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
             "PRODUCT": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
             "INDEX": "MISC"}
TYPES = ("PER", "ORG", "LOC", "MISC")
NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "]", "}", "'s", "'S", "n't", "'", "%", "?", "!", "'re", "'ve",
                   "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}
WHERE = ("CoNLL-2003 English: eng.train / eng.testa from any public copy (for example a GitHub repository "
         "that ships data/eng.testa); AIDA CoNLL-YAGO: AIDA-YAGO2-dataset.tsv from the Max Planck Institute's "
         "AIDA downloads page. Keep both outside the repository, e.g. /work/data-local/conll/.")


@dataclass
class Doc:
    doc_id: str
    tokens: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    gold: list[tuple[int, int, str]] = field(default_factory=list)  # token ranges + CoNLL type
    links: dict[int, str] = field(default_factory=dict)  # first token of a mention -> AIDA link
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------ reading


def read_conll(path: Path) -> list[Doc]:
    if "testb" in path.name.lower():
        raise SystemExit(f"{path.name}: the CoNLL test split is reserved; use eng.testa (development) or eng.train")
    docs: list[Doc] = []
    doc: Doc | None = None
    sent_start = None
    prev_type = "O"
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("-DOCSTART-") or doc is None:
                doc = Doc(doc_id=f"{path.stem}-{len(docs) + 1}")
                docs.append(doc)
                sent_start, prev_type = None, "O"
                if line.startswith("-DOCSTART-"):
                    continue
            if not line.strip():
                if sent_start is not None:
                    doc.sentences.append((sent_start, len(doc.tokens)))
                sent_start, prev_type = None, "O"
                continue
            parts = line.split()
            tok, tag = parts[0], parts[-1]
            if sent_start is None:
                sent_start = len(doc.tokens)
            k = len(doc.tokens)
            doc.tokens.append(tok)
            kind = tag[2:] if tag != "O" else "O"
            if tag == "O":
                pass
            elif tag.startswith(("B-", "S-")) or kind != prev_type:
                doc.gold.append((k, k + 1, kind))
            else:  # I- / E- continuing the mention before
                s, _, t = doc.gold[-1]
                doc.gold[-1] = (s, k + 1, t)
            prev_type = "O" if tag.startswith(("E-", "S-")) else kind
    for d in docs:
        if d.tokens and (not d.sentences or d.sentences[-1][1] < len(d.tokens)):
            d.sentences.append((d.sentences[-1][1] if d.sentences else 0, len(d.tokens)))
    return [d for d in docs if d.tokens]


def read_aida(path: Path, split: str) -> list[list[tuple[str, str | None]]]:
    """(token, link or None) per token, per document of `split` ("train" or "testa"); stops before testb."""
    docs: list[list[tuple[str, str | None]]] = []
    cur: list | None = None
    link = None
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if "testb" in line:
                    break  # the reserved split: never read
                name = "testa" if "testa" in line else "train"
                cur = [] if name == split else None
                if cur is not None:
                    docs.append(cur)
                continue
            if cur is None or not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) >= 4:
                if cols[1] == "B":
                    link = cols[4] if len(cols) > 4 and cols[3] != "--NME--" else None
                cur.append((cols[0], link or f"NIL:{cols[2]}"))
            else:
                cur.append((cols[0], None))
    return docs


def attach_links(docs: list[Doc], aida: list[list[tuple[str, str | None]]]) -> int:
    """AIDA links onto the CoNLL mentions (documents in the same order); the number of documents linked."""
    linked = 0
    for d, a in zip(docs, aida):
        if [t for t, _ in a] != d.tokens:
            continue
        linked += 1
        for s, _e, _t in d.gold:
            if a[s][1] is not None:
                d.links[s] = a[s][1]
    return linked


def rebuild_text(doc: Doc) -> None:
    """One line per sentence; English spacing; exact offsets of every token."""
    out: list[str] = []
    pos = 0
    offsets: list[tuple[int, int]] = [(0, 0)] * len(doc.tokens)
    for si, (s, e) in enumerate(doc.sentences):
        if si:
            out.append("\n")
            pos += 1
        quote_open = False
        for k in range(s, e):
            tok = doc.tokens[k]
            prev = doc.tokens[k - 1] if k > s else None
            space = k > s and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER
            if tok == '"':
                space = k > s and not quote_open
                quote_open = not quote_open
            elif prev == '"' and quote_open:
                space = False
            if space:
                out.append(" ")
                pos += 1
            offsets[k] = (pos, pos + len(tok))
            out.append(tok)
            pos += len(tok)
    doc.text = "".join(out)
    doc.offsets = offsets


# ------------------------------------------------------------------------------------------------ scoring


def fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def gold_groups(doc: Doc) -> dict[tuple[int, int], str]:
    """(start, end) character span -> gold group key."""
    spans = [(doc.offsets[s][0], doc.offsets[e - 1][1], t, s) for s, e, t in doc.gold]
    out = {}
    if doc.links:
        for s, e, t, k in spans:
            link = doc.links.get(k)
            out[(s, e)] = link if link and not link.startswith("NIL:") else f"{t}:{fold(doc.text[s:e])}"
        return out
    fulls = defaultdict(set)
    for s, e, t, _ in spans:
        words = fold(doc.text[s:e]).split()
        if t == "PER" and len(words) >= 2:
            fulls[words[-1]].add(" ".join(words))
            fulls[words[0]].add(" ".join(words))
    for s, e, t, _ in spans:
        key = fold(doc.text[s:e])
        if t == "PER" and " " not in key and len(fulls.get(key, ())) == 1:
            key = next(iter(fulls[key]))
        out[(s, e)] = f"{t}:{key}"
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class System:
    name: str
    mentions: dict = field(default_factory=dict)  # (doc, start, end) -> CoNLL type
    groups: dict = field(default_factory=dict)  # (doc, start, end) -> group key
    entities: list = field(default_factory=list)  # (doc, type, [(start, end), ...])
    why: Counter = field(default_factory=Counter)  # entity-level errors by kind


def score(system: System, gold: dict, gold_group: dict, gold_entities: list) -> dict:
    typed_tp = sum(1 for k, t in system.mentions.items() if gold.get(k) == t)
    span_tp = sum(1 for k in system.mentions if k in gold)
    row = {"typed": prf(typed_tp, len(system.mentions), len(gold))[2],
           "untyped": prf(span_tp, len(system.mentions), len(gold))[2]}
    for t in TYPES:
        tp = sum(1 for k, tt in system.mentions.items() if tt == t and gold.get(k) == t)
        row[t] = prf(tp, sum(1 for tt in system.mentions.values() if tt == t),
                     sum(1 for tt in gold.values() if tt == t))[2]
    row["b3"] = b_cubed(system, gold_group)
    row["entity"] = entity_f1(system, gold_group, gold_entities)
    row["why"] = system.why
    return row


def b_cubed(system: System, gold_group: dict) -> float:
    found = [k for k in gold_group if k in system.groups]
    by_sys, by_gold = defaultdict(set), defaultdict(set)
    for k in found:
        by_sys[(k[0], system.groups[k])].add(k)
        by_gold[(k[0], gold_group[k])].add(k)
    if not found:
        return 0.0
    p = r = 0.0
    for k in found:
        s, g = by_sys[(k[0], system.groups[k])], by_gold[(k[0], gold_group[k])]
        both = len(s & g)
        p += both / len(s)
        r += both / len(g)
    p, r = p / len(found), r / len(found)
    return 2 * p * r / (p + r) if p + r else 0.0


def entity_f1(system: System, gold_group: dict, gold_entities: list) -> float:
    gold_type = {key: t for key, t in gold_entities}
    matched = set()
    tp = 0
    system.why = Counter()
    for doc_id, etype, spans in system.entities:
        hits = Counter(gold_group[(doc_id, s, e)] for s, e in spans if (doc_id, s, e) in gold_group)
        if not hits:
            system.why["no exact mention"] += 1
            continue
        g, n = hits.most_common(1)[0]
        key = (doc_id, g)
        if n * 2 <= sum(hits.values()):
            system.why["mixed groups"] += 1
        elif gold_type.get(key) != etype:
            system.why[f"type {gold_type.get(key)}->{etype}"] += 1
        elif key in matched:
            system.why["split"] += 1
        else:
            matched.add(key)
            tp += 1
    system.why["gold missed"] = len(gold_entities) - tp
    return prf(tp, len(system.entities), len(gold_entities))[2]


# ------------------------------------------------------------------------------------------------ running


def run(docs: list[Doc], nlp, show: int = 0) -> tuple[dict, dict, dict]:
    gold, gold_group, gold_entities = {}, {}, []
    model, lens = System("spaCy"), System("News Lens")
    t0 = time.perf_counter()
    for d, parsed in zip(docs, parse_many([d.text for d in docs], nlp)):
        groups = gold_groups(d)
        types_by_group = defaultdict(Counter)
        for (s, e, t) in d.gold:
            span = (d.doc_id, d.offsets[s][0], d.offsets[e - 1][1])
            gold[span] = t
            gold_group[span] = groups[span[1:]]
            types_by_group[groups[span[1:]]][t] += 1
        gold_entities += [((d.doc_id, g), c.most_common(1)[0][0]) for g, c in types_by_group.items()]
        _model_system(model, d, parsed)
        for ent in extract_entities(parsed):
            t = LABEL_MAP.get(ent.label)
            if t is None:
                continue
            spans = [(m.start, m.end) for m in ent.mentions]
            for s, e in spans:
                lens.mentions[(d.doc_id, s, e)] = t
                lens.groups[(d.doc_id, s, e)] = ent.id
            lens.entities.append((d.doc_id, t, spans))
    seconds = time.perf_counter() - t0
    rows = {s.name: score(s, gold, gold_group, gold_entities) for s in (model, lens)}
    broken = [k for k, t in gold.items() if model.mentions.get(k) == t and lens.mentions.get(k) != t]
    fixed = [k for k, t in gold.items() if model.mentions.get(k) != t and lens.mentions.get(k) == t]
    if show:
        texts = {d.doc_id: d.text for d in docs}
        for k in broken[:show]:
            doc_id, s, e = k
            ctx = texts[doc_id][max(0, s - 60): e + 40].replace("\n", " | ")
            print(f"  broken {gold[k]:4} -> {lens.mentions.get(k, '-'):4} {texts[doc_id][s:e]!r}  …{ctx}…")
    stats = {"documents": len(docs), "gold mentions": len(gold), "gold entities": len(gold_entities),
             "broken": len(broken), "fixed": len(fixed), "seconds": seconds}
    return rows, stats, {"broken": broken, "fixed": fixed}


def _model_system(model: System, d: Doc, parsed) -> None:
    surface = defaultdict(list)
    for seg in parsed.segments:
        for ent in seg.doc.ents:
            t = LABEL_MAP.get(ent.label_)
            if t is None:
                continue
            s = seg.start + ent.start_char
            e = seg.start + ent.end_char
            model.mentions[(d.doc_id, s, e)] = t
            key = fold(ent.text)
            model.groups[(d.doc_id, s, e)] = key
            surface[key].append((s, e, t))
    for key, items in surface.items():
        t = Counter(t for _, _, t in items).most_common(1)[0][0]
        model.entities.append((d.doc_id, t, [(s, e) for s, e, _ in items]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("conll", nargs="?", default=os.environ.get("NEWSLENS_CONLL"),
                    help="path of eng.testa (development split) or eng.train")
    ap.add_argument("--aida", default=os.environ.get("NEWSLENS_AIDA"), help="AIDA-YAGO2-dataset.tsv (optional)")
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--show", type=int, default=0, help="print N regressions with their context")
    args = ap.parse_args(argv)
    if not args.conll or not Path(args.conll).is_file():
        print(f"no CoNLL file given or found ({args.conll!r}). {WHERE}", file=sys.stderr)
        return 2
    path = Path(args.conll)
    docs = read_conll(path)
    if args.limit:
        docs = docs[: args.limit]
    grouping = "approximate (no AIDA links)"
    if args.aida:
        split = "testa" if "testa" in path.name else "train"
        linked = attach_links(docs, read_aida(Path(args.aida), split))
        grouping = f"AIDA links ({linked} of {len(docs)} documents aligned)"
    for d in docs:
        rebuild_text(d)
    nlp = load_model()
    rows, stats, _ = run(docs, nlp, show=args.show)
    print(f"# {path.name}: {stats['documents']} documents, {stats['gold mentions']} gold mentions, "
          f"{stats['gold entities']} gold entities; grouping gold: {grouping}")
    print(f"# machine: {platform.machine()} {platform.system()} {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, model {nlp.meta.get('name')} {nlp.meta.get('version')}; "
          f"{stats['seconds']:.1f} s for both systems")
    cols = [("typed", "mention F1 (span+type)"), ("untyped", "mention F1 (span)"), ("PER", "PER"),
            ("ORG", "ORG"), ("LOC", "LOC"), ("MISC", "MISC"), ("b3", "B3 F1"), ("entity", "entity F1")]
    print("| measure | bare spaCy | News Lens | ratio |")
    print("| --- | --- | --- | --- |")
    for key, title in cols:
        a, b = rows["spaCy"][key], rows["News Lens"][key]
        print(f"| {title} | {100 * a:.1f} | {100 * b:.1f} | {b / a if a else 0:.3f} |")
    print(f"| mentions the model had right that News Lens breaks | — | {stats['broken']} "
          f"(against {stats['fixed']} fixed) | |")
    if args.show:
        for name in ("spaCy", "News Lens"):
            print(f"# {name} entity errors: {dict(rows[name]['why'].most_common())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
