"""Overview: the article with everything News Lens found marked in its text."""
import streamlit as st

from ui.common import page_setup
from ui.downloads import download_row
from ui.filters import article_title
from ui.fmt import plural
from ui.highlight import article_html, legend_html, md
from ui.marks import overview_marks

LAYERS = ["Entities", "Quotes", "Numbers"]

data, f = page_setup()
slug = f.articles[0]
if len(f.articles) > 1:
    slug = st.selectbox("Show article", f.articles, format_func=lambda s: article_title(data, s, 90),
                        key="show", bind="query-params")
doc = data.corpus.analyses[slug]
art = doc["article"]

st.title(art["title"], anchor=False)
meta = " · ".join(x for x in (art.get("source"), art.get("published")) if x)
with st.container(horizontal=True, gap="medium"):  # side by side at any width: the text starts high up
    st.metric("Entities", len(doc["entities"]), width="content")
    st.metric("Statements", len(doc["quotes"]), width="content")
    st.metric("Numeric facts", len(doc["numbers"]), width="content")
    st.metric("Words", f"{len(art['text'].split()):,}", width="content")
shown = st.pills("Mark in the text", LAYERS, selection_mode="multi", default=LAYERS, key="marks",
                 bind="query-params") or []
if meta:
    st.caption(meta)

marks, legend = overview_marks(doc, labels=f.labels, speakers=f.speakers, search=f.search,
                               entities="Entities" in shown, quotes="Quotes" in shown, numbers="Numbers" in shown)
if legend:
    st.html(legend_html(legend))
if f.search or f.speakers:
    hits = sum(m.focus for m in marks)
    what = " and ".join(x for x in (f"speaker {md(', '.join(f.speakers))}" if f.speakers else "",
                                    f"“{md(f.search)}”" if f.search else "") if x)
    st.caption(f"Outlined: {plural(hits, 'mark')} matching {what}." if hits else f"Nothing in this article matches {what}.")
with st.container(border=True):
    st.html(article_html(art["text"], marks))
download_row(data, [slug], None, "overview")
