"""A synthetic processed corpus of any size, fast: no model run per article (for bench_app.py only).

K template articles (benchmarks/corpus.py's synthetic articles, processed once by newslens) are cloned
into N articles: each clone has its own slug, title, date (spread over two years) and source (one of
40), the text and analysis of its template, and its rows in the dashboard's Parquet index, written
directly in chunks (what `preprocess` would write for these files, without re-reading 100,000 JSON
documents). Long text columns (contexts, statements) are written without dictionary encoding, as a real
corpus's unique strings end up, so the files are not smaller than a real index of that size.
"""
from __future__ import annotations

import json
import random
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens import index, storage  # noqa: E402
from newslens.index import frames_from_rows, index_dir  # noqa: E402
from newslens.rows import FRAME_COLUMNS, frame_rows
from newslens.storage import articles_dir, processed_dir

SOURCES = [f"{city} {kind}" for city in ("Harbour", "Metro", "Capital", "Valley", "Coast", "Northern", "City", "Global")
           for kind in ("Times", "Post", "Herald", "Wire", "Daily")]
PLAIN = {"context", "text", "sentence", "aliases", "title", "cue", "speaker_mention", "measure", "subject"}
CHUNK = 5_000  # articles per Parquet write
ROW_GROUP = index.INDEX_ROW_GROUP
_TITLE, _SLUG, _PUB, _SRC = "\x00TITLE\x00", "\x00SLUG\x00", "\x00PUB\x00", "\x00SRC\x00"


def templates(root: Path) -> list[tuple[str, dict]]:
    """(text, processed document) of every processed article under `root`."""
    out = []
    for p in sorted(processed_dir(root).glob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        out.append((doc["article"]["text"], doc))
    return out


def _meta(i: int, rng: random.Random, base_title: str) -> tuple[str, str, str, str]:
    slug = f"a{i:06d}"
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
    return slug, f"{base_title[:80]} — story {i:,}", day.isoformat(), SOURCES[rng.randrange(len(SOURCES))]


def build(n: int, tpl_root: Path, out_root: Path, *, seed: int = 7, files: bool = True) -> Path:
    """Write `n` cloned articles, their processed files and the index under `out_root` (a data folder);
    `files=False` rewrites only the index (after a change of the code that the index records)."""
    t0 = time.perf_counter()
    tpls = templates(tpl_root)
    if not tpls:
        raise SystemExit(f"no processed templates in {tpl_root}")
    k = len(tpls)
    rng = random.Random(seed)
    for folder in (articles_dir(out_root), processed_dir(out_root), index_dir(out_root)):
        folder.mkdir(parents=True, exist_ok=True)
    blobs = []  # each template's JSON with placeholders for the clone's metadata
    for text, doc in tpls:
        d = json.loads(json.dumps(doc))
        d["article"].update(slug=_SLUG, title=_TITLE, published=_PUB, source=_SRC)
        blobs.append(storage.dumps(d))
    metas = [_meta(i, rng, tpls[i % k][1]["article"]["title"]) for i in range(n)]

    def write(i: int) -> None:
        slug, title, pub, src = metas[i]
        (articles_dir(out_root) / f"{slug}.txt").write_text(tpls[i % k][0], encoding="utf-8")
        blob = blobs[i % k]
        for ph, val in ((_SLUG, slug), (_TITLE, title), (_PUB, pub), (_SRC, src)):
            blob = blob.replace(json.dumps(ph)[1:-1], json.dumps(val, ensure_ascii=False)[1:-1])
        (processed_dir(out_root) / f"{slug}.json").write_text(blob, encoding="utf-8")

    if files:
        with ThreadPoolExecutor(4) as pool:  # file writes wait on the disk, not the CPU
            list(pool.map(write, range(n), chunksize=256))
    t_files = time.perf_counter() - t0
    _write_index(out_root, tpls, metas)
    print(f"scale corpus: {n:,} articles from {k} templates in {time.perf_counter() - t0:.0f} s "
          f"(files {t_files:.0f} s) -> {out_root}", file=sys.stderr)
    return out_root


def _template_frames(tpls) -> dict[str, tuple[pd.DataFrame, np.ndarray, np.ndarray]]:
    """table -> (every template's rows stacked, first row of each template, row count of each template)."""
    rows = {key: [] for key in FRAME_COLUMNS}
    for t, (_, doc) in enumerate(tpls):
        for key, part in frame_rows(f"t{t}", doc).items():
            rows[key].extend(part)
    for r in rows["entities"]:
        r["corpus_key"], r["corpus_name"] = r["name"].lower(), r["name"]
    frames = frames_from_rows(rows)
    out = {}
    for key, df in frames.items():
        sizes = df.groupby("article").size() if len(df) else {}
        counts = np.array([int(sizes.get(f"t{t}", 0)) for t in range(len(tpls))], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        out[key] = (df.reset_index(drop=True).infer_objects(), starts, counts)
    return out


def _write_index(root: Path, tpls, metas) -> None:
    k = len(tpls)
    tf = _template_frames(tpls)
    gen = secrets.token_hex(6)
    folder = index_dir(root)
    slugs = [m[0] for m in metas]
    for key, (df, starts, counts) in tf.items():
        dict_cols = [c for c in df.columns if c not in PLAIN]
        writer = schema = None
        try:
            for a in range(0, len(metas), CHUNK):
                ids = range(a, min(a + CHUNK, len(metas)))
                tpl = [i % k for i in ids]
                take = np.concatenate([np.arange(starts[t], starts[t] + counts[t], dtype=np.int64) for t in tpl])
                part = df.iloc[take].reset_index(drop=True)
                part["article"] = np.repeat([slugs[i] for i in ids], [counts[t] for t in tpl])
                if key == "articles":
                    part["title"] = [metas[i][1] for i in ids]
                    part["published"] = [metas[i][2] for i in ids]
                    part["source"] = [metas[i][3] for i in ids]
                if writer is None:
                    schema = pa.Schema.from_pandas(part, preserve_index=False)
                    writer = pq.ParquetWriter(folder / f"{key}-{gen}.parquet", schema, use_dictionary=dict_cols)
                writer.write_table(pa.Table.from_pandas(part, schema=schema, preserve_index=False),
                                   row_group_size=ROW_GROUP)
        finally:
            if writer is not None:
                writer.close()
    manifest = {"code": index._code_key(), "generation": gen, "slugs": slugs, "problems": [],
                "stats": {s: [a, p] for s, (a, p) in index.corpus_stats(root).items()}}
    storage.atomic_write_text(folder / "manifest.json", json.dumps(manifest))
