"""Analyse: paste, upload or link an article, see what News Lens finds in it, and keep it."""
import streamlit as st

from newslens import ingest
from newslens.config import data_dir
from ui import import_panel
from ui.data import load_data
from ui.navfix import ensure_navigation_mode
from ui.ingest import (
    K_CONFIRM, K_RESULTS, articles_table, collect, confirm_remove, follow_progress, keep, md, on_paste_change,
    progress_area, remember, show_notice, show_result, start_batch,
)
from ui.workers import app_max_chars

ensure_navigation_mode()
root = data_dir()
st.title("Analyse an article")
st.caption(
    f"Paste a story, upload saved files (.txt, .md, .html) or give a link. News Lens reads English news "
    f"articles of up to {app_max_chars():,} characters here (the command line takes up to "
    f"{ingest.MAX_CHARS:,}); nothing is kept until you add it."
)
collect()  # an analysis that finished while the reader was elsewhere
show_notice()

for k, default in (("an_force_lang", False), ("an_text", ""), ("an_title", ""), ("an_published", ""),
                   ("an_source", ""), ("an_url", "")):
    keep(k, default)  # what the reader typed survives a visit to another page
force = st.checkbox(
    "Analyse text that does not look like English", key="an_force_lang", on_change=remember, args=("an_force_lang",),
    help="The language model reads English only; other languages give poor results.",
)
t_paste, t_files, t_link, t_import = st.tabs([":material/content_paste: Paste", ":material/upload_file: Files",
                                              ":material/link: Link", ":material/library_add: Import a collection"])
jobs = []
pasted = None
with t_paste:
    text = st.text_area("Article text", key="an_text", height=260, on_change=on_paste_change,
                        placeholder="Headline on the first line, then the dateline (e.g. 8 Jan 2026), then the story…")
    c1, c2, c3 = st.columns([3, 1, 1])
    title = c1.text_input("Title", key="an_title", placeholder="Detected from the first line",
                          on_change=remember, args=("an_title",))
    published = c2.text_input("Published", key="an_published", placeholder="YYYY-MM-DD (detected)",
                              on_change=remember, args=("an_published",))
    source = c3.text_input("Source", key="an_source", placeholder="e.g. Reuters", on_change=remember, args=("an_source",))
    if st.button("Analyse text", key="an_go_text", type="primary", icon=":material/play_arrow:"):
        pasted = text
        jobs.append(("pasted text", lambda: ingest.make_candidate(
            text, title=title, published=published, source=source, force_language=force)))
with t_files:
    files = st.file_uploader("Article files", type=["txt", "md", "html", "htm"], accept_multiple_files=True,
                             key="an_files", help=f"UTF-8 text, Markdown or a saved web page; up to {ingest.MAX_FILE_BYTES // 1_000_000} MB each.")
    if st.button("Analyse files", key="an_go_files", type="primary", icon=":material/play_arrow:", disabled=not files):
        batch = [(f.name, f.getvalue()) for f in files or []]
        jobs.append((f"{len(batch)} file(s)", lambda: ingest.read_uploads(batch, force_language=force)))
with t_link:
    url = st.text_input("Link to an article", key="an_url", placeholder="https://…", on_change=remember, args=("an_url",))
    if st.button("Fetch and analyse", key="an_go_url", type="primary", icon=":material/play_arrow:"):
        jobs.append((url.strip() or "link", lambda: ingest.read_url(url, force_language=force)))

with t_import:
    import_panel.render()

if jobs:
    start_batch(jobs, pasted=pasted)  # reads here; the analysis itself waits for one of the server's workers

progress = progress_area()
for i, res in enumerate(st.session_state.get(K_RESULTS) or []):
    show_result(i, res)

# ------------------------------------------------------------------ your articles
st.divider()
st.subheader("Your articles", anchor=False)
data = load_data()
SHOWN = 1000  # beyond, the newest articles are listed (the sidebar's "Find articles" reaches any of them)
many = len(data.corpus.analyses) > SHOWN
table = articles_table(root, data.corpus, data.articles, slugs=sorted(
    {p.slug for p in data.corpus.problems} | set(data.db.find_articles(limit=SHOWN))) if many else None)
if many:
    st.caption(f"The newest {SHOWN:,} of {len(data.corpus.analyses):,} articles, and any that need attention.")
if table.empty:
    st.info(f"No articles in {md(root)} yet.")
else:
    st.dataframe(table, hide_index=True, key="an_articles", column_config={
        "article": st.column_config.TextColumn("Name"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "state": st.column_config.TextColumn("State", width="medium"),
    })
    bad = [p for p in data.corpus.problems if p.status != "missing"]
    for p in bad:
        st.warning(f"processed/{md(p.slug)}.json is {p.status}: {md(p.reason)}. The other articles are shown; "
                   "use **Process them now** in the sidebar to rebuild it.", icon=":material/report:")
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    titles = dict(zip(table["article"], table["title"]))
    pick = c1.selectbox("Article to remove", table["article"].tolist(), key="an_remove_pick",
                        format_func=lambda s: f"{s} — {titles[s][:70]}")
    if c2.button("Remove…", key="an_remove", icon=":material/delete:"):
        st.session_state[K_CONFIRM] = pick
    confirm_remove(root)

follow_progress(progress)  # last: redraws the progress until the analysis is done
