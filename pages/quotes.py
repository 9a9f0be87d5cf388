"""Quotes: who said what, with the speaker resolved to a full name."""
from dataclasses import replace

import streamlit as st

from ui.charts import quotes_by_speaker
from ui.claims import statement_numbers
from ui.claims_view import statement_number_marks, statement_numbers_caption
from ui.common import chart_choice, page_setup, selected_row
from ui.downloads import download_row
from ui.filters import K_SPEAKERS, apply, set_filter
from ui.highlight import Mark, marked_html

KINDS = ["direct", "partial", "indirect"]
KIND_HELP = "direct: in quotation marks · partial: quoted words inside reported speech · indirect: reported speech"


def _md(s) -> str:
    """Text from an article, safe inside Markdown (no accidental links or emphasis)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(s))


data, f = page_setup()
st.title("Quotes")
kinds = st.pills("Kind", KINDS, selection_mode="multi", key="kind", bind="query-params", help=KIND_HELP)

# every filter but the speaker one: the chart keeps all speakers so a click can choose any of them
base = apply(data.frames["quotes"], replace(f, speakers=[]), search_cols=("speaker", "speaker_mention", "text", "cue"))
if kinds:
    base = base[base["kind"].isin(kinds)]
quotes = base[base["speaker"].isin(f.speakers)] if f.speakers else base

cols = st.columns(5)
cols[0].metric("Statements", len(quotes))
cols[1].metric("Speakers", quotes["speaker"].nunique())
for col, kind in zip(cols[2:], KINDS):
    col.metric(kind.capitalize(), int((quotes["kind"] == kind).sum()))

st.plotly_chart(quotes_by_speaker(base, selected=f.speakers), key="quote_chart", selection_mode="points",
                on_select=lambda: set_filter(K_SPEAKERS, chart_choice("quote_chart")))
hint, clear = st.columns([4, 1])
hint.caption("Click a speaker's bar to show only that speaker (the sidebar's Speaker filter, kept on every page); "
             "double-click the chart to clear.")
if f.speakers:
    clear.button("All speakers", on_click=set_filter, args=(K_SPEAKERS, []), key="all_speakers", width="stretch")

table = quotes.sort_values(["article", "start"]).reset_index(drop=True)
table["numbers"] = statement_numbers(table, data.frames["numbers"])
st.caption(f"{len(table)} statements" if len(table) else "No statement matches the filters.")
ev = st.dataframe(
    table[["speaker", "kind", "cue", "text", "numbers", "speaker_mention", "context", "article"]],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="quote_table",
    column_config={
        "speaker": st.column_config.TextColumn("Speaker", width="medium", help="Resolved: full name, outlet or source"),
        "kind": st.column_config.TextColumn("Kind", width="small", help=KIND_HELP),
        "cue": st.column_config.TextColumn("Cue", width="small", help="The verb or phrase that attributes it"),
        "text": st.column_config.TextColumn("Statement", width="large"),
        "numbers": st.column_config.TextColumn("Numbers", width="small", help="The numeric facts this statement contains"),
        "speaker_mention": st.column_config.TextColumn("Speaker as written", width="small",
                                                       help="What the text says, e.g. “he” or a surname"),
        "context": st.column_config.TextColumn("Context", width="large"),
        "article": st.column_config.TextColumn("Article", width="small"),
    },
)
download_row(data, f.articles, table, "quotes")

row = selected_row(ev, table)
if row is None:
    st.caption("Select a row to see the statement, its speaker and its cue highlighted in the article.")
else:
    text = data.text(row["article"])
    q = next((q for q in data.corpus.analyses[row["article"]]["quotes"] if q["id"] == row["id"]), {})
    marks = [Mark(int(row["start"]), int(row["end"]), "quote", row["kind"], f"{row['kind']} · {row['speaker']}",
                  focus=True)]
    spans = [(int(row["start"]), int(row["end"]))]
    carried = statement_number_marks(data.frames["numbers"], row["article"], row["id"])
    marks, spans = marks + carried, spans + [(m.start, m.end) for m in carried]
    for part, label, title in ((q.get("speaker_mention"), "PERSON", f"speaker: {row['speaker']}"),
                               (q.get("cue_span"), "CUE", f"cue: {row['cue']}")):
        if part and text[part["start"]:part["end"]] == part["text"]:
            marks.append(Mark(part["start"], part["end"], "entity", label, title))
            spans.append((part["start"], part["end"]))
    lo = max(0, min(s for s, _ in spans) - 200)
    hi = min(len(text), max(e for _, e in spans) + 200)
    while lo > 0 and not text[lo - 1].isspace():  # whole words at both ends
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    mention = row["speaker_mention"] if isinstance(row["speaker_mention"], str) else None
    read = f" — read from “{_md(mention)}”" if mention and mention != row["speaker"] else ""
    st.markdown(f"**{_md(row['speaker'])}**{read} · {_md(row['kind'])} · cue: *{_md(row['cue'])}*")
    st.html(("…" if lo > 0 else "") + marked_html(text, marks, start=lo, end=hi) + ("…" if hi < len(text) else ""))
    statement_numbers_caption(data.frames["numbers"], row["article"], row["id"])
