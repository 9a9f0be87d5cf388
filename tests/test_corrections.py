"""Corrections: rules stored safely in data/corrections.json and applied by preprocessing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslens.corrections import (
    CorrectionError,
    Corrections,
    add_rule,
    affected_slugs,
    apply_corrections,
    load_corrections,
    remove_rule,
    rules_for,
    save_corrections,
    validate_rule,
)
from newslens.entities import extract_entities, finish_entities
from newslens.pipeline import build_analysis, parse_many
from newslens.schema import Analysis

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_dfcec0da395424a0"


def _names(entities):
    return {e.name: e for e in entities}


@pytest.fixture(scope="module")
def seed_parsed(nlp, seed_text):
    return next(parse_many([seed_text], nlp))


def test_missing_file_is_empty(tmp_path):
    c = load_corrections(tmp_path / "corrections.json")
    assert c.rules == [] and c.error is None
    assert not (tmp_path / "corrections.json").exists()


def test_add_rule_read_modify_write_keeps_earlier_rules(tmp_path):
    path = tmp_path / "corrections.json"
    add_rule({"action": "relabel", "name": "Douyin", "label": "org"}, path)
    add_rule({"action": "rename", "name": "the Post", "to": "South China Morning Post"}, path)
    add_rule({"action": "relabel", "name": "Douyin", "label": "ORG"}, path)  # same rule again: not duplicated
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc == {
        "version": 1,
        "rules": [
            {"action": "relabel", "name": "Douyin", "label": "ORG"},
            {"action": "rename", "name": "the Post", "to": "South China Morning Post"},
        ],
    }
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    c = remove_rule(0, path)
    assert [r["action"] for r in c.rules] == ["rename"]
    assert load_corrections(path).rules == c.rules


def test_corrupt_file_is_backed_up_not_lost(tmp_path):
    path = tmp_path / "corrections.json"
    path.write_text('{"version": 1, "rules": [{"action": "drop", "name": "X"}', encoding="utf-8")
    c = load_corrections(path)
    assert c.rules == [] and c.error
    assert path.read_text(encoding="utf-8").startswith('{"version": 1')  # loading never rewrites it
    add_rule({"action": "drop", "name": "Chinese"}, path)
    backups = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == '{"version": 1, "rules": [{"action": "drop", "name": "X"}'
    assert load_corrections(path).rules == [{"action": "drop", "name": "Chinese"}]


def test_invalid_rules_rejected_and_skipped(tmp_path):
    with pytest.raises(CorrectionError):
        validate_rule({"action": "explode", "name": "X"})
    with pytest.raises(CorrectionError):
        validate_rule({"action": "relabel", "name": "X", "label": "BANANA"})
    with pytest.raises(CorrectionError):
        validate_rule({"action": "merge", "names": ["only one"]})
    with pytest.raises(CorrectionError):
        validate_rule({"action": "rename", "name": "X"})
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps({"version": 1, "rules": [{"action": "drop"}, {"action": "drop", "name": "Y"}]}),
                    encoding="utf-8")
    assert load_corrections(path).rules == [{"action": "drop", "name": "Y"}]


def test_save_is_atomic_replace(tmp_path):
    path = tmp_path / "sub" / "corrections.json"
    save_corrections([{"action": "drop", "name": "A"}], path)
    first_inode = path.stat().st_ino
    save_corrections(Corrections(rules=[{"action": "drop", "name": "B"}]), path)
    assert path.stat().st_ino != first_inode  # a new file replaced the old one
    assert load_corrections(path).rules == [{"action": "drop", "name": "B"}]


def test_scoped_rules():
    rules = [{"action": "drop", "name": "A"}, {"action": "drop", "name": "B", "article": "one"}]
    assert [r["name"] for r in rules_for(rules, "one")] == ["A", "B"]
    assert [r["name"] for r in rules_for(rules, "two")] == ["A"]
    assert [r["name"] for r in rules_for({"version": 1, "rules": rules}, None)] == ["A"]


def _corrected(parsed, rules, slug=None):
    """The pipeline's order: extract, apply the user's rules, set ids and order again."""
    return finish_entities(apply_corrections(extract_entities(parsed), rules, slug=slug), parsed)


def test_each_action_on_the_seed(seed_parsed):
    base = _names(extract_entities(seed_parsed))
    assert {"Douyin", "TikTok", "Chinese", "the Post", "Sina"} <= set(base)
    rules = {"version": 1, "rules": [
        {"action": "relabel", "name": "Sina", "label": "PRODUCT"},
        {"action": "merge", "names": ["TikTok", "Douyin"], "into": "TikTok"},
        {"action": "rename", "name": "the Post", "to": "South China Morning Post"},
        {"action": "drop", "name": "Chinese"},
        {"action": "rename", "name": "Wei", "to": "Professor Wei Shaojun"},  # found through an alias
    ]}
    ents = _corrected(seed_parsed, rules)
    got = _names(ents)
    assert got["Sina"].label == "PRODUCT"
    assert "Douyin" not in got and "Douyin" in got["TikTok"].aliases
    assert len(got["TikTok"].mentions) == len(base["TikTok"].mentions) + len(base["Douyin"].mentions)
    assert "the Post" not in got and "the Post" in got["South China Morning Post"].aliases
    assert "Chinese" not in got
    assert "Professor Wei Shaojun" in got and "Wei Shaojun" in got["Professor Wei Shaojun"].aliases
    assert len(ents) == len(base) - 2
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]


def test_rename_onto_existing_entity_merges(seed_parsed):
    ents = _corrected(seed_parsed, [{"action": "rename", "name": "Douyin", "to": "ByteDance"}])
    got = [e for e in ents if e.name == "ByteDance"]
    assert len(got) == 1 and "Douyin" in got[0].aliases


def test_scoped_rule_applies_only_to_its_article(seed_parsed):
    rule = [{"action": "drop", "name": "Sina", "article": "other"}]
    assert "Sina" in _names(_corrected(seed_parsed, rule, slug=SEED))
    rule = [{"action": "drop", "name": "Sina", "article": SEED}]
    assert "Sina" not in _names(_corrected(seed_parsed, rule, slug=SEED))


def test_affected_slugs(seed_analysis):
    analyses = {SEED: seed_analysis}
    assert affected_slugs({"action": "relabel", "name": "Douyin", "label": "ORG"}, analyses) == [SEED]
    assert affected_slugs({"action": "drop", "name": "Microsoft"}, analyses) == []
    assert affected_slugs({"action": "drop", "name": "Douyin", "article": "x"}, analyses) == []


def test_apply_corrections_ignores_unknown_names(seed_analysis):
    ents = apply_corrections(list(seed_analysis.entities), [{"action": "drop", "name": "Nobody Here"}])
    assert len(ents) == len(seed_analysis.entities)


def test_correction_survives_reprocessing_and_restart(nlp, data_copy, seed_text):
    """A rule written to the data folder changes the entity after reprocessing and in a fresh process."""
    path = data_copy / "corrections.json"
    add_rule({"action": "relabel", "name": "Douyin", "label": "PRODUCT"}, path)
    add_rule({"action": "rename", "name": "the Post", "to": "South China Morning Post", "article": SEED}, path)
    # reprocess the way preprocessing does: rules loaded from the data folder, scoped by slug
    parsed = next(parse_many([seed_text], nlp))
    analysis = build_analysis(parsed, nlp, slug=SEED, corrections=load_corrections(path))
    out = data_copy / "processed" / f"{SEED}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(analysis.to_dict(), ensure_ascii=False), encoding="utf-8")
    reloaded = _names(Analysis.from_dict(json.loads(out.read_text(encoding="utf-8"))).entities)
    assert reloaded["Douyin"].label == "PRODUCT"
    assert "South China Morning Post" in reloaded and "the Post" not in reloaded
    # "restart": a new interpreter reads the same data folder and reprocesses from scratch
    code = (
        "import json, sys\n"
        "from newslens.corrections import load_corrections, corrections_path\n"
        "from newslens.pipeline import load_model, parse_many, build_analysis\n"
        f"text = open({str(data_copy / 'articles' / (SEED + '.txt'))!r}, encoding='utf-8').read()\n"
        "nlp = load_model()\n"
        "a = build_analysis(next(parse_many([text], nlp)), nlp, slug=sys.argv[1],\n"
        "                   corrections=load_corrections(corrections_path()))\n"
        "print(json.dumps({e.name: e.label for e in a.entities}))\n"
    )
    env = {**os.environ, "NEWSLENS_DATA_DIR": str(data_copy), "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-c", code, SEED], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300)
    assert res.returncode == 0, res.stderr
    fresh = json.loads(res.stdout.strip().splitlines()[-1])
    assert fresh["Douyin"] == "PRODUCT"
    assert "South China Morning Post" in fresh and "the Post" not in fresh
