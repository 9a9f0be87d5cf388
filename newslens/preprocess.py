"""Preprocessing: plan which articles need (re)processing, run them on an engine, write the results.

Also the corpus side of corrections: store a rule, reprocess the articles it changes and re-stamp the
others (used by the Entities page). Each processed file is written atomically as soon as it is ready.
"""
from __future__ import annotations

import os
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Callable, Iterable

from .config import data_dir as default_data_dir
from .config import model_name
from .corrections import (
    CorrectionError,
    add_rule,
    affected_slugs,
    load_corrections,
    load_corrections_for,
    remove_rule,
    rule_names,
    validate_rule,
)
from .engines import RunSettings, get_engine
from .rows import RowSpool
from .entities import norm_name
from .schema import Analysis
from . import storage
from .storage import check_processed, corrections_path, corrections_sha, dumps, list_slugs, load_corpus, processed_dir


def atomic_write_text(path: Path, text: str) -> None:
    """Write a processed document atomically, without waiting for the disk (fsync).

    A processed file is derived data: should a power cut leave it empty or cut short, `check_processed`
    reports it unreadable and the next run makes it again, so the per-file flush buys nothing here."""
    storage.atomic_write_text(path, text, durable=False)


def needs_processing(root: Path, slug: str, *, model: str, model_version: str | None,
                     corrections_sha256: str | None = None) -> str | None:
    """Why `slug` must be (re)processed, or None when its processed file is current."""
    doc, problem = check_processed(root, slug, model=model)
    if problem is not None:
        return problem.reason
    if model_version and doc["pipeline"].get("model_version") != model_version:
        return f"model version changed ({doc['pipeline'].get('model_version')} → {model_version})"
    if corrections_sha256 is None:
        corrections_sha256 = corrections_sha(root)
    if doc["pipeline"].get("corrections_sha256", "") != corrections_sha256:
        return "entity corrections changed"
    return None


def installed_model_version(name: str) -> str | None:
    """Version of an installed model package without loading it."""
    try:
        return package_version(name)
    except Exception:  # noqa: BLE001 - a path or an unusual install: fall back to no version check
        return None


def plan_preprocess(root: Path, *, model: str, force: bool = False,
                    slugs: Iterable[str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """([(slug, why)] to process, [(slug, "unchanged")] to skip) for the articles in `root`."""
    version = installed_model_version(model)
    sha = corrections_sha(root)
    todo, report = [], []
    for slug in slugs if slugs is not None else list_slugs(root):
        why = "forced" if force else needs_processing(root, slug, model=model, model_version=version,
                                                      corrections_sha256=sha)
        if why is None:
            report.append((slug, "unchanged"))
        else:
            todo.append((slug, why))
    return todo, report


def preprocess(
    root: Path | None = None,
    *,
    model: str | None = None,
    force: bool = False,
    slugs: Iterable[str] | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    progress: Callable[[int, int, str], None] | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    update_index: bool = True,
) -> list[tuple[str, str]]:
    """Process every article whose text, schema, model or corrections changed; returns (slug, action).

    `engine`: "local" (this process; the default for n_process=1), "processes" (a pool of n_process
    worker processes; the default for n_process>1) or "dask" (a local Dask cluster, or the one at
    `scheduler`). Each processed file is written atomically as soon as it is ready, so an interrupted
    run leaves only whole files and the next run continues with what is left. `progress(done, total,
    slug)` is called after each file. With `update_index`, the dashboard's index is brought up to date
    at the end (only the processed articles are re-read), so the app's next start is quick.
    """
    root = default_data_dir(root)
    name = model_name(model)
    todo, report = plan_preprocess(root, model=name, force=force, slugs=slugs)
    if not todo:
        return report
    why = dict(todo)
    settings = RunSettings(model=name, batch_size=batch_size, corrections=load_corrections_for(root),
                           corrections_sha256=corrections_sha(root), index_rows=update_index)
    runner = get_engine(engine, n_process=n_process, scheduler=scheduler)
    done, fresh = 0, RowSpool()  # the index rows of each document, kept column by column until the end
    for slug, text, error, rows in runner.run(root, [s for s, _ in todo], settings):
        if error is None:
            atomic_write_text(processed_dir(root) / f"{slug}.json", text)
            report.append((slug, f"processed ({why[slug]})"))
            if rows is not None:
                fresh.add(slug, rows)
        else:
            report.append((slug, f"error: {error}"))
        done += 1
        if progress:
            progress(done, len(todo), slug)
    if update_index and done:
        try:
            from .index import load_index  # pandas: absent from a processing-only install
        except ImportError:  # the app builds the index later
            return report
        load_index(root, fresh=fresh)
    return report


# ---------------------------------------------------------------- corrections applied to the stored corpus


def apply_rule_to_corpus(rule: dict, root: str | os.PathLike | None = None, *, model: str | None = None) -> list[str]:
    """Store `rule` in <root>/corrections.json and reprocess the articles it changes; returns their slugs."""
    root = default_data_dir(root)
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


def remove_rule_from_corpus(index: int, root: str | os.PathLike | None = None, *, model: str | None = None) -> list[str]:
    """Delete rule `index` and reprocess the articles whose entities it named; returns their slugs."""
    root = default_data_dir(root)
    current = load_corrections(corrections_path(root))
    if not 0 <= index < len(current.rules):
        raise CorrectionError(f"no rule number {index}")
    rule = current.rules[index]
    names = rule_names(rule) + [rule[k] for k in ("to", "into") if k in rule]
    corpus = load_corpus(root)
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


def _change_and_reprocess(root: Path, corpus, affected: list[str], change, *, model: str | None) -> list[str]:
    """Apply `change` to the corrections file, reprocess `affected`, re-stamp the other articles."""
    old_sha = corrections_sha(root)
    change()
    if affected:
        preprocess(root, model=model, force=True, slugs=affected)
    _restamp(root, {s: d for s, d in corpus.analyses.items() if s not in affected}, old_sha)
    return affected


def _restamp(root: Path, docs: dict, old_sha: str) -> None:
    """Processed files a rule does not change are current again: record the new corrections hash."""
    new_sha = corrections_sha(root)
    for slug, doc in docs.items():
        if doc["pipeline"].get("corrections_sha256", "") == old_sha and old_sha != new_sha:
            doc = {**doc, "pipeline": {**doc["pipeline"], "corrections_sha256": new_sha}}
            atomic_write_text(processed_dir(root) / f"{slug}.json", dumps(doc))
