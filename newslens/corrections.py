"""User corrections to entities: rename, relabel, merge, drop — kept in data/corrections.json.

File format: ``{"version": 1, "rules": [{"action": "relabel", "name": "Douyin", "label": "ORG"}, ...]}``.
A rule may carry ``"article": "<slug>"`` to apply to one article only. Writes are atomic (temporary file in
the same folder + ``os.replace``) and read-modify-write under a lock, so no earlier rule is lost; a file
that cannot be read is kept as a ``.corrupt-<time>`` backup, never overwritten. Storing a rule and
reprocessing the articles it changes: `newslens.preprocess.apply_rule_to_corpus`.
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .entities import entity_for_name, norm_name
from .schema import Entity
from .storage import atomic_write_text, corrections_path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None

VERSION = 1
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


def load_corrections_for(root: str | os.PathLike | None = None) -> Corrections | None:
    """The corrections of the data folder `root`, or None when it has no corrections file."""
    path = corrections_path(root)
    return load_corrections(path) if path.exists() else None


def save_corrections(corrections: Corrections | Iterable[dict], path: str | os.PathLike | None = None) -> Path:
    """Write the rules atomically (temporary file in the same folder, then os.replace)."""
    if isinstance(corrections, Corrections):
        path = path if path is not None else corrections.path
        doc = corrections.to_dict()
    else:
        doc = {"version": VERSION, "rules": [validate_rule(r) for r in corrections]}
    path = Path(path) if path is not None else corrections_path()
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return path


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock beside `path` for read-modify-write (no-op where fcntl is missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows
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
