"""PolNeAR (networkdynamics/PolNeAR, LREC 2018) attributions as gold statements, and the cover metric.

Only the `dev` split may be used (train and test are reserved). The texts carry no licence: they are
never committed; pass the path of a local copy (the folder holding `text/` and `attributions/`).

Gold: every annotated attribution with a content span; a content in several pieces ("“A,” he said.
“B.”") is one gold per piece. Its kind: direct when the piece is wholly inside quotation marks,
mixed when it holds quoted words, indirect otherwise. Its source is the annotated source span (or none).

Metric (as GenderGapTracker's evaluation): a gold statement is found when one prediction covers more
than `cover` of its characters; every prediction counts. Predictions are matched one to one, best
cover first. For the direct-only figures the gold is the direct statements, and a prediction that
matches a gold statement of another kind at the same cover is set aside (a right statement, not a
direct quote); every other prediction counts, whatever kind the system gave it.
Speaker accuracy: of the found golds that have a source, the share whose predicted speaker mention
overlaps the annotated source span, or whose speaker name shares a word with the annotated source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DOUBLE_MARKS = "“”\"«»„"
QUOTED = re.compile(r"[“”\"«»„]|(?<!\w)[‘']|[’'](?!\w)")
STOP = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "said", "his", "her", "their", "its"}


@dataclass
class Gold:
    start: int
    end: int
    kind: str  # direct | mixed | indirect
    source: tuple[int, int] | None
    source_text: str


def _kind(text: str, s: int, e: int) -> str:
    piece = text[s:e].strip().replace("''", '"')  # two apostrophes: one newspaper's double mark
    core = piece.rstrip(".,;:!? ")
    before = text[max(0, s - 2):s].strip().replace("''", '"')
    after = text[e:e + 2].strip().replace("''", '"')
    opens = core[:1] in DOUBLE_MARKS + "‘" or before[-1:] in DOUBLE_MARKS + "‘"
    closes = core[-1:] in DOUBLE_MARKS + "’" or after[:1] in DOUBLE_MARKS + "’" or piece[-1:] in DOUBLE_MARKS
    inner = core.strip(DOUBLE_MARKS + "‘’")
    if opens and closes and not re.search(r"[“”\"]", inner):
        return "direct"
    return "mixed" if QUOTED.search(piece) else "indirect"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Quote marks, spaces and a trailing comma are not part of the words (as every system reports them)."""
    while s < e and (text[s] in DOUBLE_MARKS + "‘'" or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in DOUBLE_MARKS + "’'" or text[e - 1] in " \n,;:–—"):
        e -= 1
    return s, e


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str) -> list[Gold]:
    """The gold statements of one brat .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offs = cols[1].partition(" ")
            spans[cols[0]] = (label, _spans(offs))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(a.split(":", 1) for a in cols[1].split()))
    golds = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        src = spans.get(ev.get("Source", ""))
        source = None
        source_text = ""
        if src is not None:
            source = (min(a for a, _ in src[1]), max(b for _, b in src[1]))
            source_text = " ".join(text[a:b] for a, b in src[1])
        for s, e in content[1]:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if re.search(r"\w", text[s:e]):
                kind = _kind(text, s, e)
                s, e = _trim(text, s, e)
                golds.append(Gold(s, e, kind, source, source_text))
    return golds


def load_dev(root: Path) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, golds) per article; one annotator's file per article (the first by name)."""
    root = Path(root)
    if (root / "data" / "dev").is_dir():
        root = root / "data" / "dev"
    if root.name in ("train", "test"):
        raise SystemExit("PolNeAR train and test are reserved: pass the dev split")
    texts, anns = root / "text", root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise SystemExit(f"{root} has no text/ and attributions/ folders (the PolNeAR dev split)")
    chosen: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, ann)
    items = []
    for stem, ann in sorted(chosen.items()):
        txt = texts / f"{stem}.txt"
        text = txt.read_text(encoding="utf-8")
        items.append((stem, text, read_ann(ann, text)))
    return items


def _cover(g: Gold, p: dict) -> float:
    return max(0, min(g.end, p["end"]) - max(g.start, p["start"])) / max(1, g.end - g.start)


def _match(golds: list[Gold], preds: list[dict], cover: float) -> dict[int, int]:
    """gold index -> prediction index, one to one, best cover first."""
    pairs = sorted(
        ((c, gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds) if (c := _cover(g, p)) > cover),
        reverse=True,
    )
    used_g, used_p, out = set(), set(), {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", s.lower()) if w not in STOP and len(w) > 1}


def speaker_ok(g: Gold, p: dict) -> bool:
    if g.source is None:
        return False
    m = p.get("mention_span")
    if m and m[0] < g.source[1] and g.source[0] < m[1]:
        return True
    return bool(_words(p.get("speaker") or "") & _words(g.source_text))


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    with_source: int = 0
    speaker: int = 0

    def add(self, golds: list[Gold], preds: list[dict], all_golds: list[Gold], cover: float) -> None:
        matched = _match(golds, preds, cover)
        others = [g for g in all_golds if g not in golds]
        taken = set(matched.values())
        rest = [i for i in range(len(preds)) if i not in taken]
        aside = _match(others, [preds[i] for i in rest], cover) if others else {}
        self.gold += len(golds)
        self.pred += len(preds) - len(aside)
        self.tp += len(matched)
        for gi, pi in matched.items():
            if golds[gi].source is not None:
                self.with_source += 1
                self.speaker += speaker_ok(golds[gi], preds[pi])

    def row(self) -> tuple[float, float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, (self.speaker / self.with_source if self.with_source else 0.0)
