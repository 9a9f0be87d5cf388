"""Overview: the article with everything News Lens found marked in its text."""
import streamlit as st

from ui.common import page_setup
from ui.downloads import download_row
from ui.filters import article_title
from ui.highlight import Mark, article_html, legend_html, quote_marks
from ui.theme import NUMBER_COLORS, QUOTE_COLORS, entity_color

data, f = page_setup()
slug = f.articles[0]
if len(f.articles) > 1:
    slug = st.selectbox("Show article", f.articles, format_func=lambda s: article_title(data, s, 90),
                        key="show", bind="query-params")
doc = data.corpus.analyses[slug]
art = doc["article"]

st.title(art["title"])
meta = " · ".join(x for x in (art.get("source"), art.get("published")) if x)
st.caption(f"{meta} · `{slug}`" if meta else f"`{slug}`")

c1, c2, c3, c4 = st.columns(4)
c1.metric("Entities", len(doc["entities"]))
c2.metric("Statements", len(doc["quotes"]))
c3.metric("Numeric facts", len(doc["numbers"]))
c4.metric("Words", f"{len(art['text'].split()):,}")

t1, t2, t3 = st.columns(3)
show_ents = t1.toggle("Entities", value=True, key="ents", bind="query-params")
show_quotes = t2.toggle("Quotes", value=True, key="quotes", bind="query-params")
show_nums = t3.toggle("Numbers", value=True, key="nums", bind="query-params")

needle = f.search.lower()
marks, legend = [], []
if show_ents:
    labels = sorted({e["label"] for e in doc["entities"]})
    for e in doc["entities"]:
        if f.labels and e["label"] not in f.labels:
            continue
        hit = bool(needle) and (needle in e["name"].lower() or any(needle in a.lower() for a in e.get("aliases", [])))
        marks += [Mark(m["start"], m["end"], "entity", e["label"], f"{e['name']} · {e['label']}", focus=hit)
                  for m in e["mentions"]]
    legend += [(lab, entity_color(lab)) for lab in labels if not f.labels or lab in f.labels]
if show_quotes:
    for q in doc["quotes"]:
        speaker = q.get("speaker") or "(unattributed)"
        if f.speakers and speaker not in f.speakers:
            continue
        marks += quote_marks(q, f"{q['kind']} · {speaker} · {q.get('cue') or ''}", focus=bool(f.speakers))
    legend += [(f"{k} quote", c) for k, c in QUOTE_COLORS.items()]
if show_nums:
    for n in doc["numbers"]:
        marks.append(Mark(n["start"], n["end"], "number", n["label"],
                          f"{n['label']} · {n.get('value') if n.get('value') is not None else n.get('date') or ''} {n.get('unit') or ''}"))
    legend += [(k.lower(), c) for k, c in NUMBER_COLORS.items()]

if legend:
    st.html(legend_html(legend))
if f.search or f.speakers:
    st.caption("Outlined: what matches the sidebar's speaker and search filters.")
with st.container(border=True):
    st.html(article_html(art["text"], marks))
download_row(data, [slug], None, "overview")
