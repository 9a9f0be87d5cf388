"""`python -m newslens import PATH|URL…`: the import subcommand (arguments and what it prints)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .dates import ORDERS
from .tables import FIELDS


def add_parser(sub) -> argparse.ArgumentParser:
    im = sub.add_parser(
        "import", help="import folders, CSV / JSON Lines files and RSS/Atom feeds (files or links), then preprocess",
        description="Import a collection. Folders are read recursively (.txt, .md, .html, and tables or feeds "
                    "inside them). Identical texts are skipped; every refused item is listed with its reason in a "
                    "report file. Ctrl-C stops; the same command continues where it stopped.")
    im.add_argument("inputs", nargs="+", metavar="PATH|URL")
    for f in FIELDS:
        im.add_argument(f"--{f}-column", metavar="NAME", help=f"the column holding the {f} (default: detected)")
    im.add_argument("--dates", choices=ORDERS, default="auto",
                    help="order of numeric dates like 03/04/2026: auto (learnt per column; day first when unsure), dmy, mdy")
    im.add_argument("--date-format", metavar="FORMAT", help="an explicit strptime format, e.g. %%d/%%m/%%Y %%H:%%M")
    im.add_argument("--source", help="source for items that name none (e.g. a folder of one paper's stories)")
    im.add_argument("--feed-pages", choices=("auto", "always", "never"), default="auto",
                    help="fetch each feed item's page: auto (unless the feed carries the full text), always, never")
    im.add_argument("--no-fetch", action="store_true", help="never fetch links (rows and feed items use their own text)")
    im.add_argument("--force-language", action="store_true", help="import texts that do not look like English")
    im.add_argument("--restart", action="store_true", help="forget an interrupted run of the same inputs and start over")
    im.add_argument("--report", type=Path, metavar="FILE", help="where to write the report (default: in the run's folder)")
    im.add_argument("--no-preprocess", action="store_true", help="only write the articles; `preprocess` processes them later")
    im.add_argument("--n-process", type=int, default=1, help="preprocessing worker processes (default 1)")
    im.add_argument("--batch-size", type=int, default=64, help="segments per nlp.pipe batch")
    im.add_argument("--engine", choices=("local", "processes", "dask"), help="preprocessing engine (as for preprocess)")
    im.add_argument("--scheduler", metavar="ADDRESS", help="address of an existing Dask scheduler")
    im.add_argument("--quiet", action="store_true", help="no progress bars")
    im.add_argument("--data-dir", type=Path, help="data folder (default: $NEWSLENS_DATA_DIR or ./data)")
    im.add_argument("--model", dest="model_sub", help=argparse.SUPPRESS)
    return im


def options_of(args):
    from .records import Options

    mapping = {f: getattr(args, f"{f}_column") for f in FIELDS if getattr(args, f"{f}_column", None)}
    return Options(mapping=mapping, dates=args.dates, date_format=args.date_format, feed_pages=args.feed_pages,
                   fetch=not args.no_fetch, source=args.source, force_language=args.force_language)


def run(args, model: str | None) -> int:
    from ..config import data_dir
    from ..progress import Progress
    from .run import import_sources, preprocess_added

    root = data_dir(args.data_dir)
    show = Progress(quiet=args.quiet)
    try:
        report = import_sources(args.inputs, root=root, options=options_of(args), progress=show,
                                restart=args.restart, report_path=args.report)
    except KeyboardInterrupt:
        print(f"{chr(10) if show.tty and not args.quiet else ''}interrupted: {show.done} of {show.total} items read and "
              "saved; run the same command again to continue", file=sys.stderr)
        return 130
    print(f"import: {report.summary()}")
    if report.count("refused") or report.count("duplicate") or any(e.get("warnings") for e in report.entries):
        print(f"report: {report.report_path}")
    if args.no_preprocess or not report.added:
        if report.added:
            print("run `python -m newslens preprocess` to process the new articles")
        return 0
    from ..engines import EngineUnavailable

    show = Progress(quiet=args.quiet)
    try:
        done = preprocess_added(report, root=root, model=model, n_process=args.n_process,
                                batch_size=args.batch_size, progress=show, engine=args.engine, scheduler=args.scheduler)
    except KeyboardInterrupt:
        print(show.interrupted().replace("run the same command", "run the same command (or `preprocess`)"), file=sys.stderr)
        return 130
    except EngineUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    errors = [(s, a) for s, a in done if a.startswith("error")]
    print(f"preprocess: {sum(1 for _, a in done if a.startswith('processed'))} processed, "
          f"{sum(1 for _, a in done if a == 'unchanged')} already current, {len(errors)} failed")
    for slug, action in errors:
        print(f"{slug}: {action}", file=sys.stderr)
    return 1 if errors else 0
