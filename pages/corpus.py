"""Corpus: compare the chosen articles — who appears where, who speaks where, numbers over time."""
import streamlit as st

from ui import corpus_views
from ui.claims_view import corpus_claims
from ui.common import blank_missing, page_setup, show_chart
from ui.corpus_charts import entity_heatmap, facts_timeline, short_titles, speakers_across
from ui.downloads import download_row
from ui.figcache import shared
from ui.filters import apply
from ui.tables import ART_COLUMNS

data, f = page_setup()
st.title("Corpus")
arts = data.frames["articles"]
arts = blank_missing(arts[arts["article"].isin(f.articles)])
if len(f.articles) < 2:
    st.info(
        f"Choose two or more articles in the sidebar to compare them ({len(data.slugs)} available). "
        "Add articles on the Analyse page or with `python -m newslens add FILE|URL`."
    )
    st.divider()
    corpus_views.render(data, f)  # the whole corpus, whatever is chosen
    st.stop()
titles = short_titles(dict(zip(arts["article"], arts["title"])), width=48)

st.dataframe(arts, hide_index=True, column_order=list(ART_COLUMNS), column_config=ART_COLUMNS, key="corpus_table")
download_row(data, f.articles, arts, "articles", column_config=ART_COLUMNS, columns=list(ART_COLUMNS))

ents = apply(data.frames["entities"], f, label_col="label", search_cols=("name", "aliases"))
show_chart(shared(entity_heatmap)(ents, titles), key="corpus_heatmap")
c1, c2 = st.columns(2)
quotes = apply(data.frames["quotes"], f, speaker_col="speaker", search_cols=("speaker", "text"))
show_chart(shared(speakers_across)(quotes, titles), key="corpus_speakers", container=c1)
nums = apply(data.frames["numbers"], f, search_cols=("text", "context"))
show_chart(shared(facts_timeline)(nums, titles), key="corpus_timeline", container=c2)
corpus_claims(nums, arts, data.frames["entities"])

st.divider()
corpus_views.render(data, f)
