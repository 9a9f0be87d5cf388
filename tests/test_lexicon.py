"""Every lexicon file is normalised: sorted, no duplicates, one form of case; the loaders read it."""
from __future__ import annotations

import json

import pytest

from newslens import lexicon

FILES = sorted(p for p in lexicon.HERE.iterdir() if p.suffix in {".txt", ".tsv", ".json"})


def _keys(path):
    if path.suffix == ".txt":
        return list(lexicon.entries(path.stem))
    return list(lexicon.mapping(path.stem))


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix in {".txt", ".tsv"}], ids=lambda p: p.name)
def test_file_is_sorted_unique_and_one_case(path):
    keys = _keys(path)
    assert keys, f"{path.name} is empty"
    assert len(keys) == len(set(keys)), f"{path.name} has duplicates"
    assert keys == sorted(keys), f"{path.name} is not sorted"
    if not lexicon.keeps_case(path):
        upper = [k for k in keys if k != k.lower()]
        assert not upper, f"{path.name} is lower-case but has {upper[:5]} (add '# case: keep' if intended)"


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".json"], ids=lambda p: p.name)
def test_json_tables_parse(path):
    assert lexicon.table(path.stem) == json.loads(path.read_text(encoding="utf-8"))


def test_missing_file_names_the_folder():
    with pytest.raises(FileNotFoundError, match="lexicon"):
        lexicon.words("no_such_list")


def test_readme_names_every_file():
    readme = (lexicon.HERE / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in FILES if p.name not in readme]
    assert not missing, f"lexicon/README.md does not say what {missing} are for"
