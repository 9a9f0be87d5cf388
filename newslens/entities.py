"""Entities: spaCy's mentions grouped into one canonical, correctly typed entity per real-world thing.

The model's named-entity spans are cleaned (leading "the", possessives, titles), completed (product codes,
credit lines, acronyms, event names), merged (surname -> full name, acronym -> expansion, "Apple" -> "Apple
Inc", "US" -> "United States") and typed by weighing every mention's label and context ("Nvidia's ...
chips", "chief financial officer Colette Kress", "owner of TikTok", "Co"/"University" suffixes).
User corrections (newslens.corrections) are applied last.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .schema import Entity, Mention

NUMERIC_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME", "ORDINAL"}
# model and part numbers: H200, A100, MI300X, RTX4090 (kept for numbers.py, which skips them)
PRODUCT_CODE = re.compile(r"^[A-Z]{1,4}\d{1,4}[A-Za-z]{0,2}$")
# codes that name periods, groups or substances, not products
NOT_PRODUCT_CODE = re.compile(r"^(?:Q[1-4]|H[12]|[1-4]Q|FY\d{2,4}|CY\d{2,4}|G\d{1,2}|COP\d+|COVID\d*|CO2|PM\d+|"
                              r"[A-Z]\d|MH\d+|B\d+|N\d|A\d\d?)$")
PLACE_ALIASES = {
    "us": "United States", "usa": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "eu": "European Union", "european union": "European Union",
    "uae": "United Arab Emirates", "united arab emirates": "United Arab Emirates",
    "prc": "China", "people's republic of china": "China", "mainland china": "China",
    "hk": "Hong Kong", "hksar": "Hong Kong",
    "drc": "Democratic Republic of the Congo",
}
PLACE_LABEL = {"United States": "GPE", "United Kingdom": "GPE", "United Arab Emirates": "GPE", "China": "GPE",
               "Hong Kong": "GPE", "Democratic Republic of the Congo": "GPE"}
# acronyms and words the model tags but that name nothing
NON_NAMES = frozenset(
    "AI GenAI AGI CEO CFO COO CTO GDP IPO EV EVs ETF ETFs API APIs GPU GPUs CPU CPUs R&D M&A PC PCs IT "
    "Photo Photograph Picture Image Reporting Editing Writing Source Credit Handout File Supplied Courtesy "
    "Mr Mrs Ms Dr Prof Sir".split()
)
# legal-form and business-line words that end a company name ("Samsung Electronics Co", "Meta Platforms")
ORG_TAIL = frozenset(
    "inc inc. co co. corp corp. corporation company cos ltd ltd. limited llc plc ag sa se nv bv kk oyj asa "
    "group holding holdings platforms electronics technologies technology tech motor motors systems industries "
    "international networks communications entertainment pharmaceuticals pharma airlines airways semiconductor "
    "semiconductors bancorp financial partners capital labs brands enterprises".split()
)
# words anywhere in a name that make it an organisation
ORG_WORDS = frozenset(
    "inc inc. co co. corp corp. corporation company ltd ltd. limited llc plc group holdings university college "
    "academy institute institution association federation union? commission committee council agency authority "
    "foundation ministry department bureau bank reserve party fund trust society league board organisation "
    "organization administration agency office court parliament congress? exchange times post journal news "
    "herald tribune gazette daily telegraph chronicle review press network broadcasting airlines airways "
    "laboratories labs technologies electronics motors industries systems pharmaceuticals capital securities "
    "partners ventures studios semiconductor manufacturing".split()
) - {"union?", "congress?"}
ORG_HEAD_FIRST = frozenset("university bank ministry department institute bureau office commission council "
                           "court academy federation association".split())
# nouns that follow an organisation's possessive ("Nvidia's H200 AI chips", "Apple's chief executive")
ORG_POSS_HEADS = frozenset(
    "chip chips processor processors gpu gpus accelerator accelerators phone phones smartphone smartphones "
    "handset handsets device devices product products software app apps platform platforms service services "
    "car cars vehicle vehicles ev evs plane planes jet jets drug drugs vaccine vaccines shares stock revenue "
    "revenues profit profits earnings sales shareholders ceo cfo coo cto founder cofounder co-founder chairman "
    "chairwoman board subsidiary subsidiaries brand brands store stores headquarters customers clients "
    "employees engineers executives executive chief boss model models console consoles laptop laptops "
    "server servers search browser operating cloud stake valuation spokesperson spokesman spokeswoman "
    "business unit division".split()
)
# corporate roles right after a name ("Nvidia chief financial officer", "Apple CEO", "TikTok owner")
ORG_FOLLOWERS = frozenset(
    "chief ceo cfo coo cto chairman chairwoman founder co-founder cofounder analyst boss executive "
    "spokesperson spokesman spokeswoman owner parent subsidiary unit shareholder".split()
)
# descriptors right before an organisation ("chipmaker Nvidia", "social media giant ByteDance")
ORG_DESCRIPTORS = frozenset(
    "company firm giant maker chipmaker carmaker automaker drugmaker manufacturer developer designer retailer "
    "lender bank insurer conglomerate group startup start-up operator owner rival supplier provider platform "
    "app brand outlet newspaper broadcaster agency regulator publisher subsidiary parent carrier airline "
    "exchange miner producer foundry peer behemoth titan unicorn marketplace automaker e-commerce network "
    "media fund player vendor".split()
)
# descriptors no person is called ("law firm Clifford Chance"): they outweigh a person label
ORG_ONLY_DESCRIPTORS = frozenset(
    "company firm giant chipmaker carmaker automaker drugmaker manufacturer retailer lender bank insurer "
    "conglomerate group startup start-up operator newspaper broadcaster agency regulator subsidiary carrier "
    "airline exchange miner foundry behemoth unicorn marketplace".split()
)
# people who work at an organisation ("analysts at Bernstein", "a professor at Tsinghua University")
ROLE_NOUNS = frozenset(
    "analyst analysts economist economists strategist strategists researcher researchers professor professors "
    "engineer engineers executive executives director directors president vice-president partner partners "
    "lawyer lawyers official officials spokesperson spokesman spokeswoman scientist scientists employee "
    "employees staff worker workers banker bankers trader traders manager managers fellow chairman chief "
    "head founder investors".split()
)
OWNER_WORDS = frozenset("owner owners operator parent publisher".split())
# titles before a person's name ("chief financial officer Colette Kress", "Fed Chair Jerome Powell")
PERSON_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president premier chancellor "
    "senator sen. rep. representative governor gov. mayor judge justice king queen prince princess pope "
    "general gen. minister secretary ambassador chairman chairwoman chair ceo cfo coo cto officer executive "
    "analyst economist spokesperson spokesman spokeswoman director founder co-founder researcher strategist "
    "vice-president vice-chairman head manager lawyer attorney coach captain commissioner envoy "
    "deputy lieutenant colonel sergeant detective inspector chief-executive boss scientist investor".split()
)
# words in an appositive after a name that make it a person (", vice-president at ...")
PERSON_APPOS = frozenset(
    "president vice-president professor chief executive director founder co-founder chairman chairwoman "
    "spokesperson spokesman spokeswoman analyst minister secretary economist researcher head officer manager "
    "partner lawyer ambassador governor senator mayor leader scientist expert author editor reporter "
    "correspondent engineer adviser advisor consultant strategist deputy".split()
)
TITLE_PREFIX = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president "
                         "premier chancellor senator sen. rep. governor gov. mayor judge king queen pope".split())
EVENT_NOUNS = ("trade show", "trade fair", "expo", "exhibition", "conference", "summit", "forum", "festival",
               "convention", "championships", "championship", "tournament", "olympics", "games", "fair", "show")
POSSESSIVES = {"'s", "’s", "'", "’", "'S", "’S"}
# single words that keep their article as part of the name ("the Post", "the Fed")
THE_NAMES = frozenset(
    "post times journal guardian telegraph independent economist globe herald tribune mirror sun star "
    "observer standard chronicle examiner inquirer register gazette fed pentagon kremlin commission council "
    "treasury senate house bank league information verge block".split()
)
STOP_INITIALS = frozenset("of and the for & de du la le del der von".split())
_PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}


@functools.lru_cache(maxsize=1)
def _noun_index() -> frozenset:
    """English common nouns from the installed model's lemmatizer tables (empty if unavailable)."""
    try:
        import glob

        import spacy.util
        from spacy.lookups import Lookups

        from .config import model_name

        root = spacy.util.get_package_path(model_name())
        for path in glob.glob(str(root / "**" / "lemmatizer" / "lookups"), recursive=True):
            table = Lookups().from_disk(path).get_table("lemma_index")
            return frozenset(table.get("noun", []))
    except Exception:  # noqa: BLE001 - any failure just means no extra word list
        pass
    return frozenset()


def _is_common_noun(word: str) -> bool:
    w = word.lower()
    return w in THE_NAMES or w in _noun_index()


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


def canonical_key(name: str, label: str | None = None) -> str:
    """Key that joins the same entity across articles: "ORG:apple" for "Apple Inc’s" and "Apple"."""
    key = norm_name(name)
    fam = _label_family(label)
    if fam == "ORG":
        words = key.split()
        while len(words) > 1 and words[-1] in {"inc", "co", "corp", "corporation", "ltd", "limited", "llc", "plc",
                                                "ag", "sa", "se", "nv", "cos", "company"}:
            words.pop()
        key = " ".join(words)
    elif fam == "PERSON":
        words = key.split()
        while len(words) > 1 and words[0] in {w.rstrip(".") for w in TITLE_PREFIX}:
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


# ---------------------------------------------------------------------------------------------------------
# candidates


@dataclass
class _Cand:
    start: int
    end: int
    text: str  # article text[start:end], article and possessive trimmed
    label: str  # the model's label (or the rule's, for rule-found names)
    seg: object | None = None  # ParsedSegment
    i: int = -1  # token range in seg.doc
    j: int = -1
    had_the: bool = False
    source: str = "model"
    votes: Counter = field(default_factory=Counter)
    group: int = -1
    expansion_of: int | None = None  # index of the candidate this one abbreviates ("TSMC")

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _trim_tokens(doc, i: int, j: int, label: str) -> tuple[int, int, bool]:
    had_the = False
    while i < j and doc[i].lower_ == "the":
        had_the, i = True, i + 1
    while i < j - 1 and label == "PERSON" and doc[i].lower_ in TITLE_PREFIX:
        i += 1
    while j > i and (doc[j - 1].text in POSSESSIVES or (doc[j - 1].is_punct and doc[j - 1].text not in ")")
                     or doc[j - 1].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i, j, had_the


def _split_parts(doc, i: int, j: int):
    """Token ranges of an entity span cut at "(", ")", "/" ("Kitwood/Getty Images") and inner possessives
    ("Reeves’s Treasury")."""
    parts, s = [], i
    for k in range(i, j):
        if doc[k].text in ("(", ")", "/") or (doc[k].text in POSSESSIVES and k < j - 1):
            if s < k:
                parts.append((s, k))
            s = k + 1
    if s < j:
        parts.append((s, j))
    return parts


def _make(parsed, seg, i: int, j: int, label: str, source: str = "model") -> _Cand | None:
    doc = seg.doc
    i, j, had_the = _trim_tokens(doc, i, j, label)
    if i >= j:
        return None
    # "Port of" + "Tallin Bay", "University of" + "Hong Kong": the head the model left out
    if source == "model" and i >= 2 and doc[i - 1].text == "of" and doc[i - 2].text[:1].isupper() \
            and doc[i - 2].lower_ in ORG_HEAD_FIRST | {"port", "airport"}:
        i -= 2
        label = "ORG"
    # a capitalised common noun starting a sentence ("Volumes rose 12%") is not a name
    if source == "model" and j - i == 1 and doc[i].is_sent_start and doc[i].tag_ in ("NN", "NNS") \
            and _is_common_noun(doc[i].lemma_):
        return None
    had_the = had_the or (i > 0 and doc[i - 1].lower_ == "the")
    start = seg.start + doc[i].idx
    end = seg.start + doc[j - 1].idx + len(doc[j - 1].text)
    text = parsed.text[start:end]
    # possessive glued to the last token ("Nvidia’s" when the tokenizer did not split it)
    m = re.search(r"(?:['’][sS]|(?<=[sSzZ])['’])$", text)
    if m and len(text) > 2:
        end -= len(m.group())
        text = parsed.text[start:end]
    if end > start and parsed.text[end - 1] == "." and not re.search(r"\b(?:[A-Z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|St)\.$", text):
        end -= 1
        text = parsed.text[start:end]
    if not _is_name(text):
        return None
    return _Cand(start, end, text, label, seg, i, j, had_the, source)


def _is_name(text: str) -> bool:
    if not text or not any(c.isupper() for c in text):
        return False  # "healthcare": common nouns are not names
    if text in NON_NAMES or _clean(text) in NON_NAMES:
        return False
    return bool(re.search(r"[A-Za-z]", text))


def _collect(parsed) -> list[_Cand]:
    from .segments import find_credits

    cands: list[_Cand] = []
    all_keys = {norm_name(ent.text) for seg in parsed.segments for ent in seg.doc.ents}
    for seg in parsed.segments:
        doc = seg.doc
        taken = [False] * len(doc)
        seg_cands: list[_Cand] = []
        for ent in doc.ents:
            label = ent.label_
            if label in NUMERIC_LABELS:
                continue
            for i, j in _split_parts(doc, ent.start, ent.end):
                c = _make(parsed, seg, i, j, label)
                if c is not None:
                    seg_cands.append(c)
                    for k in range(c.i, c.j):
                        taken[k] = True
        # product and model codes (H200, A100, MI300X), whatever the model called them
        for tok in doc:
            if PRODUCT_CODE.match(tok.text) and not NOT_PRODUCT_CODE.match(tok.text):
                inside = [c for c in seg_cands if c.i <= tok.i < c.j]
                if inside and not all(c.j - c.i == 1 for c in inside):
                    continue
                seg_cands = [c for c in seg_cands if not (c.i <= tok.i < c.j)]
                c = _make(parsed, seg, tok.i, tok.i + 1, "PRODUCT", "code")
                if c is not None:
                    c.votes["PRODUCT"] += 4
                    seg_cands.append(c)
                    taken[tok.i] = True
        seg_cands = _split_country_prefix(parsed, seg, seg_cands, all_keys)
        seg_cands.extend(_named_models(parsed, seg, taken))
        seg_cands.extend(_event_names(parsed, seg, taken))
        # names in credit lines ("Photo: Sina", "Reporting by Jane Doe")
        for credit in find_credits(parsed.text, seg.start, seg.end):
            lead_end = credit.names[0].start if credit.names else credit.end
            seg_cands = [c for c in seg_cands if not (credit.start <= c.start < lead_end)]
            for name in credit.names:
                same = [c for c in seg_cands if c.start < name.end and name.start < c.end]
                for c in same:
                    seg_cands.remove(c)
                span = doc.char_span(name.start - seg.start, name.end - seg.start, alignment_mode="expand")
                if span is None:
                    continue
                c = _make(parsed, seg, span.start, span.end, name.label, "credit")
                if c is None:
                    continue
                c.start, c.end, c.text = name.start, name.end, name.text
                c.votes[name.label] += 4
                seg_cands.append(c)
        cands.extend(seg_cands)
    cands.sort(key=lambda c: c.start)
    return cands


def _split_country_prefix(parsed, seg, cands: list[_Cand], all_keys: set[str]) -> list[_Cand]:
    """"U.S. Federal Reserve" -> "U.S." + "Federal Reserve"; "U.S. Apple" (a missed sentence end) likewise."""
    doc = seg.doc
    out = []
    for c in cands:
        if c.source == "model" and c.j - c.i >= 2 and c.label not in ("GPE", "LOC", "NORP") \
                and _fold(doc[c.i].text) in PLACE_ALIASES and len(_fold(doc[c.i].text)) <= 3:
            rest_key = norm_name(doc[c.i + 1 : c.j].text)
            if c.j - c.i >= 3 or rest_key in all_keys - {norm_name(c.text)}:
                place = _make(parsed, seg, c.i, c.i + 1, "GPE")
                rest = _make(parsed, seg, c.i + 1, c.j, c.label)
                if place is not None and rest is not None:
                    rest.had_the = False
                    out += [place, rest]
                    continue
        out.append(c)
    return out


_VARIANTS = {"pro", "max", "ultra", "plus", "mini", "air", "lite", "edge", "se", "x", "xl", "fold", "flip"}
_PRODUCT_NOUNS = frozenset("chip chips processor processors phone phones smartphone smartphones handset handsets "
                           "console consoles laptop laptops tablet tablets car cars model models accelerator "
                           "accelerators gpu gpus headset headsets watch drone drones jet jets aircraft".split())


def _named_models(parsed, seg, taken) -> list[_Cand]:
    """"iPhone 15", "iPhone 15 Pro", "Gaudi 3 chip": a name followed by a model number."""
    doc = seg.doc
    out = []
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not (nxt.like_num and re.fullmatch(r"\d{1,3}", nxt.text)):
            continue
        camel = bool(re.fullmatch(r"[a-z]+[A-Z]\w*", tok.text))
        titled = tok.text[:1].isupper() and tok.pos_ == "PROPN" and tok.text.lower() not in ORG_TAIL
        end = tok.i + 2
        if end < len(doc) and doc[end].lower_ in _VARIANTS and doc[end].text[:1].isupper():
            end += 1
        after = doc[end].lower_ if end < len(doc) else ""
        if not (camel or (titled and after in _PRODUCT_NOUNS)):
            continue
        if any(taken[k] for k in range(tok.i, end)) and not camel:
            continue
        if tok.ent_type_ in ("PERSON", "GPE", "DATE", "LOC", "NORP", "FAC"):
            continue
        c = _make(parsed, seg, tok.i, end, "PRODUCT", "model-number")
        if c is not None:
            c.votes["PRODUCT"] += 4
            out.append(c)
            for k in range(tok.i, end):
                taken[k] = True
    return out


def _event_names(parsed, seg, taken) -> list[_Cand]:
    """Capitalised names right before "trade show", "conference", "summit" that the model missed."""
    doc = seg.doc
    out = []
    for tok in doc:
        if tok.lower_ not in ("trade", "expo", "conference", "summit", "forum", "festival", "convention"):
            continue
        if tok.lower_ == "trade" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("show", "fair")):
            continue
        j = tok.i
        i = j
        while i > 0 and (doc[i - 1].text[:1].isupper() or doc[i - 1].is_upper) and not doc[i - 1].is_punct \
                and not taken[i - 1] and doc[i - 1].lower_ != "the":
            i -= 1
        if i == j or (i == 0 and j - i == 1 and not doc[i].is_upper):
            continue
        c = _make(parsed, seg, i, j, "EVENT", "event")
        if c is not None:
            out.append(c)
            for k in range(i, j):
                taken[k] = True
    return out


# ---------------------------------------------------------------------------------------------------------
# context cues


def _vote(c: _Cand) -> None:
    """Add this mention's evidence for each label to `c.votes`."""
    v = c.votes
    words = c.words
    lower = [w.lower().rstrip(",") for w in words]
    base = 1.0
    if c.label == "PERSON" and len(words) >= 2 and all(w[:1].isupper() for w in words) \
            and not set(lower) & ORG_WORDS:
        base = 2.5  # full personal names are what the model is best at
    if c.source == "model":
        v[c.label] += base
    place_name = PLACE_ALIASES.get(_fold(c.text))
    if place_name in PLACE_LABEL or c.text in PLACE_LABEL:
        v[PLACE_LABEL[place_name or c.text]] += 5
        return
    if c.label in NUMERIC_LABELS:
        v["PRODUCT"] += 0.1
    port_of = len(lower) > 2 and lower[0] in ("port", "airport") and lower[1] == "of"
    if set(lower) & ORG_WORDS and not PRODUCT_CODE.match(c.text) or (lower and lower[0] in ORG_HEAD_FIRST) or port_of:
        v["ORG"] += 3
    if c.label in ("GPE", "LOC") and re.fullmatch(r"(?!Mc|Mac|De|La|Le|Van|Di|Du)[A-Z][a-z]+[A-Z]\w*", c.text):
        v["ORG"] += 1.5  # "OpenAI", "ByteDance": places are not camel-cased
    if c.seg is None or c.i < 0:
        return
    doc = c.seg.doc
    i, j = c.i, c.j
    # the token range may still include a possessive the trimming removed from the characters
    while j > i and doc[j - 1].text in POSSESSIVES:
        j -= 1
    poss = j < len(doc) and doc[j].text in POSSESSIVES
    after = j + 1 if poss else j
    nxt = doc[after].lower_ if after < len(doc) else ""
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and prev.lower_ == "the" and i > 1:
        prev2 = doc[i - 2]
    else:
        prev2 = None
    place = c.label in _PLACE_LABELS and c.source == "model"
    if poss:
        root = doc[i:j].root
        head = root.head if root.dep_ == "poss" else None
        heads = set()
        if head is not None and head.i >= j:
            heads.add(head.lower_)
            if head.pos_ == "PROPN":
                heads.update(ch.lower_ for ch in head.children if ch.dep_ in ("compound", "amod"))
        else:
            # the parser missed the possessive: the first noun after it
            for t in doc[after : after + 5]:
                if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP"):
                    break
                if t.pos_ == "NOUN":
                    heads.add(t.lower_)
        if heads & ORG_POSS_HEADS:
            v["ORG"] += 2
    elif nxt in ORG_FOLLOWERS and not (place and nxt in ("analyst", "executive", "chief")) \
            and c.label != "NORP":
        v["ORG"] += 2
    if re.search(r"\d", c.text) and c.label not in _PLACE_LABELS and (nxt in _PRODUCT_NOUNS or nxt in ("fleet",)):
        v["PRODUCT"] += 3  # "Max 9 jets", "Gaudi 3 chip"
    if nxt and c.label not in _PLACE_LABELS and c.label != "PERSON":
        rest = " ".join(t.lower_ for t in doc[after : after + 2])
        if any(rest == n or rest.startswith(n + " ") for n in EVENT_NOUNS):
            v["EVENT"] += 3
    # a descriptor right before: "chipmaker Nvidia", "social media giant ByteDance", "TikTok owner ByteDance"
    if prev is not None and prev.lower_ in ORG_DESCRIPTORS and prev.text.islower() and c.label != "NORP":
        v["ORG"] += 3 if prev.lower_ in ORG_ONLY_DESCRIPTORS else 2
    if prev is not None and (prev.lower_ in PERSON_TITLES or prev.lower_.rstrip(".") in PERSON_TITLES) \
            and (prev.pos_ in ("PROPN", "NOUN") or prev.text[:1].isupper()):
        if c.label in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC") and not place:
            v["PERSON"] += 2
    # "analysts at Bernstein", "vice-president at the China Semiconductor Industry Association"
    k = i - 1 - (prev is not None and prev.lower_ == "the")
    if k >= 1 and doc[k].lower_ in ("at", "with", "from", "for") and doc[k - 1].lower_ in ROLE_NOUNS and not place:
        v["ORG"] += 2
    # "owner of TikTok and Douyin"
    k = i - 1
    while k > 0 and (doc[k].text in (",", "and", "&") or doc[k].text[:1].isupper()) and doc[k].lower_ != "of":
        k -= 1
    if k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in OWNER_WORDS:
        v["ORG"] += 2
    # an appositive: ", vice-president at ...", ", the world's biggest memory chip maker", ", owner of ..."
    if j < len(doc) and doc[j].text == ",":
        for t in doc[j + 1 : j + 10]:
            if t.text in (",", ".", ";", "(") or t.lower_ in ("who", "which", "that") or t.pos_ in ("VERB", "AUX"):
                break
            if t.like_num and t.i == j + 1:
                if c.label not in _PLACE_LABELS:
                    v["PERSON"] += 2  # "Jane Doe, 45,"
                break
            low = t.lower_
            if low in PERSON_APPOS and not place:
                v["PERSON"] += 2
                break
            if low in ORG_DESCRIPTORS and low not in ("app", "platform", "media", "network") or low in OWNER_WORDS:
                v["ORG"] += 2
                break


# ---------------------------------------------------------------------------------------------------------
# merging


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, a: int) -> int:
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


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


def _merge(parsed, cands: list[_Cand]) -> list[list[_Cand]]:
    n = len(cands)
    uf = _UF(n)
    keys = [norm_name(" ".join(_core_words(c.words))) for c in cands]
    first: dict[str, int] = {}
    for idx, k in enumerate(keys):
        if k in first:
            uf.union(first[k], idx)
        else:
            first[k] = idx
    text = parsed.text
    # acronyms and short names in parentheses: "Taiwan Semiconductor Manufacturing Co (TSMC)", "Meta Platforms (Meta)"
    for idx, c in enumerate(cands):
        m = re.match(r"\s*\(\s*([^()\n]{1,40}?)\s*\)", text[c.end : c.end + 50])
        if not m or len(c.words) < 2:
            continue
        inner = _clean(m.group(1))
        inner_words = inner.split()
        if _is_acronym(inner, c.words) or (inner_words and c.words[: len(inner_words)] == inner_words):
            ik = norm_name(inner)
            if ik in first:
                uf.union(idx, first[ik])
            else:
                s = c.end + m.start(1)
                e = s + len(m.group(1))
                new = _Cand(s, e, text[s:e], c.label, None, -1, -1, False, "acronym")
                new.expansion_of = idx
                cands.append(new)
                keys.append(ik)
                uf.p.append(len(uf.p))
                uf.union(idx, len(cands) - 1)
                first[ik] = len(cands) - 1
            for k2, other in enumerate(cands):
                if keys[k2] == ik:
                    other.expansion_of = idx
    n = len(cands)
    # bare acronyms anywhere ("WHO", "IMF") that abbreviate a multi-word name in the article
    long_names = [(idx, c) for idx, c in enumerate(cands) if len(_core_words(c.words)) >= 2
                  and c.label not in ("PERSON", "NORP") and c.label not in NUMERIC_LABELS]
    acr_map: dict[str, int] = {}
    for idx, c in long_names:
        for a in _initials(_core_words(c.words)):
            acr_map.setdefault(a, idx)
    for idx, c in enumerate(cands):
        s = c.text.replace(".", "")
        if s.isupper() and s in acr_map and norm_name(c.text) not in PLACE_ALIASES and len(c.words) == 1:
            uf.union(idx, acr_map[s])
            c.expansion_of = acr_map[s]
    for seg in parsed.segments:
        for tok in seg.doc:
            if tok.is_upper and tok.text.isalpha() and tok.text in acr_map and len(tok.text) >= 2:
                start = seg.start + tok.idx
                if any(c.start <= start < c.end for c in cands):
                    continue
                new = _Cand(start, start + len(tok.text), tok.text, "", seg, tok.i, tok.i + 1, False, "acronym")
                new.expansion_of = acr_map[tok.text]
                cands.append(new)
                uf.p.append(len(uf.p))
                uf.union(len(cands) - 1, acr_map[tok.text])
    n = len(cands)
    # short company names: "Samsung" for "Samsung Electronics Co", "Tesla" for "Tesla Inc."
    for a in range(n):
        wa = cands[a].words
        for b in range(n):
            wb = cands[b].words
            if len(wb) > len(wa) and wb[: len(wa)] == wa and all(w.lower().rstrip(".,") in ORG_TAIL or
                                                                 w.lower() in ORG_TAIL for w in wb[len(wa):]):
                if cands[a].label not in ("PERSON",) and cands[a].label not in _PLACE_LABELS - {"NORP"}:
                    uf.union(a, b)
    # "the Journal" for "The Wall Street Journal"; "Fed" for "Federal Reserve"
    for a in range(n):
        ca = cands[a]
        if len(ca.words) != 1:
            continue
        w = ca.words[0]
        for b in range(n):
            wb = _core_words(cands[b].words)
            if len(wb) < 2 or cands[b].label in ("PERSON", "GPE", "LOC", "NORP"):
                continue
            if (ca.had_the and (wb[-1] == w or (wb[0] == w and len(wb) > 2 and wb[1] == "of"))
                    and _is_common_noun(w)) or \
                    (len(w) >= 3 and w[0].isupper() and not w.isupper() and wb[0] != w and wb[0].startswith(w)
                     and ca.label == "ORG"):
                uf.union(a, b)
    # people: "Wei" -> "Wei Shaojun", "Cook" -> "Tim Cook", "Jerome H. Powell" ~ "Jerome Powell"
    groups = defaultdict(list)
    for idx in range(n):
        groups[uf.find(idx)].append(idx)
    person_full = []  # (start, root, words)
    for root, members in groups.items():
        votes = Counter()
        for m in members:
            votes[cands[m].label] += 1
        if votes.most_common(1)[0][0] != "PERSON":
            continue
        for m in members:
            ws = cands[m].words
            if len(ws) >= 2 and cands[m].label == "PERSON":
                person_full.append((cands[m].start, root, ws))
    person_full.sort()
    for idx in range(n):
        c = cands[idx]
        if c.label in ("GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT") or c.source == "code":
            continue
        ws = c.words
        targets = []
        if len(ws) == 1:
            w = _clean(ws[0])
            targets = [(s, r) for s, r, full in person_full if full[-1] == w]
            if not targets and c.label == "PERSON":
                targets = [(s, r) for s, r, full in person_full if full[0] == w]
        elif len(ws) >= 2 and c.label == "PERSON":
            targets = [(s, r) for s, r, full in person_full if full[0] == ws[0] and full[-1] == ws[-1]
                       and len(full) != len(ws)]
        if targets:
            before = [t for t in targets if t[0] <= c.start]
            s, r = (before[-1] if before else targets[0])
            uf.union(idx, r)
    groups = defaultdict(list)
    for idx in range(len(cands)):
        groups[uf.find(idx)].append(cands[idx])
    return [sorted(g, key=lambda c: c.start) for g in groups.values()]


# ---------------------------------------------------------------------------------------------------------
# naming and typing


def _decide_label(group: list[_Cand]) -> str:
    votes = Counter()
    for c in group:
        votes.update(c.votes)
    model = Counter(c.label for c in group if c.source == "model")
    if not votes:
        return model.most_common(1)[0][0] if model else "ORG"
    best = max(votes.items(), key=lambda kv: (kv[1], model.get(kv[0], 0), kv[0] == "ORG"))
    return best[0]


def _choose_name(group: list[_Cand], label: str) -> str:
    for c in group:
        k = norm_name(c.text)
        if k in PLACE_ALIASES and label in ("GPE", "LOC", "ORG", "NORP"):
            return PLACE_ALIASES[k]
    expansions = [c for c in group if any(o.expansion_of is not None for o in group)
                  and c.expansion_of is None and len(c.words) >= 2]

    def score(c: _Cand):
        core = _core_words(c.words)
        return (len(core), c.source != "acronym", -c.start)

    pool = expansions or [c for c in group if c.source != "acronym"] or group
    if label in ("PERSON",):
        pool = [c for c in pool if c.label == "PERSON"] or pool
    best = max(pool, key=score)
    name = " ".join(_core_words(_clean(best.text).split()))
    if name.isupper() and len(name) > 4 and label in ("GPE", "LOC", "PERSON", "FAC"):
        name = name.title()  # datelines: "WASHINGTON (AP) —"
    if len(name.split()) == 1 and label not in ("PERSON", "GPE", "LOC", "NORP", "PRODUCT") \
            and any(c.had_the and _clean(c.text) == name for c in group) and _is_common_noun(name):
        name = "the " + name
    return name


def _sweep(parsed, groups: list[list[_Cand]]) -> None:
    """Add occurrences of a group's names the model missed ("Musk’s" after "Elon Musk")."""
    covered = sorted((c.start, c.end) for g in groups for c in g)
    starts = [s for s, _ in covered]

    def is_covered(s: int, e: int) -> bool:
        import bisect

        k = bisect.bisect_right(starts, e) - 1
        while k >= 0 and covered[k][1] > s - 200:
            if covered[k][0] < e and s < covered[k][1]:
                return True
            k -= 1
        return False

    forms: dict[tuple[str, ...], int] = {}
    for gi, g in enumerate(groups):
        label = Counter(c.label for c in g if c.label).most_common(1)
        label = label[0][0] if label else ""
        for c in g:
            words = tuple(_clean(c.text).split())
            if words and any(ch.isupper() for ch in words[0]):
                forms.setdefault(words, gi)
            if label == "PERSON" and c.label == "PERSON" and len(words) >= 2:
                forms.setdefault((words[-1],), gi)
    credit_spans = []
    from .segments import find_credits

    for seg in parsed.segments:
        credit_spans += [(cr.start, cr.end) for cr in find_credits(parsed.text, seg.start, seg.end)]
    for seg in parsed.segments:
        doc = seg.doc
        for tok in doc:
            if not tok.text[:1].isupper() or tok.ent_type_ in NUMERIC_LABELS:
                continue
            for words, gi in forms.items():
                n = len(words)
                if tok.text != words[0] or tok.i + n > len(doc):
                    continue
                if tuple(t.text for t in doc[tok.i : tok.i + n]) != words:
                    continue
                if n == 1 and _is_common_noun(words[0]) and tok.pos_ != "PROPN":
                    continue
                s = seg.start + tok.idx
                last = doc[tok.i + n - 1]
                e = seg.start + last.idx + len(last.text)
                if is_covered(s, e) or any(cs <= s < ce for cs, ce in credit_spans):
                    continue
                c = _Cand(s, e, parsed.text[s:e], "", seg, tok.i, tok.i + n, False, "sweep")
                groups[gi].append(c)
                covered.append((s, e))
                covered.sort()
                starts[:] = [x for x, _ in covered]
                break
    for g in groups:
        g.sort(key=lambda c: c.start)


def extract_entities(parsed, *, corrections=None, slug: str | None = None) -> list[Entity]:
    """One entity per real-world thing, typed by all its mentions; `corrections` (rules) applied last."""
    cands = _collect(parsed)
    for c in cands:
        _vote(c)
    groups = _merge(parsed, cands)
    _sweep(parsed, groups)
    entities: list[Entity] = []
    for group in groups:
        label = _decide_label(group)
        if label in NUMERIC_LABELS:
            continue
        name = _choose_name(group, label)
        if not _is_name(name.replace("the ", "")):
            continue
        seen, mentions, aliases = set(), [], []
        for c in group:
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            mentions.append(Mention(c.start, c.end, parsed.text[c.start:c.end], c.label or label,
                                    parsed.sentence_index(c.start)))
            form = _clean(c.text)
            if form != name and form not in aliases:
                aliases.append(form)
        mentions.sort(key=lambda m: m.start)
        entities.append(Entity(id="", name=name, label=label, aliases=aliases, mentions=mentions,
                               first_start=mentions[0].start))
    if corrections:
        from .corrections import apply_corrections

        entities = apply_corrections(entities, corrections, slug=slug)
    return _finish(entities, parsed)


def _finish(entities: list[Entity], parsed) -> list[Entity]:
    entities.sort(key=lambda e: (e.first_start, e.name))
    headline = [s for s in parsed.segments if s.kind == "headline"]
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
        e.mentions.sort(key=lambda m: m.start)
        e.first_start = e.mentions[0].start if e.mentions else 0
        e.in_headline = any(s.start <= m.start < s.end for s in headline for m in e.mentions)
    return entities


# ---------------------------------------------------------------------------------------------------------
# lookup, salience, links


def entity_for_name(entities: list[Entity], name: str | None) -> Entity | None:
    """The entity whose name or alias is `name` (folded), else the person `name` is the surname of."""
    if not name:
        return None
    key = norm_name(name)
    if not key:
        return None
    for e in entities:
        if norm_name(e.name) == key or any(norm_name(a) == key for a in e.aliases):
            return e
    for e in entities:
        ck = canonical_key(name, e.label)
        if canonical_key(e.name, e.label) == ck or any(canonical_key(a, e.label) == ck for a in e.aliases):
            return e
    if " " not in key:
        people = [e for e in entities if e.label == "PERSON" and " " in e.name]
        for pick in (-1, 0):
            hits = [e for e in people if norm_name(e.name).split()[pick] == key]
            if len(hits) == 1:
                return hits[0]
    return None


def apply_salience(entities, quotes, numbers, parsed) -> None:
    """Count quotes and numeric facts per entity and score salience in [0, 1]."""
    by_id = {e.id: e for e in entities}
    for e in entities:
        e.n_quotes = 0
        e.n_numbers = 0
    for q in quotes:
        ent = by_id.get(q.speaker_entity_id) or entity_for_name(entities, q.speaker)
        if ent is not None:
            ent.n_quotes += 1
    for n in numbers:
        ent = by_id.get(getattr(n, "subject_entity_id", None)) or entity_for_name(entities, getattr(n, "subject", None))
        if ent is not None:
            ent.n_numbers += 1
    n_chars = max(len(parsed.text), 1)
    max_m = max((len(e.mentions) for e in entities), default=1) or 1
    max_q = max((e.n_quotes for e in entities), default=0) or 1
    max_n = max((e.n_numbers for e in entities), default=0) or 1
    for e in entities:
        position = 1.0 - min(e.first_start, n_chars) / n_chars
        score = (0.4 * len(e.mentions) / max_m + 0.2 * e.in_headline + 0.15 * position
                 + 0.15 * e.n_quotes / max_q + 0.1 * e.n_numbers / max_n)
        e.salience = round(min(max(score, 0.0), 1.0), 4)


def cooccurrence(analysis_or_entities, *, min_count: int = 1) -> list[tuple[str, str, int]]:
    """(id_a, id_b, number of sentences naming both), most frequent first; id_a < id_b in entity order."""
    entities = getattr(analysis_or_entities, "entities", analysis_or_entities)
    order = {e.id: i for i, e in enumerate(entities)}
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            if m.sentence >= 0:
                by_sentence[m.sentence].add(e.id)
    pairs: Counter = Counter()
    for ids in by_sentence.values():
        ids = sorted(ids, key=order.get)
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                pairs[(ids[x], ids[y])] += 1
    out = [(a, b, n) for (a, b), n in pairs.items() if n >= min_count]
    out.sort(key=lambda t: (-t[2], order[t[0]], order[t[1]]))
    return out
