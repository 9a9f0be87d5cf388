"""Issue #19: `starts.start_tokens` leaves out only tokens where the amount grammar cannot begin an amount, so the
candidates scan (which runs the grammar only on the tokens it keeps) finds exactly what a scan of every token
found. Checked at every offset of a text collection (the numbers tests' own sentences, the shipped and fixture
articles, odd spellings written here), with every token length there, not only spaCy's tokens."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newslens.numbers import parse_amount
from newslens.numbers.starts import start_tokens

ROOT = Path(__file__).resolve().parent.parent

# spellings that sit on the edges of the test: glued letters, signs, symbols, case, other scripts
ODD = [
    "It cost A$5, US $40, US$3bn and Rs 40 crore; usd100 and eur500 too.",
    "a million, a-million, an estimated 40, a little over 5%, a third of voters, a twenty-fifth, a dollar.",
    "A Hong Kong dollar, a penny, a cent, a dozen eggs, a hundred years, A Thousand Splendid Suns.",
    "Prices fell -3.2% and +5%; rates of .25 and -$5 and −4 °C; ~40 people; ½ a mile; 5½ hours.",
    "About 40, ABOUT 40, at least 5, At Least 5, up to 7 per cent, in excess of $3bn, north of 2%.",
    "Aged 45, ages 5 through 11, between 5 and 7, minus ten, negative 3, hundreds of workers.",
    "Hundred thousand dollars, half of voters, quarter of a point, two-thirds, one over three.",
    "The x86 chip, H200s, T800 and a100 units; cannot, don't, U.S.$5, mid-2026, COVID-19.",
    "a\u00a0million, a\tthird, a , million, a & b, an\u00a0estimated 7, and 5, billion 3, point five.",
    "thou\u017fand, a thou\u017fand, \u212a40, a \u212aelvin, s\u0131x, \u0130n excess of 5, \u00bd, \u0663 \u0664.",
    "£5, €5, ¥5, ₹5, $5, HK$5, NT$5, R$5, E£5, GH₵5, KSh 5, Tk 5, Rp 5, SFr 5, CN¥5, JP¥5, ₿1.",
]


def _texts() -> list[str]:
    out = list(ODD)
    for path in sorted(ROOT.glob("tests/test_numbers*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                and len(n.value) > 2]
    for folder in ("data/articles", "tests/fixtures/articles", "tests/fixtures/claims"):
        out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / folder).glob("*.txt"))]
    return out


def _lengths(s: str, i: int) -> set[int]:
    """Token lengths to try at s[i]: one character, the run of letters or of word characters, up to a space."""
    ends = {i + 1}
    for pred in (str.isalpha, str.isalnum, lambda c: not c.isspace()):
        j = i
        while j < len(s) and pred(s[j]):
            j += 1
        ends.add(max(j, i + 1))
    return {e - i for e in ends}


def _kept(s: str, i: int, n: int) -> bool:
    """Whether start_tokens keeps a token s[i:i+n], followed by a one-character token where spaCy would put one
    (after the single space a token may carry)."""
    ws = s[i + n:i + n + 1] == " "
    j = i + n + 1 if ws else i + n
    idx, text = ([i, j], [s[i:i + n], s[j:j + 1]]) if j < len(s) else ([i], [s[i:i + n]])
    return 0 in start_tokens(s, idx, text, [ws, s[j + 1:j + 2] == " "][:len(idx)])


def test_left_out_tokens_begin_no_amount():
    texts = _texts()
    assert len(texts) > 300 and sum(map(len, texts)) > 20_000
    checked = left_out = 0
    for s in texts:
        for i in range(len(s)):
            for n in _lengths(s, i):
                if _kept(s, i, n):
                    continue
                left_out += 1
                amt = parse_amount(s, i)
                assert amt is None or amt.value is None, (s[max(0, i - 20):i + 40], n)
            checked += 1
    assert left_out > checked // 2  # most offsets begin no amount: the filter is doing its work


def _at(text: str, word: str) -> int:
    return re.search(r"(?<![\w.~-])" + re.escape(word), text).start()


@pytest.mark.parametrize("text, word", [
    ("Sales rose by a million units.", "a"), ("It costs US $40.", "US"), ("Rs 40 crore", "Rs"),
    ("at least 5 people", "at"), ("prices fell -3.2%", "-"), ("a rate of .25", "."), ("½ a mile", "½"),
    ("a third of voters", "a"), ("an estimated 40 people", "an"), ("between 5 and 7", "between"),
    ("Aged 45, he retired.", "Aged"), ("hundreds of workers", "hundreds"), ("~40 people", "~"),
])
def test_kept_where_an_amount_begins(text, word):
    i = _at(text, word)
    assert parse_amount(text, i) is not None
    assert _kept(text, i, len(word))


@pytest.mark.parametrize("text, word", [
    ("Sales and 5 more", "and"), ("a billion 3", "billion"), ("the point five", "point"), ("a cat", "a"),
    ("up the hill", "up"), ("at home", "at"), ("us and them", "us"), ("well - done", "-"), ("end. Next", "."),
    ("yes, 5", ","),
])
def test_left_out_where_none_begins(text, word):
    i = _at(text, word) if word[0].isalnum() else text.index(word)
    assert not _kept(text, i, len(word))
    assert parse_amount(text, i) is None


def test_unit_words_tried_wherever_one_can_follow():
    """`suffix` skips the long unit-word pattern where the letters after a number begin no unit word."""
    from newslens.numbers.suffix import _unit_word_may_follow
    from newslens.numbers.vocab import RE_UNIT_WORDS

    texts = _texts() + ["5 ångström, 3 Ångströms, 2 röntgen, 4 \u212aelvin, 7-metre, 9 square metres, 1 mph"]
    skipped = 0
    for s in texts:
        for j in range(len(s)):
            if not _unit_word_may_follow(s, j):
                skipped += 1
                assert RE_UNIT_WORDS.match(s, j) is None, s[max(0, j - 20):j + 40]
    assert skipped > sum(map(len, texts)) // 2


def test_glued_words_left_to_the_grammar():
    """A plain word with a letter or digit right after it ("can" of "cannot", spaCy's split) stays, the first time
    its text is seen and after (when the plain word is known)."""
    s = "They can say it cannot rise."
    idx, text = [0, 5, 9, 13, 16, 19, 23, 27], ["They", "can", "say", "it", "can", "not", "rise", "."]
    ws = [True, True, True, True, False, True, False, False]
    for _ in range(2):
        assert start_tokens(s, idx, text, ws) == [4]
