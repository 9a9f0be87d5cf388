"""A deterministic synthetic news corpus built from the articles in data/ (for benchmarks only).

Sentences of the shipped articles are recombined with a seeded RNG into many articles; in each
article the people, organisations, products, places and numbers are replaced consistently by
others drawn from pools, so the parser and NER see varied text, not one text repeated.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FIRST = ["Maria", "James", "Li", "Aisha", "Kenji", "Olga", "Pedro", "Fatima", "Thomas", "Mei", "Rahul", "Sarah",
         "Chen", "Anna", "David", "Priya", "Lukas", "Sofia", "Ahmed", "Emily", "Hiroshi", "Grace", "Ivan", "Zhang"]
LAST = ["Garcia", "Okafor", "Tanaka", "Schmidt", "Novak", "Haddad", "Silva", "Kowalski", "Nguyen", "Larsen",
        "Moreau", "Rossi", "Kim", "Patel", "Fischer", "Lindqvist", "Mensah", "Castillo", "Ivanova", "Brennan",
        "Liu", "Yamamoto", "Oduya", "Petrov"]
COMPANIES = ["Intel", "Samsung", "Micron", "Qualcomm", "Broadcom", "Siemens", "Alibaba", "Tencent", "Huawei",
             "Sony", "Apple", "Microsoft", "Boeing", "Airbus", "Toyota", "Shell", "Nestle", "Unilever", "Baidu",
             "Xiaomi", "Infineon", "Ericsson", "Nokia", "Philips"]
PLACES = ["China", "Japan", "Germany", "India", "Brazil", "France", "Canada", "Mexico", "Vietnam", "Indonesia",
          "Kenya", "Poland", "Spain", "Australia", "Korea", "Turkey"]
CITIES = ["Las Vegas", "Berlin", "Tokyo", "Shanghai", "Paris", "Toronto", "Madrid", "Nairobi", "Seoul", "Mumbai"]
ORGS = ["China Semiconductor Industry Association", "European Chamber of Commerce", "National Bureau of Statistics",
        "International Monetary Fund", "World Trade Organization", "Federal Reserve", "Bank of Japan",
        "Semiconductor Industry Association", "German Economic Institute", "Asian Development Bank"]
UNIS = ["Tsinghua University", "Peking University", "Stanford University", "University of Tokyo", "MIT",
        "ETH Zurich", "Seoul National University", "University of Toronto", "Fudan University", "Oxford University"]
MEDIA = ["Global Times", "Reuters", "Bloomberg", "Financial Times", "Nikkei", "Associated Press", "BBC", "Caixin"]
CODES = ["H200", "H20", "A100", "B200", "M3", "X9", "T800", "K40", "Z5", "Q7"]

_SENT = re.compile(r"(?<=[.!?”])\s+(?=[“A-Z])")
_NUM = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?!\w)")


def source_texts(data_dir: Path | None = None) -> list[str]:
    """The texts of every article in `data_dir/articles` (sorted by name)."""
    folder = Path(data_dir or ROOT / "data") / "articles"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def _parts(texts: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Headlines, standfirsts and body sentences of the source articles."""
    heads, stands, sents = [], [], []
    for text in texts:
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        if not lines:
            continue
        heads.append(lines[0])
        body = lines[1:]
        if body and re.match(r"^\d{1,2} \w{3,9} \d{4}$", body[0]):
            body = body[1:]
        if body and not body[0].endswith((".", "”", '"')):
            stands.append(body[0])
            body = body[1:]
        for para in body:
            sents.extend(s for s in _SENT.split(para) if len(s.split()) >= 4)
    return heads, stands or heads, sents


def _substitution(rng: random.Random, sources: list[str]):
    """A per-article replacement function: the same source name maps to the same new one in the article."""
    people = {}
    pool = {}
    joined = "\n".join(sources)
    # full names found in the sources: two capitalised words followed by a verb/comma are too vague, so
    # use the pools' own names plus any "First Last" pair we know from the shipped article
    person_re = re.compile(r"\b(Wei Shaojun|Colette Kress|Jensen Huang)\b")
    for full in set(person_re.findall(joined)):
        new = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        people[full] = new
        people[full.split()[0]] = new.split()[-1] if full.split()[0] == "Wei" else new.split()[0]
        people[full.split()[-1]] = new.split()[-1]
    people.setdefault("Huang", f"{rng.choice(LAST)}")
    companies = rng.sample(COMPANIES, 4)
    pool.update({"Nvidia": companies[0], "ByteDance": companies[1], "TikTok": companies[2], "Douyin": companies[3],
                 "Taiwan Semiconductor Manufacturing Co": rng.choice(COMPANIES) + " Manufacturing Co"})
    place = rng.choice(PLACES)
    pool.update({"China Semiconductor Industry Association": rng.choice(ORGS),
                 "Tsinghua University": rng.choice(UNIS), "Peking University": rng.choice(UNIS),
                 "Global Times": rng.choice(MEDIA), "Reuters": rng.choice(MEDIA), "Las Vegas": rng.choice(CITIES),
                 "China": place, "Chinese": place + "-based", "Beijing": rng.choice(CITIES),
                 "H200": rng.choice(CODES), "CES": rng.choice(["CES", "Computex", "MWC", "IFA"])})
    table = {**pool, **people}
    keys = sorted(table, key=len, reverse=True)
    names_re = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b")

    def number(m: re.Match) -> str:
        s = m.group()
        if len(s) == 4 and s.startswith("20"):
            return str(rng.randint(2019, 2027))
        if "." in s:
            whole, frac = s.split(".")
            return f"{rng.randint(1, 10 ** len(whole) - 1)}.{rng.randint(0, 10 ** len(frac) - 1):0{len(frac)}d}"
        return str(rng.randint(10 ** (len(s) - 1) if len(s) > 1 else 1, 10 ** len(s) - 1))

    def apply(s: str) -> str:
        return _NUM.sub(number, names_re.sub(lambda m: table[m.group()], s))

    return apply


def make_articles(n_words: int, *, seed: int = 8, data_dir: Path | None = None, max_articles: int | None = None) -> list[str]:
    """Articles of 250-550 words until `n_words` words (or `max_articles`) are reached; deterministic."""
    sources = source_texts(data_dir)
    heads, stands, sents = _parts(sources)
    rng = random.Random(seed)
    out, total = [], 0
    while total < n_words and (max_articles is None or len(out) < max_articles):
        sub = _substitution(rng, sources)
        d = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2027)}"
        lines = [sub(rng.choice(heads)), d, sub(rng.choice(stands))]
        target = rng.randint(250, 550)
        words = sum(len(x.split()) for x in lines)
        while words < target:
            para = " ".join(sub(s) for s in rng.sample(sents, k=min(len(sents), rng.randint(1, 4))))
            lines.append(para)
            words += len(para.split())
        out.append("\n".join(lines) + "\n")
        total += words
    return out


def write_corpus(articles: list[str], data_dir: Path) -> list[str]:
    """Write the articles as data_dir/articles/bench_00000.txt …; returns their slugs."""
    folder = Path(data_dir) / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    slugs = []
    for i, text in enumerate(articles):
        slug = f"bench_{i:05d}"
        (folder / f"{slug}.txt").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)
