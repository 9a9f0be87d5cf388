"""Benchmark: News Lens numbers against quantulum3 and CQE on third-party development sets, in one run.

Run: python benchmarks/bench_numbers.py [--dev-sets PATH] [--no-cqe] [--quantulum-classifier PATH]
(a script, not a test; prints tables).

Sets (../shared/dev-sets, see its README): quantulum3's 101 sentences (value, unit in quantulum3's unit
names) and Recognizers-Text's English specs for numbers, number ranges, percentages, ages, dimensions and
temperatures (`Results[].Resolution` value and unit). Every expected quantity is one gold item
(value, or low/high for a range; unit). Each system's quantities are matched one to one per sentence:

- value match: equal values (relative tolerance 1e-6), or for a range equal low and high (a range also
  matches the gold value at its middle, which is how quantulum3 writes "8- to 16-meter": 12 +- 4);
- value+unit match: a value match whose unit, mapped to quantulum3's naming by benchmarks/unit_names.json,
  is the same. A counted noun ("50 cars": unit "car" in News Lens and CQE) is "dimensionless" in that
  convention, as are numbers without a unit; a year that News Lens reads as a date ("in 1979") is the
  dimensionless number 1979 there.

News Lens facts labelled DATE other than bare years are not quantities and are left out, as are CQE's
and quantulum3's nothing. Precision, recall and F1 are micro-averaged per set and per kind (the gold
unit's kind: money, percent, count, time, physical, age, range).

quantulum3's bundled classifier was pickled by an older scikit-learn; the script retrains it once
(quantulum3's own `train_classifier`, its documented route) into /work/data-local (outside git) when that
file is missing. CQE (GPL-3.0) is only imported here, never by newslens; it loads its spaCy model through
`spacy_download.load_spacy`, which this script points at News Lens's model (the same spaCy model for all).
CQE needs an en_US.UTF-8 locale.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import types
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens.pipeline import analyze, load_model  # noqa: E402

UNITS = json.loads((Path(__file__).with_name("unit_names.json")).read_text(encoding="utf-8"))
TO_Q = {k.lower(): v for k, v in UNITS["to_quantulum"].items()}
KIND_OF = UNITS["kind_of"]
DEFAULT_DEV = next((p for p in (ROOT.parent / "shared" / "dev-sets", Path("/work/shared/dev-sets")) if p.is_dir()),
                   ROOT.parent / "shared" / "dev-sets")
RT_SETS = {"NumberModel": "number", "NumberRangeModel": "range", "PercentModel": "percent", "AgeModel": "age",
           "DimensionModel": "dimension", "TemperatureModel": "temperature"}


@dataclass
class Item:
    """One quantity: value (middle of a range), low/high for ranges, unit in quantulum3's names, kind."""

    value: float | None
    unit: str
    low: float | None = None
    high: float | None = None
    kind: str = ""


@dataclass
class Case:
    set: str
    text: str
    gold: list[Item] = field(default_factory=list)


def canon(unit: str | None, q_names: set[str]) -> str:
    """A unit spelling in quantulum3's naming; unknown spellings (counted nouns) are dimensionless."""
    u = (unit or "").strip()
    low = u.lower()
    if low in TO_Q:
        return TO_Q.get(TO_Q[low].lower(), TO_Q[low])
    if u in q_names:
        return u
    if low.endswith("s") and low[:-1] in TO_Q:
        return TO_Q[low[:-1]]
    return low if low in q_names else "dimensionless"


def kind_of(unit: str) -> str:
    return KIND_OF.get(unit, "physical")


# ------------------------------------------------------------------------------------------------ gold sets

def load_sets(dev: Path, q_names: set[str]) -> list[Case]:
    cases = []
    for c in json.loads((dev / "quantulum3" / "quantities.json").read_text(encoding="utf-8")):
        items = []
        for r in c["res"]:
            unc = r.get("uncertainty")
            lo = hi = None
            if unc:
                lo, hi = r["value"] - unc, r["value"] + unc
            items.append(Item(float(r["value"]), r["unit"], lo, hi, "range" if unc else kind_of(r["unit"])))
        cases.append(Case("quantulum3", c["req"], items))
    for name, short in RT_SETS.items():
        path = dev / "recognizers-text" / f"{name}.json"
        for c in json.loads(path.read_text(encoding="utf-8")):
            items = [it for r in c.get("Results", []) if (it := _rt_item(r, short, q_names)) is not None]
            cases.append(Case(f"RT {short}", c["Input"], items))
    return cases


def _rt_item(r: dict, short: str, q_names: set[str]) -> Item | None:
    res = r.get("Resolution") or {}
    raw = str(res.get("value", ""))
    if short == "range":
        m = re.fullmatch(r"[\[(]\s*([-\d.eE+]*)\s*,\s*([-\d.eE+]*)\s*[\])]", raw)
        if not m:
            return None
        lo = float(m.group(1)) if m.group(1) else None
        hi = float(m.group(2)) if m.group(2) else None
        if lo is not None and hi is not None:
            return Item((lo + hi) / 2, "dimensionless", lo, hi, "range")
        return Item(lo if lo is not None else hi, "dimensionless", kind="range")
    try:
        value = float(raw.rstrip("%"))
    except ValueError:
        return None
    if short == "percent":
        return Item(value, "percentage", kind="percent")
    if short == "number":
        return Item(value, "dimensionless", kind="count")
    unit = canon(res.get("unit"), q_names)
    if short == "temperature" and res.get("unit") == "Degree":
        unit = "degree Celsius" if False else "degree"  # "30 degrees" with no scale: any degree unit matches
    return Item(value, unit, kind="age" if short == "age" else kind_of(unit))


# ------------------------------------------------------------------------------------------------ systems

def newslens_items(analysis, q_names: set[str]) -> list[Item]:
    out = []
    for f in analysis.numbers:
        if f.label == "DATE":
            if re.fullmatch(r"(?:in\s+|since\s+|by\s+)?\d{4}", f.text) and f.date and len(f.date) == 4:
                out.append(Item(float(f.date), "dimensionless", kind="count"))
            continue
        if f.value is None:
            continue
        unit = canon(f.unit, q_names) if f.unit else "dimensionless"
        value = f.value
        if f.label == "MONEY" and getattr(f, "subunit", None):
            unit = canon(f.subunit, q_names)  # "50 cents": 50 cent in quantulum3's naming (0.5 USD in News Lens)
            value = f.subunit_value if f.subunit_value is not None else value
        if getattr(f, "per_unit", None) and unit != "dimensionless":
            unit = f"{unit} per {canon(f.per_unit, q_names)}"  # "dollar per kilogram", quantulum3's way
        low, high = f.low, f.high
        out.append(Item(float(value), unit, low, high))
    return out


def quantulum_items(parser, text: str, clf: str | None) -> list[Item]:
    out = []
    for q in parser.parse(text, classifier_path=clf):
        unc = q.uncertainty
        lo = hi = None
        if unc:
            lo, hi = q.value - unc, q.value + unc
        out.append(Item(float(q.value), q.unit.name, lo, hi))
    return out


def cqe_items(parser, text: str, q_names: set[str]) -> list[Item]:
    out = []
    for q in parser.parse(text):
        unit = canon(q.unit.norm_unit if q.unit.norm_unit != "-" else "", q_names)
        v = q.value
        if hasattr(v, "lower"):
            try:
                lo, hi = float(v.lower), float(v.upper)
            except (TypeError, ValueError):
                continue
            out.append(Item((lo + hi) / 2, unit, lo, hi))
        else:
            try:
                out.append(Item(float(v.value), unit))
            except (TypeError, ValueError):
                continue
    return out


def load_cqe(model_name: str):
    """CQE with its spaCy loader pointed at our model; None when CQE or the locale is missing."""
    import spacy

    shim = types.ModuleType("spacy_download")
    shim.load_spacy = lambda name, **kw: spacy.load(model_name)
    sys.modules.setdefault("spacy_download", shim)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from CQE import CQE  # noqa: PLC0415  (GPL-3.0: imported by this benchmark only)

            return CQE.CQE()
    except Exception as exc:  # noqa: BLE001  (not installed, no locale: the peer is skipped)
        print(f"CQE not run: {type(exc).__name__}: {exc}")
        return None


def load_quantulum(clf_path: Path):
    try:
        from quantulum3 import parser
        from quantulum3 import load as qload
    except ImportError as exc:
        print(f"quantulum3 not run: {exc}")
        return None, None, set()
    names = {u.name for u in qload.units("en_US").names.values()} if hasattr(qload, "units") else set()
    if not clf_path.is_file():
        from quantulum3.classifier import train_classifier

        clf_path.parent.mkdir(parents=True, exist_ok=True)
        print(f"retraining quantulum3's classifier for this scikit-learn into {clf_path} ...")
        train_classifier(store=True, output_path=str(clf_path))
    return parser, str(clf_path), names


# ------------------------------------------------------------------------------------------------ scoring

def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def value_match(g: Item, p: Item) -> bool:
    if g.low is not None and g.high is not None and p.low is not None and p.high is not None:
        return _close(g.low, p.low) and _close(g.high, p.high)
    return _close(g.value, p.value)


def unit_match(g: Item, p: Item) -> bool:
    if g.unit == "degree":
        return p.unit in ("degree Celsius", "degree fahrenheit", "degree angle", "degree")
    return g.unit == p.unit


def match(gold: list[Item], pred: list[Item], with_unit: bool) -> list[bool]:
    """For each gold item, whether a distinct predicted item matches it (value, and unit when asked)."""
    used: set[int] = set()
    hits = []
    for g in gold:
        hit = False
        for k, p in enumerate(pred):
            if k in used or not value_match(g, p) or (with_unit and not unit_match(g, p)):
                continue
            used.add(k)
            hit = True
            break
        hits.append(hit)
    return hits


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp_v: int = 0
    tp_vu: int = 0

    def f1(self, tp: int) -> float:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def recall(self, tp: int) -> float:
        return tp / self.gold if self.gold else 0.0


def score(cases: list[Case], preds: list[list[Item]]) -> tuple[dict, dict]:
    by_set: dict[str, Score] = defaultdict(Score)
    by_kind: dict[str, Score] = defaultdict(Score)
    for case, pred in zip(cases, preds):
        hv, hvu = match(case.gold, pred, False), match(case.gold, pred, True)
        for key, table in ((case.set, by_set), ("all", by_set)):
            s = table[key]
            s.gold += len(case.gold)
            s.pred += len(pred)
            s.tp_v += sum(hv)
            s.tp_vu += sum(hvu)
        for g, a, b in zip(case.gold, hv, hvu):
            s = by_kind[g.kind]
            s.gold += 1
            s.tp_v += a
            s.tp_vu += b
    return by_set, by_kind


def print_tables(systems: dict[str, tuple[dict, dict]], seconds: dict[str, float]) -> None:
    names = list(systems)
    head = "| set | gold | " + " | ".join(f"{n} value F1 | {n} value+unit F1" for n in names) + " |"
    print("\nValue F1 and value+unit F1 per set (micro-averaged)\n")
    print(head)
    print("|" + " --- |" * (2 + 2 * len(names)))
    sets = sorted(next(iter(systems.values()))[0], key=lambda k: (k == "all", k))
    for key in sets:
        row = [key, str(systems[names[0]][0][key].gold)]
        for n in names:
            s = systems[n][0][key]
            row += [f"{100 * s.f1(s.tp_v):.1f}", f"{100 * s.f1(s.tp_vu):.1f}"]
        print("| " + " | ".join(row) + " |")
    print("\nRecall per kind of gold quantity (value / value+unit)\n")
    print("| kind | gold | " + " | ".join(names) + " |")
    print("|" + " --- |" * (2 + len(names)))
    for kind in sorted(next(iter(systems.values()))[1]):
        s0 = systems[names[0]][1][kind]
        row = [kind, str(s0.gold)]
        for n in names:
            s = systems[n][1][kind]
            row.append(f"{100 * s.recall(s.tp_v):.1f} / {100 * s.recall(s.tp_vu):.1f}")
        print("| " + " | ".join(row) + " |")
    print("\nseconds: " + ", ".join(f"{n} {seconds[n]:.1f}" for n in names))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev-sets", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--no-cqe", action="store_true")
    ap.add_argument("--no-quantulum", action="store_true")
    ap.add_argument("--quantulum-classifier", type=Path, default=Path("/work/data-local/quantulum3_clf.joblib"))
    ap.add_argument("--show-misses", metavar="SYSTEM", help="print the sentences a system misses (value+unit)")
    args = ap.parse_args(argv)
    if not (args.dev_sets / "quantulum3").is_dir():
        ap.error(f"no development sets at {args.dev_sets} (give --dev-sets PATH)")
    qparser = qclf = None
    q_names: set[str] = set()
    if not args.no_quantulum:
        qparser, qclf, q_names = load_quantulum(args.quantulum_classifier)
    # quantulum3's unit names: from quantulum3 when installed, else from the copy of its data News Lens ships
    vocab = json.loads((ROOT / "newslens" / "lexicon" / "unit_vocabulary.json").read_text(encoding="utf-8"))
    q_names = q_names | {u["name"] for u in vocab["units"]} | set(KIND_OF) | {"dimensionless"}
    cases = load_sets(args.dev_sets, q_names)
    nlp = load_model()
    runs: dict[str, list[list[Item]]] = {}
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    runs["News Lens"] = [newslens_items(analyze(c.text, nlp=nlp), q_names) for c in cases]
    seconds["News Lens"] = time.perf_counter() - t
    if qparser is not None:
        t = time.perf_counter()
        runs["quantulum3"] = [quantulum_items(qparser, c.text, qclf) for c in cases]
        seconds["quantulum3"] = time.perf_counter() - t
    cqe = None if args.no_cqe else load_cqe(_model_package())
    if cqe is not None:
        t = time.perf_counter()
        runs["CQE"] = [_safe(cqe_items, cqe, c.text, q_names) for c in cases]
        seconds["CQE"] = time.perf_counter() - t
    systems = {n: score(cases, p) for n, p in runs.items()}
    print(f"{len(cases)} sentences, {sum(len(c.gold) for c in cases)} gold quantities")
    print_tables(systems, seconds)
    if args.show_misses in runs:
        for c, p in zip(cases, runs[args.show_misses]):
            hits = match(c.gold, p, True)
            if not all(hits) or len(p) > len(c.gold):
                print(f"[{c.set}] {c.text!r}\n   gold {[(g.value, g.unit) for g in c.gold]}\n   got  "
                      f"{[(x.value, x.unit, x.low, x.high) for x in p]}")
    return 0


def _model_package() -> str:
    from newslens.config import model_name

    return model_name()


def _safe(fn, *args):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args)
    except Exception:  # noqa: BLE001  (a peer's crash on one sentence counts as finding nothing there)
        return []


if __name__ == "__main__":
    raise SystemExit(main())
