"""Entities: who and what is in the story, one row per real-world thing."""
import streamlit as st

from newslens.config import data_dir
from newslens.corrections import LABELS, CorrectionError, corrections_path, load_corrections
from ui.charts import cooccurrence_heatmap, cooccurrence_pairs, entity_bar, entity_type_mix
from ui.common import chart_choice, page_setup, selected_row
from ui.downloads import download_row
from ui.filters import apply, set_filter
from ui.kwic import kwic_html, kwic_rows

ACTIONS = {"rename": "Rename", "relabel": "Change type", "merge": "Merge others into it", "drop": "Drop (not an entity)"}

data, f = page_setup()
st.title("Entities")
all_ents = data.frames["entities"]
all_ents = all_ents[all_ents["article"].isin(f.articles)]
ents = apply(data.frames["entities"], f, label_col="label", search_cols=("name", "aliases", "context"))
top_mentions = max(int(all_ents["mentions"].max()) if len(all_ents) else 1, 2)
if int(st.session_state.get("min_mentions") or 1) > top_mentions:  # fewer articles chosen than before
    st.session_state["min_mentions"] = top_mentions
min_mentions = st.columns([1, 2])[0].slider("Minimum mentions", 1, top_mentions, key="min_mentions", bind="query-params",
                         help="Hide entities mentioned fewer times than this.")
ents = ents[ents["mentions"] >= min_mentions]

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(entity_bar(ents), key="ent_chart", selection_mode="points",
                    on_select=lambda: set_filter("entity", chart_choice("ent_chart")))
with right:
    st.plotly_chart(entity_type_mix(ents), key="type_mix", selection_mode="points",
                    on_select=lambda: set_filter("type", chart_choice("type_mix")))

names = sorted(ents["name"].unique())
focus = st.multiselect("Focus on entities", names, key="entity", bind="query-params",
                       placeholder="Click a bar or choose entities", help="Clicking a bar in the chart sets this.")
if focus:
    ents = ents[ents["name"].isin(focus)]

table = ents.sort_values(["mentions", "salience"], ascending=False).reset_index(drop=True)
st.caption(f"{len(table)} entities in {table['article'].nunique()} article(s)" if len(table) else "No entity matches the filters.")
ev = st.dataframe(
    table[["name", "label", "mentions", "salience", "aliases", "quotes", "numbers", "context", "article"]],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="ent_table",
    column_config={
        "name": st.column_config.TextColumn("Entity", width="medium"),
        "label": st.column_config.TextColumn("Type", width="small"),
        "mentions": st.column_config.NumberColumn("Mentions", format="%d"),
        "salience": st.column_config.ProgressColumn("Salience", min_value=0.0, max_value=1.0, format="%.2f"),
        "aliases": st.column_config.TextColumn("Aliases"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d", help="Statements attributed to it"),
        "numbers": st.column_config.NumberColumn("Numbers", format="%d", help="Numeric facts about it"),
        "context": st.column_config.TextColumn("First mention in context", width="large"),
        "article": st.column_config.TextColumn("Article", width="small"),
    },
)
download_row(data, f.articles, table, "entities")

row = selected_row(ev, table)
if row is not None:
    st.subheader(f"{row['name']} in context")
    ments = data.frames["mentions"]
    ments = ments[(ments["article"] == row["article"]) & (ments["entity_id"] == row["id"])]
    st.caption(f"{row['label']} · {len(ments)} mention(s)" + (f" · also written {row['aliases']}" if row["aliases"] else ""))
    st.html(kwic_html(kwic_rows(ments, data.text(row["article"]))))
    q = data.frames["quotes"]
    q = q[(q["article"] == row["article"]) & (q["speaker_entity_id"] == row["id"])]
    if not q.empty:
        st.markdown("**Statements**")
        st.dataframe(q[["kind", "cue", "text"]], hide_index=True)
    n = data.frames["numbers"]
    n = n[(n["article"] == row["article"]) & (n["subject"] == row["name"])]
    if not n.empty:
        st.markdown("**Numeric facts**")
        st.dataframe(n[["text", "label", "value", "unit", "date"]], hide_index=True)
else:
    st.caption("Select a row to see every mention of that entity in context, with its statements and numbers.")

# which entities are named together
shown = data.frames["mentions"]
shown = shown[shown["article"].isin(table["article"].unique()) & shown["name"].isin(table["name"].unique())]
st.plotly_chart(cooccurrence_heatmap(cooccurrence_pairs(shown)), key="cooc_chart")


# ------------------------------------------------------------------ corrections: the user decides


def _save_correction(rule: dict) -> None:
    from newslens.preprocess import apply_rule_to_corpus
    from newslens.pipeline import ModelNotFoundError
    from ui.data import get_nlp

    try:
        with st.spinner("Saving the correction and reprocessing the articles it changes…"):
            get_nlp()
            changed = apply_rule_to_corpus(rule, data_dir())
    except (CorrectionError, ModelNotFoundError, OSError) as exc:
        st.session_state["fix_message"] = ("error", str(exc))
        return
    done = f"reprocessed {len(changed)} article(s)" if changed else "no processed article names it yet"
    st.session_state["fix_message"] = ("success", f"Saved: {_describe(rule)} — {done}.")
    st.toast("Correction saved")


def _remove_correction(index: int) -> None:
    from newslens.preprocess import remove_rule_from_corpus
    from newslens.pipeline import ModelNotFoundError
    from ui.data import get_nlp

    try:
        with st.spinner("Removing the correction and reprocessing…"):
            get_nlp()
            remove_rule_from_corpus(index, data_dir())
    except (CorrectionError, ModelNotFoundError, OSError) as exc:
        st.session_state["fix_message"] = ("error", str(exc))
        return
    st.session_state["fix_message"] = ("success", "Correction removed.")


def _describe(rule: dict) -> str:
    scope = f" (only in {rule['article']})" if rule.get("article") else ""
    a = rule["action"]
    if a == "rename":
        return f"rename “{rule['name']}” to “{rule['to']}”{scope}"
    if a == "relabel":
        return f"“{rule['name']}” is a {rule['label']}{scope}"
    if a == "merge":
        return f"merge {', '.join('“' + n + '”' for n in rule['names'])} into “{rule['into']}”{scope}"
    return f"drop “{rule['name']}”{scope}"


with st.expander("Correct an entity", expanded="fix_message" in st.session_state):
    st.caption("Rules are saved in `data/corrections.json`, applied whenever articles are processed, and kept "
               "across restarts.")
    choices = sorted(all_ents["name"].unique())
    if choices:
        picked = row["name"] if row is not None else None
        if picked in choices and st.session_state.get("fix_picked") != picked:
            st.session_state["fix_entity"] = picked  # the row chosen in the table
        st.session_state["fix_picked"] = picked
        target = st.selectbox("Entity", choices, key="fix_entity")
        action = st.radio("Correction", list(ACTIONS), format_func=ACTIONS.get, key="fix_action", horizontal=True)
        rule: dict = {"action": action}
        if action == "rename":
            rule.update(name=target, to=st.text_input("New name", key="fix_to").strip())
        elif action == "relabel":
            current = all_ents.loc[all_ents["name"] == target, "label"].iloc[0]
            rule.update(name=target, label=st.selectbox("New type", LABELS, index=LABELS.index(current)
                                                         if current in LABELS else 0, key="fix_label"))
        elif action == "merge":
            others = st.multiselect("Entities that are the same thing", [c for c in choices if c != target],
                                    key="fix_others")
            rule.update(names=[target, *others], into=target)
        else:
            rule.update(name=target)
        arts = sorted(all_ents.loc[all_ents["name"] == target, "article"].unique())
        if len(arts) == 1 and st.checkbox(f"Only in this article ({arts[0]})", key="fix_scope"):
            rule["article"] = arts[0]
        ready = (action != "rename" or rule.get("to")) and (action != "merge" or len(rule.get("names", [])) > 1)
        st.button("Save correction", key="fix_save", type="primary", disabled=not ready,
                  on_click=_save_correction, args=(rule,))
    message = st.session_state.pop("fix_message", None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])
    saved = load_corrections(corrections_path(data_dir()))
    if saved.error:
        st.warning(f"The corrections file could not be read ({saved.error}); saving a new rule keeps a backup.")
    for i, r in enumerate(saved.rules):
        c1, c2 = st.columns([6, 1])
        c1.markdown(f"{i + 1}. {_describe(r)}")
        c2.button("Remove", key=f"fix_remove_{i}", on_click=_remove_correction, args=(i,))
