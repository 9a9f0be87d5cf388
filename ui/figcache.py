"""Charts built once per server for what they show, shared by every reader's session.

Building a Plotly figure (graph_objects validate every property) costs 25-45 ms per chart, about half of a
warm page's server time, and every page script of a server shares one interpreter lock: with ten readers
on the default view each built the same figures. `shared(builder)(*args)` returns the figure built before
for arguments with the same content (an exact key: every column's values hashed, not a sample), so one
reader builds it and the others reuse it. Callers must not modify a shared figure; `st.plotly_chart`
only reads it (it serialises a copy).
"""
from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict

import pandas as pd

MAX_FIGURES = 128  # the most recent distinct (builder, arguments); a figure is tens to hundreds of KB


class _Unkeyable(Exception):
    pass


def _frame_key(df: pd.DataFrame) -> tuple:
    h = hashlib.blake2b(digest_size=16)
    h.update(pd.util.hash_pandas_object(df.index, index=False, categorize=False).to_numpy().tobytes())
    for c in df.columns:
        col = df[c]
        try:
            hashed = pd.util.hash_pandas_object(col, index=False, categorize=False)
        except (TypeError, ValueError):  # cells holding lists (aliases): hashed through their repr
            hashed = pd.util.hash_pandas_object(col.map(repr), index=False, categorize=False)
        h.update(hashed.to_numpy().tobytes())
    return ("frame", len(df), tuple(map(str, df.columns)), tuple(map(str, df.dtypes)), h.hexdigest())


def _key(v):
    if isinstance(v, pd.DataFrame):
        return _frame_key(v)
    if v is None or isinstance(v, (str, int, float, bool)):
        return (type(v).__name__, v)
    if isinstance(v, (list, tuple)):
        return (type(v).__name__, tuple(_key(x) for x in v))
    if isinstance(v, dict):
        return ("dict", tuple((_key(k), _key(x)) for k, x in v.items()))
    raise _Unkeyable(type(v).__name__)


class _Shared:
    def __init__(self, builder) -> None:
        self.builder = builder
        self.figures: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        functools.update_wrapper(self, builder)

    def __call__(self, *args, **kwargs):
        try:
            key = (_key(args), _key(sorted(kwargs.items())))
        except _Unkeyable:
            return self.builder(*args, **kwargs)
        with self.lock:
            fig = self.figures.get(key)
            if fig is not None:
                self.figures.move_to_end(key)
                self.hits += 1
                return fig
        fig = self.builder(*args, **kwargs)
        with self.lock:
            self.figures[key] = fig
            while len(self.figures) > MAX_FIGURES:
                self.figures.popitem(last=False)
        return fig


@functools.cache
def shared(builder) -> _Shared:
    """The server-wide memo of a pure chart builder (DataFrame/scalars/lists/dicts in, figure out)."""
    return _Shared(builder)
