"""Charts shared across sessions: the same content gives the same figure, any change a new one."""
from __future__ import annotations

import pandas as pd

from ui.charts import entity_bar
from ui.figcache import shared


def _ents(**change):
    rows = [{"article": "a", "id": "e1", "name": "Nvidia", "label": "ORG", "mentions": 5, "salience": 0.5,
             "aliases": ["NVDA"]},
            {"article": "a", "id": "e2", "name": "Jensen Huang", "label": "PERSON", "mentions": 3, "salience": 0.4,
             "aliases": []}]
    df = pd.DataFrame(rows)
    for col, (i, v) in change.items():
        df.at[i, col] = v
    return df


def test_same_content_gives_the_same_figure_object():
    build = shared(entity_bar)
    first = build(_ents())
    assert build(_ents()) is first  # a new frame with equal values: built once
    assert [t.name for t in first.data] == [t.name for t in entity_bar(_ents()).data]


def test_any_change_of_the_data_builds_again():
    build = shared(entity_bar)
    base = build(_ents())
    more = build(_ents(mentions=(1, 4)))
    assert more is not base
    assert list(more.data[0].x) != list(base.data[0].x) or list(more.data[1].x) != list(base.data[1].x)
    assert build(_ents(name=(0, "NVIDIA Corp"))) is not base
    assert build(_ents(aliases=(0, ["Nvidia Corp"]))) is not base  # a list column counts too
    assert build(_ents(), top=1) is not base


def test_arguments_it_cannot_key_are_built_every_time():
    calls = []

    def builder(df, thing):
        calls.append(1)
        return object()

    build = shared(builder)
    build(_ents(), object())
    build(_ents(), object())
    assert len(calls) == 2
    build(_ents(), "x")
    build(_ents(), "x")
    assert len(calls) == 3
