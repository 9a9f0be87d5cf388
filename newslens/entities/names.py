"""Names: the word lists, surface normalisation and corpus keys every entity pass shares."""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from .. import lexicon

NUMERIC_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME", "ORDINAL"}
# model and part numbers: H200, A100, MI300X, RTX4090 (kept for numbers.py, which skips them)
PRODUCT_CODE = re.compile(r"^[A-Z]{1,4}\d{1,4}[A-Za-z]{0,2}$")
# codes that name periods, groups or substances, not products
NOT_PRODUCT_CODE = re.compile(r"^(?:Q[1-4]|H[12]|[1-4]Q|FY\d{2,4}|CY\d{2,4}|G\d{1,2}|COP\d+|COVID\d*|CO2|PM\d+|"
                              r"[A-Z]\d|MH\d+|B\d+|N\d|A\d\d?)$")
# common given names (male and female): a name that opens with one is a person's
GIVEN_NAMES = lexicon.words("given_names_male") | lexicon.words("given_names_female")


def _kind(name: str, kind: str) -> frozenset:
    return frozenset(k for k, v in lexicon.mapping(name).items() if v == kind)


PLACE_ALIASES = lexicon.mapping("place_aliases")
PLACE_LABEL = {"United States": "GPE", "United Kingdom": "GPE", "United Arab Emirates": "GPE", "China": "GPE",
               "Hong Kong": "GPE", "Democratic Republic of the Congo": "GPE"}
NON_NAMES = lexicon.words("non_names")
ORG_TAIL = frozenset(lexicon.mapping("org_suffixes"))
LEGAL_FORMS = frozenset(w.rstrip(".") for w in _kind("org_suffixes", "legal"))
ORG_WORDS = lexicon.words("org_words")
ORG_HEAD_FIRST = lexicon.words("org_head_words")
ORG_POSS_HEADS = lexicon.words("org_possessed_nouns")
ORG_FOLLOWERS = lexicon.words("org_followers")
ORG_DESCRIPTORS = frozenset(lexicon.mapping("org_descriptors"))
ORG_ONLY_DESCRIPTORS = _kind("org_descriptors", "org-only")
ROLE_NOUNS = lexicon.words("role_nouns")
OWNER_WORDS = frozenset("owner owners operator parent publisher".split())
PERSON_TITLES = frozenset(lexicon.mapping("person_titles"))
TITLE_PREFIX = _kind("person_titles", "honorific")
_TITLE_WORDS = frozenset(w.rstrip(".") for w in TITLE_PREFIX)
PERSON_APPOS = lexicon.words("person_appositives")
EVENT_NOUNS = lexicon.words("event_nouns")
POSSESSIVES = {"'s", "’s", "'", "’", "'S", "’S"}
THE_NAMES = lexicon.words("the_names")
# countries, regions and cities by name: positive evidence for a place, and never "common nouns"
PLACE_NAMES = lexicon.words("place_names")
COMPASS = frozenset("north south east west northern southern eastern western".split())
STOP_INITIALS = frozenset("of and the for & de du la le del der von".split())
_PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
ENTITY_TYPES = lexicon.mapping("entity_types")


def type_word(label: str) -> str:
    """The word users read for an entity type: "ORG" -> "Organisation", "NORP" -> "Nationality or group"."""
    return ENTITY_TYPES.get(label, label.replace("_", " ").capitalize())


@functools.lru_cache(maxsize=1)
def _noun_index() -> frozenset:
    """English common nouns from the installed model's lemmatizer tables (empty if unavailable)."""
    try:
        import glob

        import spacy.util
        from spacy.lookups import Lookups

        from ..config import model_name

        root = spacy.util.get_package_path(model_name())
        for path in glob.glob(str(root / "**" / "lemmatizer" / "lookups"), recursive=True):
            nouns = _lookup_list(path, "lemma_index", "noun")
            if nouns is None:  # not the layout `_lookup_list` reads: the whole tables, as spaCy loads them
                nouns = Lookups().from_disk(path).get_table("lemma_index").get("noun", [])
            return frozenset(nouns)
    except Exception:  # noqa: BLE001 - any failure just means no extra word list
        pass
    return frozenset()


def _lookup_list(path: str, table: str, key: str) -> list | None:
    """`Lookups().from_disk(path).get_table(table).get(key, [])` with only that list decoded (the file's other tables
    and keys skipped unread: a third of the time); None if the file is not a map of tables keyed by string hashes."""
    from spacy.strings import get_string_id
    from srsly.msgpack import Unpacker

    with open(f"{path}/lookups.bin", "rb") as fh:
        data = fh.read()
    unpacker = Unpacker(raw=False)
    unpacker.feed(data)
    for _ in range(unpacker.read_map_header()):
        if unpacker.unpack() != table:
            unpacker.skip()
            continue
        found: list = []
        for _ in range(unpacker.read_map_header()):
            name = unpacker.unpack()
            if not isinstance(name, int):
                return None
            if name == get_string_id(key):
                found = unpacker.unpack()
            else:
                unpacker.skip()
        return found if isinstance(found, list) else None
    return None


def _is_common_noun(word: str) -> bool:
    w = word.lower()
    return w in THE_NAMES or (w in _noun_index() and w not in PLACE_NAMES)


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ese|ian|ean|ish|ic|i|an)")


def is_demonym(word: str) -> bool:
    """A nationality adjective ("British", "American", "Dutch"): never short for a company's name."""
    return bool(_DEMONYM.fullmatch(word)) or word in lexicon.words("credit_demonyms")


COUNTRIES = lexicon.words("country_names")
PLACE_NOUNS = lexicon.words("place_nouns")


def is_country(text: str) -> bool:
    """A country or home nation by name ("Australia", "U.S.", "ENGLAND"): a national team keeps its place label."""
    key = _fold(text)
    key = PLACE_ALIASES.get(key, key).lower()
    return key in COUNTRIES


def is_place_name(text: str) -> bool:
    """A name the gazetteer knows as a place ("Belarus", "West Bank", "U.S.")."""
    key = _fold(text)
    return key in PLACE_NAMES or key in PLACE_ALIASES


# ---------------------------------------------------------------------------------------------------------
# normalisation and corpus keys


@functools.lru_cache(maxsize=1 << 16)  # pure str -> str, called for every candidate and pair (perf)
def _clean(text: str) -> str:
    """Surface form without a leading article, a possessive or surrounding punctuation."""
    t = re.sub(r"\s+", " ", text.strip())
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"(?:['’][sS]|(?<=[sSzZ])['’])$", "", t)
    return t.strip(" ,;:()[]\"“”")


@functools.lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    t = _clean(name).lower().replace("’", "'")
    t = re.sub(r"\b([a-z])\.", r"\1", t)  # U.S. -> us, U.K. -> uk
    t = t.replace("&", " and ").replace("-", " ")
    t = re.sub(r"[^\w' ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def norm_name(name: str) -> str:
    """Label-free key of a name: case, periods, article, possessive and country spellings folded."""
    t = _fold(name)
    return PLACE_ALIASES[t].lower() if t in PLACE_ALIASES else t


def _label_family(label: str | None) -> str:
    if label in ("GPE", "LOC"):
        return "GPE"
    return label or ""


@functools.lru_cache(maxsize=1 << 16)  # pure, asked for every entity name per quote and number (perf)
def canonical_key(name: str, label: str | None = None) -> str:
    """Key that joins the same entity across articles: "ORG:apple" for "Apple Inc’s" and "Apple"."""
    key = norm_name(name)
    fam = _label_family(label)
    if fam == "ORG":
        words = key.split()
        while len(words) > 1 and words[-1] in LEGAL_FORMS:
            words.pop()
        key = " ".join(words)
    elif fam == "PERSON":
        words = key.split()
        while len(words) > 1 and words[0] in _TITLE_WORDS:
            words.pop(0)
        key = " ".join(words)
    return f"{fam}:{key}" if fam else key


def canonicalise_corpus(analyses) -> dict[tuple[int, str], tuple[str, str]]:
    """For entities of several analyses: (analysis index, entity id) -> (corpus key, corpus name).

    Same `canonical_key` joins; a lone surname joins the one full name in the corpus that ends with it.
    """
    out: dict[tuple[int, str], tuple[str, str]] = {}
    names: dict[str, Counter] = defaultdict(Counter)
    for i, a in enumerate(analyses):
        for e in a.entities:
            key = canonical_key(e.name, e.label)
            out[(i, e.id)] = (key, e.name)
            names[key][e.name] += len(e.mentions) or 1
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key in names:
        if key.startswith("PERSON:") and " " in key:
            by_surname[key.split()[-1]].add(key)
            by_surname["PERSON:" + key.split(":", 1)[1].split()[0]].add(key)
    for k, (key, _) in list(out.items()):
        if key.startswith("PERSON:") and " " not in key:
            last = key.split(":", 1)[1]
            full = by_surname.get(last) or by_surname.get("PERSON:" + last)
            if full and len(full) == 1:
                out[k] = (next(iter(full)), "")
    for k, (key, _) in out.items():
        best = names[key].most_common()
        best = sorted(best, key=lambda kv: (-len(kv[0].split()), -kv[1], kv[0]))
        out[k] = (key, best[0][0] if best else key)
    return out


_LATIN = re.compile(r"[A-Za-z]")


def _is_name(text: str) -> bool:
    if not text or not any(map(str.isupper, text)):
        return False  # "healthcare": common nouns are not names
    if text in NON_NAMES or _clean(text) in NON_NAMES:
        return False
    return bool(_LATIN.search(text))


def _initials(words: list[str]) -> set[str]:
    """Acronyms a name could have: "Taiwan Semiconductor Manufacturing Co" -> TSMC, TSM."""
    words = [w.strip(",.") for w in words if w.strip(",.")]
    core = [w for w in words if w.lower() not in STOP_INITIALS]
    out = set()
    for ws in (core, words, [w for w in core if w.lower() not in ORG_TAIL]):
        if len(ws) >= 2:
            out.add("".join(w[0] for w in ws).upper())
            out.add("".join(w[0] for w in ws if w[0].isupper()).upper())
    return {a for a in out if len(a) >= 2}


def _is_acronym(short: str, long_words: list[str]) -> bool:
    s = short.replace(".", "").replace("&", "")
    return s.isupper() and 2 <= len(s) <= 8 and s in _initials(long_words)


def _core_words(words: list[str]) -> list[str]:
    """A name without a leading country abbreviation: "U.S. Federal Reserve" -> "Federal Reserve"."""
    if len(words) >= 3 and _fold(words[0]) in PLACE_ALIASES and len(_fold(words[0])) <= 3:
        return words[1:]
    return words
