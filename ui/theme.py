"""One colour per meaning, shared by charts and text marks, and the names readers see for spaCy's codes.

Entity types get the Okabe–Ito hues (distinguishable for colour-blind readers); quote kinds are shades of
one violet (a statement), numbers one brown (a number: kinds differ by symbol in charts, by name in
tooltips). No colour is used for two meanings, and every colour keeps at least 2:1 contrast on Streamlit's
light (#FFFFFF) and dark (#0E1117) backgrounds. What matches a filter is outlined with the text colour.
"""
from __future__ import annotations

# spaCy label -> what a reader calls it; labels of one meaning share a name and a colour
TYPE_NAMES = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Place",
    "LOC": "Place",
    "NORP": "Nationality or group",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "FAC": "Building or facility",
    "WORK_OF_ART": "Work of art",
    "LAW": "Law or treaty",
    "LANGUAGE": "Language",
}
OTHER_NAME = "Other name"
TYPE_COLORS = {
    "Person": "#2F7FC1",
    "Organisation": "#C98A00",
    "Place": "#009E73",
    "Nationality or group": "#CC79A7",
    "Product": "#D55E00",
    "Event": "#56B4E9",
}
OTHER_COLOR = "#8E8E8E"  # the rarer types (facility, work of art, law, language) and anything unknown
QUOTE_COLORS = {"direct": "#7B61C9", "partial": "#9A86D8", "indirect": "#B9A9E6"}
NUMBER_COLOR = "#A0703C"
FOCUS_COLOR = "#F0E442"  # a highlighter: what matches the sidebar's filters
NUMBER_NAMES = {"MONEY": "Money", "PERCENT": "Percentage", "CARDINAL": "Count", "QUANTITY": "Quantity",
                "AGE": "Age", "DATE": "Date"}
NUMBER_SYMBOLS = {"MONEY": "circle", "PERCENT": "diamond", "CARDINAL": "square", "QUANTITY": "triangle-up",
                  "AGE": "star", "DATE": "x"}
NUMBER_COLORS = {k: NUMBER_COLOR for k in NUMBER_NAMES}
# counts in heatmaps: greys (no hue of the palette above); empty cells are left transparent
COUNT_SCALE = [[0.0, "#B4B4B4"], [1.0, "#4A4A4A"]]  # mid greys: neither glares on dark nor fades on white


def type_name(label: str | None) -> str:
    """"GPE" -> "Place", "NORP" -> "Nationality or group"; unknown codes -> "Other name"."""
    return TYPE_NAMES.get(label or "", OTHER_NAME)


def entity_color(label: str | None) -> str:
    """The colour of an entity type, by spaCy code or by its human name."""
    name = label if label in TYPE_COLORS else type_name(label)
    return TYPE_COLORS.get(name, OTHER_COLOR)


def type_color_map() -> dict[str, str]:
    """Human type name -> colour, for charts coloured by type."""
    names = dict.fromkeys([*TYPE_NAMES.values(), OTHER_NAME])
    return {n: TYPE_COLORS.get(n, OTHER_COLOR) for n in names}


def number_name(label: str | None) -> str:
    return NUMBER_NAMES.get(label or "", (label or "").capitalize())


def legend_items(*, type_labels=(), quotes: bool = False, numbers: bool = False,
                 focus: bool = False) -> list[tuple[str, str]]:
    """(name, colour) chips for the text marks in use: each colour once, with its meaning."""
    items: dict[str, str] = {}
    names = {type_name(lab) for lab in type_labels}
    for name in TYPE_COLORS:  # always in the palette's order
        if name in names:
            items[name] = TYPE_COLORS[name]
    if names - set(TYPE_COLORS):
        items["Other names"] = OTHER_COLOR
    if quotes:
        items.update({f"{k.capitalize()} quote": c for k, c in QUOTE_COLORS.items()})
    if numbers:
        items["Number or date"] = NUMBER_COLOR
    if focus:
        items["Matches your filters"] = FOCUS_COLOR
    return list(items.items())
