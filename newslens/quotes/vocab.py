"""Word lists and quotation-mark sets the quote passes share (the long lists live in newslens/lexicon/)."""
from __future__ import annotations

from .. import lexicon

# verbs that report what someone said; they take a clause ("said that ...") or frame a quote
SPEECH_LEMMAS = lexicon.words("speech_verbs")
# speech verbs whose object is who was told ("told a meeting that ..."): lexicon/addressee_verbs.txt
ADDRESSEE_LEMMAS = lexicon.words("addressee_verbs")
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
# titles before a name ("Dr", "Sen.", "Father"): the honorific kind of the one title list
HONORIFICS = frozenset(k for k, kind in lexicon.mapping("person_titles").items() if kind == "honorific")
# job words that open a capitalised name at a sentence start: "Prosecutor Ana Cruz"
ROLE_WORDS = lexicon.words("speaker_role_words")
MALE_TITLES = frozenset("mr mr. sir lord king prince father".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess".split())
MALE_NOUNS = lexicon.words("male_nouns")
FEMALE_NOUNS = lexicon.words("female_nouns")
# nouns for a single person who can be "he" or "she" later
HUMAN_NOUNS = ROLE_WORDS | MALE_NOUNS | FEMALE_NOUNS | lexicon.words("human_nouns")
# a small list of common given names, used only to pick between candidates for he / she
MALE_NAMES = lexicon.words("given_names_male")
FEMALE_NAMES = lexicon.words("given_names_female")
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
# words that make a name an organisation, not a person: the one list the entities pass reads too
ORG_WORDS = lexicon.words("org_words")
