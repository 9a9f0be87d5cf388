"""User corrections to entities: rename, relabel, merge, drop — kept in data/corrections.json.

File format: ``{"version": 1, "rules": [{"action": "relabel", "name": "Douyin", "label": "ORG"}, ...]}``.
A rule may carry ``"article": "<slug>"`` to apply to one article only. Writes are atomic (temporary file in
the same folder + ``os.replace``) and read-modify-write under a lock, so no earlier rule is lost; a file
that cannot be read is kept as a ``.corrupt-<time>`` backup, never overwritten.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .config import data_dir
from .schema import Entity

VERSION = 1
FILENAME = "corrections.json"
ACTIONS = ("rename", "relabel", "merge", "drop")
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")


class CorrectionError(ValueError):
    """A rule that cannot be applied or stored."""


@dataclass
class Corrections:
    """The rules of a corrections file, in the order they apply."""

    rules: list[dict] = field(default_factory=list)
    version: int = VERSION
    path: Path | None = None
    error: str | None = None  # why the file could not be read (its backup is kept)

    def for_article(self, slug: str | None) -> list[dict]:
        """Rules that apply to the article `slug` (unscoped rules apply everywhere)."""
        return rules_for(self, slug)

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "rules": [dict(r) for r in self.rules]}


def corrections_path(data: str | os.PathLike | None = None) -> Path:
    """data/corrections.json (the data folder from the settings unless given)."""
    return data_dir(data) / FILENAME


def validate_rule(rule: dict) -> dict:
    """A clean copy of `rule`; raises CorrectionError when it is incomplete."""
    if not isinstance(rule, dict):
        raise CorrectionError(f"a rule must be an object, got {type(rule).__name__}")
    action = str(rule.get("action", "")).strip().lower()
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {rule.get('action')!r}; use one of {', '.join(ACTIONS)}")
    out: dict[str, Any] = {"action": action}

    def text(key: str) -> str:
        value = rule.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CorrectionError(f"{action} needs a non-empty {key!r}")
        return value.strip()

    if action == "merge":
        names = rule.get("names")
        if not isinstance(names, list) or len([n for n in names if isinstance(n, str) and n.strip()]) < 2:
            raise CorrectionError("merge needs 'names': at least two names")
        out["names"] = [n.strip() for n in names if isinstance(n, str) and n.strip()]
        into = rule.get("into")
        out["into"] = into.strip() if isinstance(into, str) and into.strip() else out["names"][0]
    else:
        out["name"] = text("name")
    if action == "rename":
        out["to"] = text("to")
    if action == "relabel":
        label = text("label").upper()
        if label not in LABELS:
            raise CorrectionError(f"unknown label {label!r}; use one of {', '.join(LABELS)}")
        out["label"] = label
    article = rule.get("article")
    if article not in (None, ""):
        if not isinstance(article, str):
            raise CorrectionError("'article' must be an article slug")
        out["article"] = article
    if isinstance(rule.get("note"), str):
        out["note"] = rule["note"]
    return out


def load_corrections(path: str | os.PathLike | None = None) -> Corrections:
    """The rules in `path` (data/corrections.json by default); empty when the file is absent.

    An unreadable file gives no rules and `error` set; it is left in place (and backed up before any write).
    Invalid single rules are skipped.
    """
    path = Path(path) if path is not None else corrections_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Corrections(path=path)
    except OSError as exc:
        return Corrections(path=path, error=f"cannot read {path}: {exc}")
    try:
        doc = json.loads(raw)
        if isinstance(doc, list):
            doc = {"version": VERSION, "rules": doc}
        if not isinstance(doc, dict) or not isinstance(doc.get("rules", []), list):
            raise ValueError("expected an object with a 'rules' list")
    except ValueError as exc:
        return Corrections(path=path, error=f"{path} is not valid corrections JSON: {exc}")
    rules = []
    for r in doc.get("rules", []):
        try:
            rules.append(validate_rule(r))
        except CorrectionError:
            continue
    return Corrections(rules=rules, version=int(doc.get("version", VERSION) or VERSION), path=path)


def save_corrections(corrections: Corrections | Iterable[dict], path: str | os.PathLike | None = None) -> Path:
    """Write the rules atomically (temporary file in the same folder, then os.replace)."""
    if isinstance(corrections, Corrections):
        path = path if path is not None else corrections.path
        doc = corrections.to_dict()
    else:
        doc = {"version": VERSION, "rules": [validate_rule(r) for r in corrections]}
    path = Path(path) if path is not None else corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock beside `path` for read-modify-write (no-op where fcntl is missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _backup_corrupt(path: Path) -> Path | None:
    if not path.exists():
        return None
    backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    os.replace(path, backup)
    return backup


def add_rule(rule: dict, path: str | os.PathLike | None = None) -> Corrections:
    """Append a rule (validated; an identical rule is not added twice) and save; returns the new rules."""
    rule = validate_rule(rule)
    path = Path(path) if path is not None else corrections_path()
    with _locked(path):
        current = load_corrections(path)
        if current.error:
            _backup_corrupt(path)
        if rule not in current.rules:
            current.rules.append(rule)
        current.error = None
        save_corrections(current, path)
    return current


def remove_rule(index: int, path: str | os.PathLike | None = None) -> Corrections:
    """Delete the rule at `index` and save."""
    path = Path(path) if path is not None else corrections_path()
    with _locked(path):
        current = load_corrections(path)
        if current.error:
            raise CorrectionError(current.error)
        if not 0 <= index < len(current.rules):
            raise CorrectionError(f"no rule number {index}")
        del current.rules[index]
        save_corrections(current, path)
    return current


def _rules(corrections) -> list[dict]:
    if corrections is None:
        return []
    if isinstance(corrections, Corrections):
        return list(corrections.rules)
    if isinstance(corrections, (str, os.PathLike)):
        return load_corrections(corrections).rules
    if isinstance(corrections, dict):
        corrections = corrections.get("rules", [])
    out = []
    for r in corrections:
        try:
            out.append(validate_rule(r))
        except CorrectionError:
            continue
    return out


def rules_for(corrections, slug: str | None) -> list[dict]:
    """The rules that apply to article `slug`: unscoped ones, and those scoped to it."""
    return [r for r in _rules(corrections) if not r.get("article") or r.get("article") == slug]


def rule_names(rule: dict) -> list[str]:
    """The entity names a rule refers to."""
    return list(rule["names"]) if rule["action"] == "merge" else [rule["name"]]


def affected_slugs(rule: dict, analyses: dict) -> list[str]:
    """Slugs of the analyses (slug -> Analysis) whose entities a rule would change."""
    from .entities import entity_for_name

    rule = validate_rule(rule)
    out = []
    for slug, analysis in analyses.items():
        if rule.get("article") and rule["article"] != slug:
            continue
        ents = analysis.entities
        if any(entity_for_name(ents, n) is not None for n in rule_names(rule)):
            out.append(slug)
    return out


def _find(entities: list[Entity], name: str) -> list[Entity]:
    from .entities import norm_name

    key = norm_name(name)
    exact = [e for e in entities if norm_name(e.name) == key]
    return exact or [e for e in entities if any(norm_name(a) == key for a in e.aliases)]


def _absorb(into: Entity, other: Entity) -> None:
    seen = {(m.start, m.end) for m in into.mentions}
    into.mentions.extend(m for m in other.mentions if (m.start, m.end) not in seen)
    into.mentions.sort(key=lambda m: m.start)
    for a in [other.name, *other.aliases]:
        if a != into.name and a not in into.aliases:
            into.aliases.append(a)
    into.first_start = into.mentions[0].start if into.mentions else into.first_start


def apply_corrections(entities: list[Entity], corrections, *, slug: str | None = None) -> list[Entity]:
    """Entities with the rules applied in order (rules scoped to another article are skipped)."""
    from .entities import norm_name

    entities = list(entities)
    for rule in rules_for(corrections, slug):
        action = rule["action"]
        if action == "drop":
            gone = {id(e) for e in _find(entities, rule["name"])}
            entities = [e for e in entities if id(e) not in gone]
        elif action == "relabel":
            for e in _find(entities, rule["name"]):
                e.label = rule["label"]
        elif action == "rename":
            for e in _find(entities, rule["name"]):
                if e.name != rule["to"] and e.name not in e.aliases:
                    e.aliases.append(e.name)
                e.name = rule["to"]
                e.aliases = [a for a in e.aliases if a != e.name]
                twins = [o for o in entities if o is not e and norm_name(o.name) == norm_name(e.name)]
                for o in twins:
                    _absorb(e, o)
                entities = [o for o in entities if all(o is not t for t in twins)]
        elif action == "merge":
            found: list[Entity] = []
            for n in rule["names"]:
                for e in _find(entities, n):
                    if all(e is not f for f in found):
                        found.append(e)
            if not found:
                continue
            target = next((e for e in found if norm_name(e.name) == norm_name(rule["into"])), None)
            target = target or max(found, key=lambda e: len(e.mentions))
            for e in found:
                if e is not target:
                    _absorb(target, e)
            if target.name != rule["into"]:
                if target.name not in target.aliases:
                    target.aliases.append(target.name)
                target.name = rule["into"]
            target.aliases = [a for a in target.aliases if a != target.name]
            entities = [e for e in entities if e is target or all(e is not f for f in found)]
    return entities


# ---------------------------------------------------------------------------------------------------------
# corrections applied to a stored corpus (used by the Entities page and scripts)


def _restamp(root: Path, docs: dict, old_sha: str) -> None:
    """Processed files a rule does not change are current again: record the new corrections hash."""
    from .store import atomic_write_text, corrections_sha, dumps, processed_dir

    new_sha = corrections_sha(root)
    for slug, doc in docs.items():
        if doc["pipeline"].get("corrections_sha256", "") == old_sha and old_sha != new_sha:
            doc = {**doc, "pipeline": {**doc["pipeline"], "corrections_sha256": new_sha}}
            atomic_write_text(processed_dir(root) / f"{slug}.json", dumps(doc))


def apply_rule_to_corpus(rule: dict, root: str | os.PathLike | None = None, *, model: str | None = None) -> list[str]:
    """Store `rule` in <root>/corrections.json and reprocess the articles it changes; returns their slugs."""
    from .schema import Analysis
    from .store import load_corpus

    root = data_dir(root)
    rule = validate_rule(rule)
    corpus = load_corpus(root)
    analyses = {}
    for slug, doc in corpus.analyses.items():
        try:
            analyses[slug] = Analysis.from_dict(doc)
        except ValueError:
            continue
    affected = affected_slugs(rule, analyses)
    return _change_and_reprocess(root, corpus, affected, lambda: add_rule(rule, corrections_path(root)), model=model)


def _change_and_reprocess(root: Path, corpus, affected: list[str], change, *, model: str | None) -> list[str]:
    """Apply `change` to the corrections file, reprocess `affected`, re-stamp the other articles."""
    from .store import corrections_sha, preprocess

    old_sha = corrections_sha(root)
    change()
    if affected:
        preprocess(root, model=model, force=True, slugs=affected)
    _restamp(root, {s: d for s, d in corpus.analyses.items() if s not in affected}, old_sha)
    return affected


def remove_rule_from_corpus(index: int, root: str | os.PathLike | None = None, *, model: str | None = None) -> list[str]:
    """Delete rule `index` and reprocess the articles whose entities it named; returns their slugs."""
    from .store import load_corpus

    root = data_dir(root)
    current = load_corrections(corrections_path(root))
    if not 0 <= index < len(current.rules):
        raise CorrectionError(f"no rule number {index}")
    rule = current.rules[index]
    names = rule_names(rule) + [rule[k] for k in ("to", "into") if k in rule]
    corpus = load_corpus(root)
    from .entities import norm_name

    keys = {norm_name(n) for n in names}
    affected = [
        slug for slug, doc in corpus.analyses.items()
        if (not rule.get("article") or rule["article"] == slug)
        and any(norm_name(x) in keys for e in doc["entities"] for x in [e["name"], *e.get("aliases", [])])
    ]
    if rule["action"] == "drop":  # a dropped entity left no trace: look in the texts instead
        affected = [slug for slug, doc in corpus.analyses.items()
                    if (not rule.get("article") or rule["article"] == slug) and rule["name"] in doc["article"]["text"]]
    return _change_and_reprocess(root, corpus, affected, lambda: remove_rule(index, corrections_path(root)), model=model)
