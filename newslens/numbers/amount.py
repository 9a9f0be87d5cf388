"""An amount read from text (the grammar's result)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Amount:
    """An amount read from text: [start, end) are offsets into the string parsed."""

    start: int
    end: int
    value: float | None
    kind: str  # money | percent | quantity | count
    unit: str | None = None
    scale: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    sign: float = 1.0
    is_word: bool = False  # the number is a word ("two"), not digits
    split_from: bool = False  # "from 5 to 7 per cent": two facts, not a range
    per_unit: str | None = None  # "barrel" in "$61.10 per barrel"
    subunit: str | None = None  # "cent" in "50 cents" (the value is in the main unit)
    subunit_value: float | None = None  # 50
    fraction: bool = False  # "two-thirds", "3/4": a value, however small
    broad: bool = False  # "hundreds of workers": an order of magnitude, low to ten times low

    @property
    def bare(self) -> bool:
        return self.kind == "count" and self.scale is None


# ---------------------------------------------------------------------------------------------------------
# the amount grammar
# ---------------------------------------------------------------------------------------------------------
