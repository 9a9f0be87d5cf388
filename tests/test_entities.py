"""Entities: one canonical, correctly typed entity per real-world thing, with salience and links."""
from __future__ import annotations

import pytest

from newslens.entities import (
    canonical_key,
    canonicalise_corpus,
    cooccurrence,
    entity_for_name,
    extract_entities,
    norm_name,
)
from newslens.pipeline import analyze, parse_many


def _by_name(entities, name):
    hits = [e for e in entities if e.name == name]
    assert len(hits) == 1, f"{name!r}: {len(hits)} entities named so; have {[(e.name, e.label) for e in entities]}"
    return hits[0]


def _owners(entities, form):
    """Entities that have `form` (folded) as name or alias."""
    key = norm_name(form)
    return [e for e in entities if norm_name(e.name) == key or any(norm_name(a) == key for a in e.aliases)]


# ------------------------------------------------------------------------------------------- the seed article


def test_seed_gold_entities_canonical_and_typed(seed_analysis, gold):
    ents = seed_analysis.entities
    for label, names in gold["entities"].items():
        for name, forms in names.items():
            e = _by_name(ents, name)
            assert e.label == label, f"{name}: {e.label} != {label}"
            for form in forms:
                assert form == e.name or form in e.aliases, f"{name}: alias {form!r} missing ({e.aliases})"
                owners = _owners(ents, form)
                assert owners == [e], f"{form!r} belongs to {[o.name for o in owners]}"


def test_seed_specific_cases(seed_analysis, seed_text):
    ents = seed_analysis.entities
    assert _by_name(ents, "H200").label == "PRODUCT"
    nvidia = _by_name(ents, "Nvidia")
    assert nvidia.label == "ORG"
    assert len(nvidia.mentions) == seed_text.count("Nvidia")  # every mention, possessives included
    assert _by_name(ents, "Douyin").label == "ORG"
    sina = _by_name(ents, "Sina")
    assert sina.label == "ORG" and seed_text[sina.mentions[0].start : sina.mentions[0].end] == "Sina"
    assert all("healthcare" not in (e.name.lower(), *map(str.lower, e.aliases)) for e in ents)
    us = _by_name(ents, "United States")
    assert us.label == "GPE" and "US" in us.aliases
    assert not [e for e in ents if e.name in ("US", "U.S.", "the US")]
    post = _by_name(ents, "the Post")
    assert post.label == "ORG" and "Post" in post.aliases
    wei = _by_name(ents, "Wei Shaojun")
    assert len(wei.mentions) == 4 and wei.label == "PERSON"
    assert not [e for e in ents if e.name == "Wei"]
    assert _by_name(ents, "CES").label == "EVENT"


def test_seed_spans_and_ids(seed_analysis, seed_text):
    ents = seed_analysis.entities
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    starts = [e.first_start for e in ents]
    assert starts == sorted(starts)
    seen = set()
    for e in ents:
        assert e.mentions and e.first_start == e.mentions[0].start
        for m in e.mentions:
            assert seed_text[m.start : m.end] == m.text
            assert (m.start, m.end) not in seen
            seen.add((m.start, m.end))
            assert not m.text.endswith(("’s", "'s")) and not m.text.lower().startswith("the ")
            sent = seed_analysis.sentences[m.sentence]
            assert sent.start <= m.start < sent.end


def test_seed_headline_and_salience(seed_analysis):
    ents = seed_analysis.entities
    in_headline = {e.name for e in ents if e.in_headline}
    assert in_headline == {"China", "Nvidia", "H200"}
    assert all(0.0 <= e.salience <= 1.0 for e in ents)
    top = max(ents, key=lambda e: e.salience)
    assert top.salience == 1.0 or top.salience > 0.5
    ranked = sorted(ents, key=lambda e: -e.salience)
    top5 = {e.name for e in ranked[:5]}
    assert {"Nvidia", "H200"} <= top5
    assert _by_name(ents, "Peking University").salience < _by_name(ents, "Nvidia").salience


def test_salience_counts_quotes_and_numbers(nlp):
    from newslens.entities import apply_salience
    from newslens.schema import NumberFact, Quote

    text = "Markets today\nApple said sales rose. Tim Cook said demand was strong. Cook said it again."
    parsed = next(parse_many([text], nlp))
    ents = extract_entities(parsed)
    cook = _by_name(ents, "Tim Cook")
    apple = _by_name(ents, "Apple")
    quotes = [Quote(id="q1", text="demand was strong", start=0, end=1, kind="indirect", speaker="Tim Cook",
                    speaker_entity_id=cook.id),
              Quote(id="q2", text="it again", start=0, end=1, kind="indirect", speaker="Cook")]
    numbers = [NumberFact(id="n1", text="3%", start=0, end=1, label="PERCENT", subject_entity_id=apple.id)]
    apply_salience(ents, quotes, numbers, parsed)
    assert cook.n_quotes == 2 and apple.n_numbers == 1 and apple.n_quotes == 0
    assert cook.salience > apple.salience


def test_cooccurrence_counts_sentences(seed_analysis):
    pairs = cooccurrence(seed_analysis)
    ids = {e.name: e.id for e in seed_analysis.entities}
    lookup = {frozenset((a, b)): n for a, b, n in pairs}
    # sentences naming both, counted from the mentions themselves
    ents = {e.id: e for e in seed_analysis.entities}

    def both(x, y):
        sx = {m.sentence for m in ents[ids[x]].mentions}
        sy = {m.sentence for m in ents[ids[y]].mentions}
        return len(sx & sy)

    assert lookup[frozenset((ids["Nvidia"], ids["H200"]))] == both("Nvidia", "H200") >= 2
    assert lookup[frozenset((ids["ByteDance"], ids["TikTok"]))] == 1
    assert frozenset((ids["Las Vegas"], ids["Taiwan Semiconductor Manufacturing Co"])) not in lookup
    counts = [n for _, _, n in pairs]
    assert counts == sorted(counts, reverse=True)
    assert all(a != b for a, b, _ in pairs)


def test_entity_for_name(seed_analysis):
    ents = seed_analysis.entities
    assert entity_for_name(ents, "Wei").name == "Wei Shaojun"
    assert entity_for_name(ents, "Shaojun").name == "Wei Shaojun"
    assert entity_for_name(ents, "the US").name == "United States"
    assert entity_for_name(ents, "U.S.").name == "United States"
    assert entity_for_name(ents, "Nvidia’s").name == "Nvidia"
    assert entity_for_name(ents, "the Global Times").name == "Global Times"
    assert entity_for_name(ents, "Post").name == "the Post"
    assert entity_for_name(ents, "Microsoft") is None
    assert entity_for_name(ents, None) is None


@pytest.mark.parametrize(
    "a, b",
    [
        (("Apple Inc’s", "ORG"), ("Apple", "ORG")),
        (("the U.S.", "GPE"), ("United States", "GPE")),
        (("US", "GPE"), ("USA", "GPE")),
        (("Britain", "GPE"), ("UK", "LOC")),
        (("the Global Times", "ORG"), ("Global Times", "ORG")),
        (("Mr Biden", "PERSON"), ("Biden", "PERSON")),
        (("Toyota Motor Corp.", "ORG"), ("Toyota Motor", "ORG")),
    ],
)
def test_canonical_key_joins(a, b):
    assert canonical_key(*a) == canonical_key(*b)


@pytest.mark.parametrize(
    "a, b",
    [(("Jordan", "PERSON"), ("Jordan", "GPE")), (("Apple", "ORG"), ("Samsung", "ORG")),
     (("Washington", "GPE"), ("Washington Post", "ORG"))],
)
def test_canonical_key_separates(a, b):
    assert canonical_key(*a) != canonical_key(*b)


def test_canonicalise_corpus_joins_across_articles(nlp):
    a1 = analyze("Chips\nApple Inc’s chief executive Tim Cook said sales rose in the U.S.", nlp=nlp)
    a2 = analyze("Phones\nApple said on Monday that Cook would visit the United States.", nlp=nlp)
    out = canonicalise_corpus([a1, a2])

    def key(i, a, name):
        e = entity_for_name(a.entities, name)
        assert e is not None, name
        return out[(i, e.id)]

    assert key(0, a1, "Apple")[0] == key(1, a2, "Apple")[0]
    assert key(0, a1, "United States")[0] == key(1, a2, "United States")[0]
    assert key(1, a2, "Cook") == key(0, a1, "Tim Cook")  # the surname joins the one full name in the corpus
    assert key(1, a2, "Cook")[1] == "Tim Cook"


# ------------------------------------------------------------------------------------ text the rules never saw

# (id, text, [(name, label, [aliases that must be merged in])], [strings that must not be entity names])
CASES = [
    ("reuters_apple",
     "Apple results beat forecasts\nApple Inc’s iPhone 15 sales rose in China in the quarter, the company said on "
     "Tuesday. Chief executive Tim Cook told analysts that demand was strong. Cook said the iPhone 15 Pro was the "
     "best-selling model in the U.S. Apple shares rose 2%.",
     [("Apple Inc", "ORG", ["Apple"]), ("iPhone 15", "PRODUCT", []), ("iPhone 15 Pro", "PRODUCT", []),
      ("Tim Cook", "PERSON", ["Cook"]), ("United States", "GPE", ["U.S."]), ("China", "GPE", [])],
     ["Cook", "15"]),
    ("fed",
     "Fed holds rates\nThe U.S. Federal Reserve held interest rates steady on Wednesday. Fed Chair Jerome Powell "
     "said the Fed would remain patient. Powell added that inflation in the United States was easing.",
     [("Federal Reserve", "ORG", ["Fed"]), ("Jerome Powell", "PERSON", ["Powell"]),
      ("United States", "GPE", ["U.S."])],
     ["Fed", "the Fed", "Powell"]),
    ("meta",
     "Meta to spend more on AI\nMeta Platforms (Meta) said on Thursday it would spend up to $65 billion on AI this "
     "year. Meta’s chief executive Mark Zuckerberg said the money would go to data centres. Zuckerberg did not "
     "give details.",
     [("Meta Platforms", "ORG", ["Meta"]), ("Mark Zuckerberg", "PERSON", ["Zuckerberg"])],
     ["Meta", "AI"]),
    ("samsung",
     "Chip profits jump\nSamsung Electronics Co, the world’s biggest memory chip maker, reported a 10% rise in "
     "quarterly profit on Friday. Samsung said demand for high-bandwidth memory was strong.",
     [("Samsung Electronics Co", "ORG", ["Samsung"])],
     ["Samsung"]),
    ("chips",
     "Short supply\nNvidia’s A100 and H100 chips remain in short supply, analysts at Bernstein said. AMD’s MI300X "
     "accelerator is the closest rival, while Intel plans to ship its Gaudi 3 chip next year.",
     [("Nvidia", "ORG", []), ("A100", "PRODUCT", []), ("H100", "PRODUCT", []), ("MI300X", "PRODUCT", []),
      ("AMD", "ORG", []), ("Intel", "ORG", []), ("Gaudi 3", "PRODUCT", [])],
     []),
    ("reuters_byline",
     "Toyota shares rise\nShares in Toyota Motor Corp rose 3% in Tokyo trading on Monday.\n"
     "Reporting by Jane Doe; Editing by John Smith",
     [("Toyota Motor Corp", "ORG", []), ("Tokyo", "GPE", []), ("Jane Doe", "PERSON", []),
      ("John Smith", "PERSON", [])],
     ["Reporting", "Editing", "Jane Doe; Editing"]),
    ("ap_dateline",
     "Biden signs order\nWASHINGTON (AP) — President Joe Biden on Monday signed an executive order on artificial "
     "intelligence. Biden said the order would protect consumers. Mr Biden spoke at the White House.",
     [("Washington", "GPE", ["WASHINGTON"]), ("AP", "ORG", []), ("Joe Biden", "PERSON", ["Biden"])],
     ["Biden", "Mr Biden"]),
    ("bloomberg_tesla",
     "Tesla slides\nTesla Inc. shares fell 5% after Chief Executive Officer Elon Musk said sales would slow. "
     "Musk’s comments came as BYD Co overtook Tesla in electric-vehicle deliveries.",
     [("Tesla Inc.", "ORG", ["Tesla"]), ("Elon Musk", "PERSON", ["Musk"]), ("BYD Co", "ORG", [])],
     ["Tesla", "Musk"]),
    ("bbc_uk",
     "Defence spending\nThe UK government said it would raise defence spending. Prime Minister Keir Starmer told "
     "MPs that Britain faced new threats. Starmer said the increase would be funded by cutting aid.",
     [("United Kingdom", "GPE", ["UK", "Britain"]), ("Keir Starmer", "PERSON", ["Starmer"])],
     ["UK", "Britain", "Starmer"]),
    ("guardian_credit",
     "Climate protest\nProtesters gathered outside parliament on Saturday. Photograph: Dan Kitwood/Getty Images\n"
     "The protest was organised by climate campaigners.",
     [("Dan Kitwood", "PERSON", []), ("Getty Images", "ORG", [])],
     ["Kitwood/Getty Images", "Dan"]),
    ("scmp_owner",
     "Alibaba cloud\nAlibaba Group Holding, owner of Taobao and Tmall, said its cloud unit grew 13% in the quarter. "
     "The Hangzhou-based company also owns the South China Morning Post.",
     [("Alibaba Group Holding", "ORG", []), ("Taobao", "ORG", []), ("Tmall", "ORG", []),
      ("South China Morning Post", "ORG", [])],
     []),
    ("imf_acronym",
     "Growth forecast cut\nThe International Monetary Fund (IMF) cut its global growth forecast on Tuesday. The IMF "
     "said trade tensions between Washington and Beijing were the main risk.",
     [("International Monetary Fund", "ORG", ["IMF"]), ("Washington", "GPE", []), ("Beijing", "GPE", [])],
     ["IMF"]),
    ("who_bare_acronym",
     "Cases rise\nThe World Health Organization said cases were rising in Africa. WHO director general Tedros "
     "Adhanom Ghebreyesus urged countries to share vaccines.",
     [("World Health Organization", "ORG", ["WHO"]), ("Tedros Adhanom Ghebreyesus", "PERSON", [])],
     ["WHO"]),
    ("trade_show",
     "New phones\nXiaomi unveiled its latest phone at the Mobile World Congress trade show in Barcelona. The "
     "company also showed a car at the IFA trade fair in Berlin last year.",
     [("Xiaomi", "ORG", []), ("Mobile World Congress", "EVENT", []), ("IFA", "EVENT", []),
      ("Barcelona", "GPE", [])],
     []),
    ("lowercase_nouns",
     "Funding\nInvestors poured money into healthcare, fintech and e-commerce start-ups, according to data from "
     "PitchBook.",
     [("PitchBook", "ORG", [])],
     ["healthcare", "fintech", "e-commerce"]),
    ("xinhua_credit",
     "State visit\nChinese President Xi Jinping meets foreign guests in Beijing on Monday. Photo: Xinhua The meeting "
     "lasted two hours, state media said.",
     [("Xi Jinping", "PERSON", []), ("Xinhua", "ORG", []), ("Beijing", "GPE", [])],
     ["Xinhua The"]),
    ("analyst_title",
     "Deal approved\nAccording to Goldman Sachs analyst Jane Smith, the deal values the company at about $12 "
     "billion. Smith said the board had approved it.",
     [("Goldman Sachs", "ORG", []), ("Jane Smith", "PERSON", ["Smith"])],
     ["Smith"]),
    ("wsj_the",
     "Talks stall\nThe Wall Street Journal reported on Monday that the talks had stalled. The Journal cited people "
     "familiar with the matter.",
     [("Wall Street Journal", "ORG", ["Journal"])],
     ["Journal", "the Journal"]),
    ("camel_case_org",
     "Cloud growth\nMicrosoft Corp’s Azure cloud business grew 31% in the quarter. Microsoft said it would keep "
     "investing in OpenAI.",
     [("Microsoft Corp", "ORG", ["Microsoft"]), ("OpenAI", "ORG", [])],
     ["Microsoft"]),
    ("owner_before",
     "Chip spending\nTikTok owner ByteDance plans to spend more on chips next year. The Beijing-based firm declined "
     "to comment.",
     [("TikTok", "ORG", []), ("ByteDance", "ORG", [])],
     []),
    ("tsmc_acronym",
     "Profit jumps\nTaiwan Semiconductor Manufacturing Co. (TSMC) said quarterly profit jumped 35%. TSMC, the "
     "world’s largest contract chipmaker, counts Apple among its clients.",
     [("Taiwan Semiconductor Manufacturing Co.", "ORG", ["TSMC"]), ("Apple", "ORG", [])],
     ["TSMC"]),
    ("two_smiths",
     "Rules dispute\nJane Smith, a partner at law firm Clifford Chance, represents the bank. John Smith, chief "
     "economist at Barclays, disagreed. Smith said the rules were too strict.",
     [("Jane Smith", "PERSON", []), ("John Smith", "PERSON", ["Smith"]), ("Clifford Chance", "ORG", []),
      ("Barclays", "ORG", [])],
     ["Smith"]),
    ("chinese_name",
     "Growth target\nPremier Li Qiang told lawmakers in Beijing that growth would reach about 5%. Li said the "
     "target was ambitious.",
     [("Li Qiang", "PERSON", ["Li"]), ("Beijing", "GPE", [])],
     ["Li", "Premier Li Qiang"]),
    ("huawei_model",
     "Phone sales\nHuawei Technologies Co sold more phones in China last quarter. Huawei’s Mate 60 Pro smartphone "
     "uses a chip made by Semiconductor Manufacturing International Corp (SMIC).",
     [("Huawei Technologies Co", "ORG", ["Huawei"]), ("Mate 60 Pro", "PRODUCT", []),
      ("Semiconductor Manufacturing International Corp", "ORG", ["SMIC"])],
     ["Huawei", "SMIC"]),
    ("un_eu",
     "Ceasefire call\nThe United Nations (UN) Security Council met on Friday. UN Secretary-General Antonio Guterres "
     "called for a ceasefire, and the European Union backed him. The EU said Guterres was right.",
     [("United Nations", "ORG", ["UN"]), ("Antonio Guterres", "PERSON", ["Guterres"]),
      ("European Union", "ORG", ["EU"])],
     ["UN", "EU", "Guterres"]),
    ("role_at_org",
     "Lithium refinery\nVolumes rose 12% in the first quarter, the company said. Analysts at Bernstein said the "
     "Port of Tallin Bay would gain. Shares of Harbor Lithium Corp rose, and Harbor Lithium said it would hire.",
     [("Bernstein", "ORG", []), ("Port of Tallin Bay", "ORG", []), ("Harbor Lithium Corp", "ORG", ["Harbor Lithium"])],
     ["Volumes", "Analysts", "Shares", "Tallin Bay"]),
    ("guardian_possessive_in_name",
     "Rates held\nThe Bank of England held rates, governor Andrew Bailey said. The chancellor, Rachel Reeves, "
     "welcomed it. Reeves’s Treasury has promised growth, and the Bank will move cautiously, Bailey added.",
     [("Bank of England", "ORG", ["Bank"]), ("Rachel Reeves", "PERSON", ["Reeves"]),
      ("Andrew Bailey", "PERSON", ["Bailey"]), ("Treasury", "ORG", [])],
     ["Reeves’s Treasury", "the Bank"]),
    ("ap_aviation",
     "Boeing grilled\nBoeing Co. Chief Executive Dave Calhoun faced questions on Tuesday. Sen. Richard Blumenthal "
     "said the Federal Aviation Administration (FAA) should have acted sooner. The FAA increased inspections of "
     "Max 9 jets, and Mr. Calhoun said Boeing would cap output.",
     [("Boeing Co.", "ORG", ["Boeing"]), ("Dave Calhoun", "PERSON", ["Calhoun"]),
      ("Federal Aviation Administration", "ORG", ["FAA"]), ("Max 9", "PRODUCT", [])],
     ["Calhoun", "FAA", "Boeing"]),
    ("reuters_dateline",
     "Trade probe\nBEIJING, Jan 8 (Reuters) - China's commerce ministry said on Thursday it would investigate "
     "imports of brandy. Beijing has denied targeting Europe.",
     [("Beijing", "GPE", ["BEIJING"]), ("Reuters", "ORG", []), ("China", "GPE", [])],
     ["BEIJING"]),
]


@pytest.mark.parametrize("case_id, text, expected, absent", CASES, ids=[c[0] for c in CASES])
def test_rules_are_general(nlp, case_id, text, expected, absent):
    a = analyze(text, nlp=nlp)
    ents = a.entities
    for name, label, aliases in expected:
        e = _by_name(ents, name)
        assert e.label == label, f"{name}: {e.label} != {label}"
        for form in aliases:
            assert form in e.aliases, f"{name}: alias {form!r} not merged ({e.aliases})"
        for form in [name, *aliases]:
            assert _owners(ents, form) == [e], f"{form!r}: more than one entity"
    names = {e.name for e in ents}
    for s in absent:
        assert s not in names, f"{s!r} should not be an entity name"
    for e in ents:
        assert any(c.isupper() for c in e.name), f"non-name {e.name!r}"
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_credit_names_do_not_leak(nlp):
    text = "Visit\nXi Jinping meets guests in Beijing. Photo: Xinhua Officials said the meeting went well."
    a = analyze(text, nlp=nlp)
    x = _by_name(a.entities, "Xinhua")
    assert x.label == "ORG"
    assert [m.text for m in x.mentions] == ["Xinhua"]
    caption_ends = [s.end for s in a.article.segments if s.kind == "caption"]
    assert caption_ends == [text.index("Xinhua") + len("Xinhua")]


# ------------------------------------------------------------------------------------------- package layout


def test_entities_package_does_not_import_corrections():
    import ast
    from pathlib import Path

    import newslens.entities as pkg

    for path in Path(pkg.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
                assert not any("corrections" in n for n in names), f"{path.name} imports corrections"


def test_person_titles_hold_both_old_lists():
    from newslens import lexicon
    from newslens.entities import names

    kinds = lexicon.mapping("person_titles")
    # honorifics (dropped from a name's start) and job titles (kept) are one file with a kind each
    assert {kinds[w] for w in ("dr", "rev", "father", "sen", "mayor")} == {"honorific"}
    assert {kinds[w] for w in ("ceo", "analyst", "coach", "chair")} == {"role"}
    assert names.TITLE_PREFIX < names.PERSON_TITLES


@pytest.mark.parametrize("text, name", [
    ("Chief executive Lisa Su said the chips would ship.", "Lisa Su"),
    ("The Rev. Martin Hale led the service on Sunday, officials said.", "Martin Hale"),
])
def test_titles_from_the_lexicon_mark_people(nlp, text, name):
    ents = extract_entities(next(parse_many([text], nlp)))
    hits = [e for e in ents if e.name == name or name in e.aliases]
    assert hits and hits[0].label == "PERSON", [(e.name, e.label) for e in ents]
