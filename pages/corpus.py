"""Corpus: compare the chosen articles — who appears where, who speaks where, numbers over time."""
import streamlit as st

from ui.claims_view import corpus_claims
from ui.common import page_setup
from ui.corpus_charts import entity_heatmap, facts_timeline, short_titles, speakers_across
from ui.downloads import download_row
from ui.filters import apply

data, f = page_setup()
st.title("Corpus")
arts = data.frames["articles"]
arts = arts[arts["article"].isin(f.articles)]
if len(f.articles) < 2:
    st.info(
        f"Choose two or more articles in the sidebar to compare them ({len(data.slugs)} available). "
        "Add articles on the Analyse page or with `python -m newslens add FILE|URL`."
    )
titles = short_titles(dict(zip(arts["article"], arts["title"])))

st.dataframe(
    arts[["title", "published", "source", "words", "entities", "quotes", "numbers", "article"]],
    hide_index=True,
    column_config={
        "title": st.column_config.TextColumn("Title", width="large"),
        "published": st.column_config.TextColumn("Published", width="small"),
        "source": st.column_config.TextColumn("Source", width="medium"),
        "words": st.column_config.NumberColumn("Words", format="localized"),
        "entities": st.column_config.NumberColumn("Entities"),
        "quotes": st.column_config.NumberColumn("Statements"),
        "numbers": st.column_config.NumberColumn("Numbers"),
        "article": st.column_config.TextColumn("Slug", width="small"),
    },
    key="corpus_table",
)
download_row(data, f.articles, arts, "articles")

ents = apply(data.frames["entities"], f, label_col="label", search_cols=("name", "aliases"))
st.plotly_chart(entity_heatmap(ents, titles), key="corpus_heatmap")
c1, c2 = st.columns(2)
quotes = apply(data.frames["quotes"], f, speaker_col="speaker", search_cols=("speaker", "text"))
c1.plotly_chart(speakers_across(quotes, titles), key="corpus_speakers")
nums = apply(data.frames["numbers"], f, search_cols=("text", "context"))
c2.plotly_chart(facts_timeline(nums, arts), key="corpus_timeline")
corpus_claims(nums, arts, data.frames["entities"])
