"""Issue #12, second round: spelled compounds, fractions, grouped digits, ages in apposition, negative range ends,
glued scales, two-sided bounds, times of day. Each family has several phrasings in different papers' styles
(Reuters, AP, FT, Guardian, Bloomberg), written here (not taken from the dev sets), with exact offsets."""
from __future__ import annotations

import math

import pytest

from newslens.entities import extract_entities
from newslens.numbers import extract_numbers, parse_amount
from newslens.pipeline import parse_many

# (sentence, span, label, value, unit, low, high): the fact with exactly this span and these fields
FACTS = [
    # spelled compounds (AP spells numbers at a sentence start; quotes and speeches spell them too)
    ("Two thousand three hundred workers walked out at the plant on Monday, the union said.",
     "Two thousand three hundred workers", "CARDINAL", 2300, "worker", None, None),
    ("\u201cWe lost one hundred and twenty-five jobs in a week,\u201d the owner told the Guardian.",
     "one hundred and twenty-five jobs", "CARDINAL", 125, "job", None, None),
    ("The charity raised three million, two hundred thousand dollars from donors last year.",
     "three million, two hundred thousand dollars", "MONEY", 3.2e6, "USD", None, None),
    ("Officials counted one thousand and one ballots in the recount, AP reported.",
     "one thousand and one ballots", "CARDINAL", 1001, "ballot", None, None),
    ("Fewer than a thousand giant pandas remain in the wild.",
     "Fewer than a thousand giant pandas", "CARDINAL", 1000, "panda", None, None),
    ("Growth slowed to two point five per cent in the quarter, Bloomberg said.",
     "two point five per cent", "PERCENT", 2.5, "%", None, None),
    ("The vote was won by four thousand 3 hundred and 21 votes.",
     "four thousand 3 hundred and 21 votes", "CARDINAL", 4321, "vote", None, None),
    ("Police said 4 thousand 3 hundred and 21 people had been screened at the border.",
     "4 thousand 3 hundred and 21 people", "CARDINAL", 4321, "people", None, None),
    # fractions: whole and fraction, ordinals as denominators, fractions of a scale
    ("The river rose two and three quarters metres overnight.",
     "two and three quarters metres", "QUANTITY", 2.75, "m", None, None),
    ("Turnout was put at three million and a half, the interior ministry said.",
     "three million and a half", "CARDINAL", 3.5e6, None, None, None),
    ("Shares jumped by a fifth on Tuesday, the Financial Times reported.",
     "a fifth", "CARDINAL", 0.2, None, None, None),
    ("A fifth of the budget goes to defence.", "A fifth", "CARDINAL", 0.2, None, None, None),
    ("One twentieth of the harvest was lost to the floods, Reuters reported.",
     "One twentieth", "CARDINAL", 0.05, None, None, None),
    ("The Fed cut rates by a quarter of a percentage point on Wednesday, Reuters reported.",
     "a quarter of a percentage point", "PERCENT", 0.25, "pp", None, None),
    ("The Bank of England raised rates by half a percentage point.",
     "half a percentage point", "PERCENT", 0.5, "pp", None, None),
    ("The fire came within half a mile of homes, AP said.", "half a mile", "QUANTITY", 0.5, "mi", None, None),
    ("Three quarters of a mile of track was washed away.",
     "Three quarters of a mile", "QUANTITY", 0.75, "mi", None, None),
    ("The fund holds five and a half billion dollars in cash.",
     "five and a half billion dollars", "MONEY", 5.5e9, "USD", None, None),
    # digit groups split by a space or a thin space (South African, European and UN style), Indian grouping
    ("The ministry said 40 000 people had been evacuated from the coast.",
     "40 000 people", "CARDINAL", 40000, "people", None, None),
    ("The census counted 1\u202f414\u202f021 households in the province.",
     "1\u202f414\u202f021 households", "CARDINAL", 1414021, "household", None, None),
    ("The court ordered the builder to pay Rs 12,34,567 to the buyers, the Hindustan Times reported.",
     "Rs 12,34,567", "MONEY", 1234567, "INR", None, None),
    # ages in apposition and after "aged"
    ("John Miller, 45, of Dayton, Ohio, was charged with arson on Friday, police said.",
     "45", "AGE", 45, "year", None, None),
    ("The victim was named as Sarah Jones, 32.", "32", "AGE", 32, "year", None, None),
    ("The driver, 19, was taken to hospital with minor injuries.", "19", "AGE", 19, "year", None, None),
    ("Mr Obi, 61, won 25 per cent of the vote, the electoral commission said.", "61", "AGE", 61, "year", None, None),
    ("A man aged 57 was arrested at the scene, Scotland Yard said.", "aged 57", "AGE", 57, "year", None, None),
    ("The baby, aged six months, was unhurt.", "aged six months", "AGE", 6, "month", None, None),
    ("The vaccine is approved for children ages 5 through 11.", "ages 5 through 11", "AGE", 8, "year", 5, 11),
    # a negative second side of a range
    ("Overnight lows of -5 to -10 degrees Celsius are forecast for the Alps.",
     "-5 to -10 degrees Celsius", "QUANTITY", -7.5, "°C", -10, -5),
    ("Temperatures will fall to between minus 3 and minus 8C on Sunday, the Met Office said.",
     "between minus 3 and minus 8C", "QUANTITY", -5.5, "°C", -8, -3),
    # a glued C or F after a temperature word (British weather copy)
    ("Highs of 25C are expected in London on Saturday, the Met Office said.",
     "25C", "QUANTITY", 25, "°C", None, None),
    ("Temperatures hit 104F in Phoenix on Sunday.", "104F", "QUANTITY", 104, "°F", None, None),
    # orders of magnitude: "hundreds of" is 100 to 1,000 (CQE's reading), with the noun counted or the currency
    ("Tens of thousands of people marched through Paris on Saturday, Reuters reported.",
     "Tens of thousands of people", "CARDINAL", 55000, "people", 10000, 100000),
    ("Police arrested hundreds of protesters outside parliament, the Guardian said.",
     "hundreds of protesters", "CARDINAL", 550, "protester", 100, 1000),
    ("She said she had laid off three of her five employees.", "three", "CARDINAL", 3, None, None, None),
    ("Dozens of homes were destroyed by the tornado, AP said.", "Dozens of homes", "CARDINAL", 66, "home", 12, 120),
    ("The scheme has cost taxpayers billions of pounds, the FT reported.",
     "billions of pounds", "MONEY", 5.5e9, "GBP", 1e9, 1e10),
    ("Hundreds of millions of dollars were lost in the hack, Bloomberg said.",
     "Hundreds of millions of dollars", "MONEY", 5.5e8, "USD", 1e8, 1e9),
    # "rose by X to Y": a change and a level when Y is far above X, else a range of changes
    ("Average weekly earnings rose by £15 to £680, the ONS said.", "£15", "MONEY", 15, "GBP", None, None),
    ("Average weekly earnings rose by £15 to £680, the ONS said.", "£680", "MONEY", 680, "GBP", None, None),
    ("The population grew by 2 million to 68 million in a decade.", "68 million", "CARDINAL", 6.8e7, None, None, None),
    ("Analysts expect prices to rise by 5 to 7 per cent next year.",
     "5 to 7 per cent", "PERCENT", 6, "%", 5, 7),
    # a rate per a time after what the amount is of; a verb "seat" is no name word
    ("The mine produces 400,000 ounces of gold a year, the company said.",
     "400,000 ounces of gold a year", "QUANTITY", 400000, "oz", None, None),
    ("Saudi Arabia pumps 9 million barrels of oil a day, Bloomberg reported.",
     "9 million barrels of oil a day", "QUANTITY", 9e6, "bbl", None, None),
    ("The A380 can seat 853 passengers in an all-economy layout.", "853 passengers", "CARDINAL", 853, "passenger",
     None, None),
    # a count quoted per a time, and "-strong" counts
    ("The plant will build 5,000 cars a month from next year, the carmaker said.",
     "5,000 cars a month", "CARDINAL", 5000, "car", None, None),
    ("The airline now runs 300 flights a day to Asia.", "300 flights a day", "CARDINAL", 300, "flight", None, None),
    ("It hired 12 workers a year ago, the filing showed.", "12 workers", "CARDINAL", 12, "worker", None, None),
    ("A 20,000-strong crowd watched the final at Wembley.", "20,000-strong crowd", "CARDINAL", 20000, "crowd", None,
     None),
    # hyphenated rates and compound adjectives
    ("He signed a £350,000-a-week contract with the club, the BBC reported.",
     "£350,000-a-week", "MONEY", 350000, "GBP", None, None),
    ("The bank's 2.5%-yielding bonds rallied on Friday.", "2.5%", "PERCENT", 2.5, "%", None, None),
    # "half of" as a share
    ("Nearly half of Americans own stocks, a Gallup poll found.", "Nearly half", "CARDINAL", 0.5, None, None, None),
    # several durations joined: one fact each
    ("Kiptum ran the marathon in 2 hours, 1 minute and 9 seconds, Reuters reported.",
     "1 minute", "QUANTITY", 1, "minute", None, None),
    ("Kiptum ran the marathon in 2 hours, 1 minute and 9 seconds, Reuters reported.",
     "9 seconds", "QUANTITY", 9, "second", None, None),
    ("She served three years and six months in jail, the court heard.",
     "six months", "QUANTITY", 6, "month", None, None),
    # slang currency names
    ("“It was twenty bucks a ticket,” one fan told AP.", "twenty bucks a ticket", "MONEY", 20, "USD", None, None),
    ("He sold the bike for 50 quid, the Guardian reported.", "50 quid", "MONEY", 50, "GBP", None, None),
    # more currencies of the registry, lower-case codes glued to the number, "a dollar"
    ("Cairo raised bread prices to 20 Egyptian pounds a kilo, Reuters reported.",
     "20 Egyptian pounds a kilo", "MONEY", 20, "EGP", None, None),
    ("The central bank sold 1.5 billion hryvnias at auction.", "1.5 billion hryvnias", "MONEY", 1.5e9, "UAH", None,
     None),
    ("Farmers in Kenya earn about 300 Kenyan shillings a day.", "about 300 Kenyan shillings a day", "MONEY", 300,
     "KES", None, None),
    ("The exchange lost 10,000 bitcoins in the hack.", "10,000 bitcoins", "MONEY", 10000, "BTC", None, None),
    ("The seller listed it at 100usd on the site.", "100usd", "MONEY", 100, "USD", None, None),
    ("Fares start at eur49 one way.", "eur49", "MONEY", 49, "EUR", None, None),
    ("Millions of workers earn less than a dollar a day, the UN said.",
     "less than a dollar a day", "MONEY", 1, "USD", None, None),
    # glued scales with and without a currency
    ("The clip drew 10M views in a day.", "10M views", "CARDINAL", 1e7, "view", None, None),
    ("The platform has 1.2b users, the company said.", "1.2b users", "CARDINAL", 1.2e9, "user", None, None),
    ("Its market value topped $2.4T on Thursday.", "$2.4T", "MONEY", 2.4e12, "USD", None, None),
    ("The climber survived a 30m fall into the gorge, Reuters reported.", "30m", "QUANTITY", 30, "m", None, None),
    ("The retailer now has 5m customers in Britain.", "5m customers", "CARDINAL", 5e6, "customer", None, None),
    # two bounds in one range, and other bounds
    ("Sales were greater than 100 and smaller than 300 units a week.",
     "greater than 100 and smaller than 300 units a week", "CARDINAL", 200, "unit", 100, 300),
    ("No fewer than 20 people died in the blast, officials said.",
     "No fewer than 20 people", "CARDINAL", 20, "people", None, None),
    ("The number range is 1000-5000 for the pilot.", "1000-5000", "CARDINAL", 3000, None, 1000, 5000),
    # ranges with one side spelled (house styles that spell numbers below ten: AP, Reuters, the Guardian)
    ("The walls stood eight to 10 feet tall, the Associated Press reported.",
     "eight to 10 feet", "QUANTITY", 9, "ft", 8, 10),
    ("Household bills will rise by between three and 5 per cent, the regulator said.",
     "between three and 5 per cent", "PERCENT", 4, "%", 3, 5),
    ("Analysts expect sales growth of five to 15 percent next year, Reuters reported.",
     "five to 15 percent", "PERCENT", 10, "%", 5, 15),
    ("Waves of six to 8 metres battered the coast overnight.", "six to 8 metres", "QUANTITY", 7, "m", 6, 8),
    # a range of durations is a duration, as one is ("six months" is a QUANTITY in months)
    ("The review could take nine to 12 months, people familiar with the matter told Bloomberg.",
     "nine to 12 months", "QUANTITY", 10.5, "month", 9, 12),
    ("He faces three to 5 years in prison, prosecutors said.", "three to 5 years", "QUANTITY", 4, "year", 3, 5),
    ("Flights were delayed by two to three hours at Heathrow, the BBC reported.",
     "two to three hours", "QUANTITY", 2.5, "hour", 2, 3),
    # local currency abbreviations as house styles write them (FT, The National, Gulf Times, Daily Nation, Haaretz,
    # Hurriyet Daily News, The Daily Star), and symbols after the number
    ("China's central bank injected Rmb500bn into the banking system, the FT reported.",
     "Rmb500bn", "MONEY", 5e11, "CNY", None, None),
    ("Ericsson cut costs by SKr9bn last year.", "SKr9bn", "MONEY", 9e9, "SEK", None, None),
    ("Equinor paid NKr12bn in dividends to the state.", "NKr12bn", "MONEY", 1.2e10, "NOK", None, None),
    ("UBS set aside Sfr1.2bn for legal costs.", "Sfr1.2bn", "MONEY", 1.2e9, "CHF", None, None),
    ("Emaar sold homes worth Dh12 billion in the quarter.", "Dh12 billion", "MONEY", 1.2e10, "AED", None, None),
    ("Qatar Airways posted a profit of QR4.4bn for the year.", "QR4.4bn", "MONEY", 4.4e9, "QAR", None, None),
    ("Aramco plans to spend SR150bn on new refineries.", "SR150bn", "MONEY", 1.5e11, "SAR", None, None),
    ("The Treasury will borrow Sh300 billion from local banks, the Daily Nation said.",
     "Sh300 billion", "MONEY", 3e11, "KES", None, None),
    ("The fund raised NIS 1.2 billion from Israeli pension funds.", "NIS 1.2 billion", "MONEY", 1.2e9, "ILS",
     None, None),
    ("Turkey's budget deficit widened to TL 1.1 trillion in the first half.", "TL 1.1 trillion", "MONEY", 1.1e12,
     "TRY", None, None),
    ("Beximco raised Tk 1,500 crore through bonds.", "Tk 1,500 crore", "MONEY", 1.5e10, "BDT", None, None),
    ("The stadium cost 1.2 billion zł to build.", "1.2 billion zł", "MONEY", 1.2e9, "PLN", None, None),
    ("The loan of 500 million Kč was repaid early.", "500 million Kč", "MONEY", 5e8, "CZK", None, None),
    ("Profits rose to 5 million stg in the half year, Reuters said.", "5 million stg", "MONEY", 5e6, "GBP",
     None, None),
    ("Eskom needs R5bn to repair its plants, Business Day reported.", "R5bn", "MONEY", 5e9, "ZAR", None, None),
    ("Petrol now costs R21.50 a litre in Johannesburg.", "R21.50 a litre", "MONEY", 21.5, "ZAR", None, None),
    ("The Senate approved a P5 billion budget for the agency, the Inquirer reported.", "P5 billion", "MONEY", 5e9,
     "PHP", None, None),
    ("Lagos state will spend N500 billion on roads, Punch reported.", "N500 billion", "MONEY", 5e11, "NGN",
     None, None),
    ("Fees rose to N2,500 per term.", "N2,500 per term", "MONEY", 2500, "NGN", None, None),
    ("The Nation said the project would cost Bt5 billion.", "Bt5 billion", "MONEY", 5e9, "THB", None, None),
    ("He earns USD$50 an hour.", "USD$50 an hour", "MONEY", 50, "USD", None, None),
    ("The fund paid AUD$3.2 million in fees.", "AUD$3.2 million", "MONEY", 3.2e6, "AUD", None, None),
    # a fraction of a scale: "half a billion" always read; "a quarter of a billion" too
    ("The program costs a quarter of a billion dollars, the Pentagon said.", "a quarter of a billion dollars",
     "MONEY", 2.5e8, "USD", None, None),
    ("He paid a quarter of a million pounds for the house.", "a quarter of a million pounds", "MONEY", 2.5e5,
     "GBP", None, None),
    ("The deal is worth a third of a trillion yen, Nikkei said.", "a third of a trillion yen", "MONEY", 1e12 / 3,
     "JPY", None, None),
    # a change verb right before "X to Y": a change and a level when the level is far above it (market reports),
    # a range when they are close ("fell 10 to 15 per cent"), as with "by"
    ("Brent crude fell $2.10 to $78.40 a barrel, Reuters reported.", "$2.10", "MONEY", 2.1, "USD", None, None),
    ("Brent crude fell $2.10 to $78.40 a barrel, Reuters reported.", "$78.40 a barrel", "MONEY", 78.4, "USD",
     None, None),
    ("Shares rose 4p to 215p in early trading, the FT said.", "215p", "MONEY", 2.15, "GBP", None, None),
    ("Gold climbed $15 to $2,415 an ounce.", "$2,415 an ounce", "MONEY", 2415, "USD", None, None),
    ("Revenue grew £200m to £3.4bn in the year.", "£3.4bn", "MONEY", 3.4e9, "GBP", None, None),
    ("Sales fell 10 to 15 per cent, the company said.", "10 to 15 per cent", "PERCENT", 12.5, "%", 10, 15),
    ("The company will cut 10 to 50 jobs at the plant.", "10 to 50 jobs", "CARDINAL", 30, "job", 10, 50),
    # a fraction of a point where rates move (Fed and central-bank reports, AP/WSJ/Bloomberg styles)
    ("The Fed cut rates by a quarter point on Wednesday, AP reported.", "a quarter point", "PERCENT", 0.25, "pp",
     None, None),
    ("Markets expect a quarter-point cut in June.", "a quarter-point", "PERCENT", 0.25, "pp", None, None),
    ("The bank delivered a half-point increase, the Journal said.", "a half-point", "PERCENT", 0.5, "pp", None, None),
    ("Traders priced in a half percentage point hike.", "a half percentage point", "PERCENT", 0.5, "pp", None, None),
    ("It announced a quarter-percentage-point reduction.", "a quarter-percentage-point", "PERCENT", 0.25, "pp",
     None, None),
    ("Some economists expect a three-quarter-point hike.", "three-quarter-point", "PERCENT", 0.75, "pp", None, None),
    ("The Fed raised rates by half a point.", "half a point", "PERCENT", 0.5, "pp", None, None),
    ("The Fed cut by a quarter point, to a range of 4.25% to 4.5%.", "a quarter point", "PERCENT", 0.25, "pp",
     None, None),
    # earthquake magnitudes, before or after the number (USGS, AP, Reuters, BBC styles)
    ("The magnitude 6.1 earthquake struck at dawn, the USGS said.", "magnitude 6.1", "QUANTITY", 6.1, "magnitude",
     None, None),
    ("A 7.8-magnitude quake hit southern Turkey, Reuters reported.", "7.8-magnitude", "QUANTITY", 7.8, "magnitude",
     None, None),
    ("A magnitude-7.2 earthquake shook Alaska on Monday.", "magnitude-7.2", "QUANTITY", 7.2, "magnitude", None, None),
    ("The quake measured 5.4 on the Richter scale.", "5.4 on the Richter scale", "QUANTITY", 5.4, "magnitude",
     None, None),
    ("The quake had a magnitude of 6.9, the agency said.", "magnitude of 6.9", "QUANTITY", 6.9, "magnitude",
     None, None),
]


@pytest.fixture(scope="module")
def facts_of(nlp):
    texts = sorted({f[0] for f in FACTS} | {t for t, _ in NOT_FACTS})
    return {t: extract_numbers(p, extract_entities(p), published="2024-03-20")
            for t, p in zip(texts, parse_many(texts, nlp))}


@pytest.mark.parametrize("sentence,span,label,value,unit,low,high", FACTS, ids=[f[1] for f in FACTS])
def test_fact(facts_of, sentence, span, label, value, unit, low, high):
    facts = facts_of[sentence]
    start = sentence.index(span)
    hits = [f for f in facts if (f.start, f.end) == (start, start + len(span))]
    assert hits, f"no fact {span!r} in {[(f.text, f.label, f.value) for f in facts]}"
    f = hits[0]
    assert f.text == span and f.label == label and f.unit == unit, (f.text, f.label, f.unit)
    assert math.isclose(f.value, value, rel_tol=1e-9)
    assert (f.low, f.high) == (low, high)


# (sentence, words that must not be (part of) a number fact; a date over them is fine)
NOT_FACTS = [
    ("Several hundred people gathered outside the embassy.", "hundred"),
    ("It is a twenty-first century problem, the minister said.", "twenty-first"),
    ("The markets close at 4 pm in New York.", "4 pm"),
    ("Trading resumed at 10.30 GMT.", "10.30"),
    ("The rollout of 5G and 4K television continues.", "4K"),
    ("Profit fell in three quarters last year.", "three quarters"),  # a period (a duration), not 0.75
    ("In 2019, 45 of the workers were rehired.", "45"),
    ("Profit rose in the first half of the year, the company said.", "half"),
    ("Test scores of students rose in the state.", "scores"),
    ("He has a yen for adventure, his friends say.", "yen"),
    ("Only one of the 12 jurors disagreed, the court heard.", "one"),
    ("Revenue was $3bn a year ago, the company said.", "a year"),
    ("She runs a dollar store in Ohio.", "dollar"),
    ("The fund disclosed the stake in a 13F filing on Friday.", "13F"),
    ("FedEx flew the supplies on a Boeing 777F freighter.", "777F"),
    # a score beside a result word is no range (Reuters, BBC Sport, AP styles)
    ("Arsenal lost 1-2 at home to Brighton on Saturday, Reuters reported.", "1-2"),
    ("United slumped to a 0-3 defeat at Anfield.", "0-3"),
    ("Chelsea trailed 1-2 at half-time before rallying to win.", "1-2"),
    ("The Lakers suffered a 98-104 loss in Denver, AP said.", "98-104"),
    # letters that abbreviate a currency and name other things too: money only with a scale, a thousands
    # separator or a decimal point
    ("The EU's NIS2 directive takes effect in October.", "NIS2"),
    ("Companies must comply with the NIS 2 Directive, the regulator said.", "NIS 2"),
    ("The TL 2 line was closed for repairs.", "TL 2"),
    ("Drivers paid a toll on SR 520 across Lake Washington.", "SR 520"),
    ("The SR-71 Blackbird set a speed record.", "SR-71"),
    ("Room Sh2 is on the second floor.", "Sh2"),
    ("Wearing an N95 mask is advised in the smoke.", "N95"),
    ("The R number rose to R1.1 last week, officials said.", "R1.1"),
    ("The P5 powers met in Geneva on Tuesday.", "P5"),
    ("Take the N1 north out of Dublin.", "N1"),
    ("NIS 2.0 rules apply to operators of essential services.", "NIS 2.0"),
    ("He won the tournament by half a point.", "half a point"),  # no rate moves: a score
    ("Carlsen took a half-point lead in the final round.", "half-point"),
]


@pytest.mark.parametrize("sentence,word", NOT_FACTS, ids=[w for _, w in NOT_FACTS])
def test_not_a_fact(facts_of, sentence, word):
    i = sentence.index(word)
    bad = [f for f in facts_of[sentence] if f.start < i + len(word) and i < f.end and f.label != "DATE"
           and not (word == "45" and f.label == "CARDINAL") and not (f.label == "QUANTITY" and f.unit == "quarter")]
    assert not bad, [(f.text, f.label, f.value) for f in bad]


def test_a_spelled_side_before_thousands_is_no_range(nlp):
    """"two to 3,000 jobs" may mean 2,000 to 3,000: no range is read from 2 to 3,000."""
    text = "The firm plans to cut two to 3,000 jobs, a source said."
    parsed = next(parse_many([text], nlp))
    facts = extract_numbers(parsed, extract_entities(parsed), published="2024-03-20")
    assert facts and not [f for f in facts if f.low is not None], [(f.text, f.low, f.high) for f in facts]


# grammar-level: (text, value); the whole text is the amount
SPELLED = [
    ("twenty-one trillion three hundred", 21000000000300),
    ("two thousand and two hundred", 2200),
    ("two hundred and two thousand", 202000),
    ("a hundred and two", 102),
    ("fifty - two", 52),
    ("nine point nought four", 9.04),
    ("two hundred point seventy-one", 200.71),
    ("3 hundred and one", 301),
    ("six crore and two hundred", 60000200),
    ("one over three", 1 / 3),
    ("1 over twenty-one", 1 / 21),
    ("twenty and three fifths", 20.6),
    ("two and fifty-four hundredths", 2.54),
    ("three twenty-firsts", 3 / 21),
    ("a hundred thousand trillionths", 1e-7),
    ("two million and three fifths", 2.6e6),
    ("1,234,567", 1234567),
    ("1 234 567", 1234567),
]


@pytest.mark.parametrize("text,value", SPELLED, ids=[t for t, _ in SPELLED])
def test_spelled_and_grouped(text, value):
    a = parse_amount(text)
    assert a is not None and a.end == len(text), (text, a)
    assert math.isclose(a.value, value, rel_tol=1e-9)


@pytest.mark.parametrize("text,end", [
    ("one, two, three", 3),  # a list, not one number
    ("three hundred and two hundred", 13),
    ("$2000 over 3 years", 5),  # "over" a period is no fraction
    ("4000 3 hundred", 4),
    ("$5 million and 300 jobs", 10),  # a large scale does not run on into the next number
    ("3 100m titles", 1),
])
def test_numbers_that_end_early(text, end):
    a = parse_amount(text)
    assert a is not None and a.end == end, (text, a)


@pytest.mark.parametrize("text", ["4K", "5B", "8T", "a", "an"])
def test_glued_letters_and_lone_articles_are_no_amount(text):
    assert parse_amount(text) is None
