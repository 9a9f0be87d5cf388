"""Import whole collections: folders of .txt/.md/.html, CSV and JSON Lines exports, RSS/Atom feeds.

`import_sources(paths, root=…, options=Options(…))` writes the new articles and a report of every
refused or duplicate item; `preprocess_added(report)` then processes them. No Streamlit here.
"""
from .records import Options
from .run import ImportReport, import_sources, preprocess_added, report_csv, report_rows
from .sources import Blob, resolve

__all__ = ["Blob", "ImportReport", "Options", "import_sources", "preprocess_added", "report_csv", "report_rows",
           "resolve"]
