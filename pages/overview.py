"""Overview: the article with everything News Lens found marked in its text."""
import streamlit as st

from ui.common import page_setup
from ui.highlight import Mark, article_html, legend_html
from ui.theme import NUMBER_COLORS, QUOTE_COLORS, entity_color

data, f = page_setup()
slug = f.articles[0]
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
show_ents = t1.toggle("Entities", value=True, key="ov_entities")
show_quotes = t2.toggle("Quotes", value=True, key="ov_quotes")
show_nums = t3.toggle("Numbers", value=True, key="ov_numbers")

marks, legend = [], []
if show_ents:
    labels = sorted({e["label"] for e in doc["entities"]})
    for e in doc["entities"]:
        if f.labels and e["label"] not in f.labels:
            continue
        marks += [Mark(m["start"], m["end"], "entity", e["label"], f"{e['name']} · {e['label']}") for m in e["mentions"]]
    legend += [(lab, entity_color(lab)) for lab in labels if not f.labels or lab in f.labels]
if show_quotes:
    for q in doc["quotes"]:
        if f.speakers and (q.get("speaker") or "(unattributed)") not in f.speakers:
            continue
        marks.append(Mark(q["start"], q["end"], "quote", q["kind"], f"{q['kind']} quote · {q.get('speaker') or 'unattributed'}"))
    legend += [(f"{k} quote", c) for k, c in QUOTE_COLORS.items()]
if show_nums:
    for n in doc["numbers"]:
        marks.append(Mark(n["start"], n["end"], "number", n["label"], f"{n['label']} · {n.get('value') or n.get('date') or ''}"))
    legend += [(k.lower(), c) for k, c in NUMBER_COLORS.items()]

st.html(legend_html(legend))
with st.container(border=True):
    st.html(article_html(art["text"], marks))
