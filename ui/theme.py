"""One colour per entity type, quote kind and number kind, used by charts and text marks alike."""
from __future__ import annotations

# Okabe–Ito based palette: distinguishable for colour-blind readers, readable on light and dark.
ENTITY_COLORS = {
    "PERSON": "#0072B2",
    "ORG": "#E69F00",
    "GPE": "#009E73",
    "LOC": "#56B4E9",
    "NORP": "#CC79A7",
    "PRODUCT": "#D55E00",
    "EVENT": "#8C6BB1",
    "FAC": "#999933",
    "WORK_OF_ART": "#AA4499",
    "LAW": "#882255",
    "LANGUAGE": "#44AA99",
}
OTHER_COLOR = "#888888"
QUOTE_COLORS = {"direct": "#0072B2", "partial": "#56B4E9", "indirect": "#E69F00"}
NUMBER_COLORS = {
    "MONEY": "#009E73",
    "PERCENT": "#D55E00",
    "CARDINAL": "#8C6BB1",
    "QUANTITY": "#CC79A7",
    "AGE": "#999933",
    "DATE": "#0072B2",
}


def entity_color(label: str) -> str:
    return ENTITY_COLORS.get(label, OTHER_COLOR)
