"""Word lists and quotation-mark sets the quote passes share (the long lists live in newslens/lexicon/)."""
from __future__ import annotations

from .. import lexicon

# verbs that report what someone said; they take a clause ("said that ...") or frame a quote
SPEECH_LEMMAS = lexicon.words("speech_verbs")
# verbs that frame a direct quote but take no reported clause ("“...,” he continued.")
DIRECT_ONLY_LEMMAS = lexicon.words("quote_frame_verbs")
# verbs that attribute quoted words without a clause ("called the plan “a disaster”")
NAMING_LEMMAS = frozenset("call describe dub label term brand characterise characterize".split())
# phrasal cues: lemma + particle
PHRASAL = {("point", "out"): "point out", ("go", "on"): "go on"}
# nouns for documents whose author is the real source ("a Reuters report", "a statement by X")
DOCUMENT_NOUNS = lexicon.words("document_nouns")
# anonymous sources: "the people said" refers back to "two people briefed on the matter"
SOURCE_NOUNS = lexicon.words("source_nouns")
# "according to plan" is not a source
NOT_SOURCES = frozenset("plan plans schedule rule rules law laws tradition custom legend script".split())
HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president premier
    chancellor senator sen sen. rep rep. gov gov. governor general gen gen. judge justice minister
    secretary ambassador king queen prince princess pope rev rev. reverend father chairman""".split()
)
# job words that open a capitalised name at a sentence start: "Prosecutor Ana Cruz"
ROLE_WORDS = frozenset(
    """prosecutor coach lawyer attorney spokesman spokeswoman spokesperson chief executive ceo cfo
    chairman chairwoman chair director manager analyst economist officer defence defense president
    vice minister secretary senator governor mayor judge professor dr detective inspector sergeant
    captain commander general colonel lieutenant admiral ambassador envoy founder""".split()
)
MALE_TITLES = frozenset("mr mr. sir lord king prince father".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess".split())
MALE_NOUNS = lexicon.words("male_nouns")
FEMALE_NOUNS = lexicon.words("female_nouns")
# nouns for a single person who can be "he" or "she" later
HUMAN_NOUNS = ROLE_WORDS | MALE_NOUNS | FEMALE_NOUNS | lexicon.words("human_nouns")
# a small list of common given names, used only to pick between candidates for he / she
MALE_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    frank gregory raymond alexander patrick jack dennis jerry tyler aaron henry peter adam nathan
    douglas zachary kyle walter harold carl arthur roger keith jeremy terry sean christian austin
    jensen elon tim satya sundar jeff bill warren boris rishi keir emmanuel olaf vladimir xi joe
    barack nick burton hans pierre luis carlos jose ahmed mohammed ali""".split()
)
FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
    diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan
    cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose alexis kayla colette angela ursula
    christine kamala hillary theresa liz giorgia jacinda yellen janet gina""".split()
)
PRONOUN_PERSON = {"he": "m", "him": "m", "she": "f", "her": "f"}
REL_PRONOUNS = frozenset("who which that whom".split())
WH_WORDS = frozenset("whether if how what why when where who which".split())
ABBREVIATIONS = lexicon.words("sentence_abbreviations")
# the final punctuation kept inside a direct quote; a trailing comma or dash belongs to the sentence
TRAIL_STRIP = " \t\n,;:–—-"
OPEN_DOUBLE, CLOSE_DOUBLE, STRAIGHT_DOUBLE = "“„«", "”»", '"'
OPEN_SINGLE, CLOSE_SINGLE, STRAIGHT_SINGLE = "‘‹", "’›", "'"
OPENER_BEFORE = " \t\n([{—–-/:"
ALL_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE
HUMAN_VERBS = frozenset("explain speak smile laugh shrug nod sigh travel arrive resign".split())
ORG_WORDS = frozenset(
    """inc corp co ltd llc plc group bank ministry association university company agency department
    council committee institute foundation party police army times post news""".split()
)
