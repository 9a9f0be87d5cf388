"""Article metadata (title, published date, source) from the text or a sidecar file."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_absolute_date
from .schema import Segment


@dataclass
class Metadata:
    title: str
    published: str | None = None
    source: str | None = None
    url: str | None = None


def detect_metadata(text: str, segments: list[Segment]) -> Metadata:
    """Title from the headline segment, date from the dateline, source from a "Source:" line."""
    title = ""
    published = None
    source = None
    for seg in segments:
        body = text[seg.start : seg.end]
        if seg.kind == "headline" and not title:
            title = body.strip()
        elif seg.kind == "dateline" and published is None:
            d = parse_absolute_date(re.sub(r"^(?:published|updated|posted)\s*:?\s*", "", body.strip(), flags=re.I))
            published = d.isoformat() if d else None
        m = re.match(r"^(?:Source|Publisher)\s*:\s*(.+)$", body.strip())
        if m and source is None:
            source = m.group(1).strip()
    if not title:
        title = text.strip()[:80] or "Untitled"
    return Metadata(title=title[:300], published=published, source=source)


def read_sidecar(article_path: Path) -> dict:
    """Metadata written beside an article as `<slug>.meta.json` (title, published, source, url)."""
    path = article_path.with_suffix(".meta.json")
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k in ("title", "published", "source", "url") and isinstance(v, str)}
