"""Numbers: every numeric claim as data — value × scale, currency or unit, range, qualifier, date, subject.

One module per pass:

- `grammar`: reads an amount at one offset with our own grammar (qualifier? currency? number scale*
  (range)? currency|percent|unit?) into an `amount.Amount`; spelled numbers, fractions and orders of
  magnitude are read by `words`, what follows a number by `suffix`, small forms around it (glued scales,
  "a dollar", "half of", rates) by `forms`; `vocab` compiles its words from the lexicon folder, `currency`
  reads the one currency registry (lexicon/currencies.json) and the reference rates beside it;
- `candidates`: per segment, the grammar scanned at every token start where `starts` says an amount can
  begin (it finds what the model mislabels or misses, "Rs 5 crore", "€2.5bn", "7nm", and never starts
  inside a token, so "H200" cannot yield 200), then spaCy's numeric entities for the rest (word-number
  counts, durations) and dates (`datephrases` finds those the model missed; resolved with
  `dates.resolve_date`); bare numbers go through `filters` (product and model codes, section and route
  numbers, phone numbers and ids are never facts); `offsets` answers which tokens overlap a range from the
  segment's `TokenTable` (the passes read its lists, not the Doc);
- `meaning`: each fact's sentence, subject entity, measure word, period date, a stated equivalent
  ("100 billion yuan (US$14.3 billion)") and a US-dollar value; `extract` runs the passes.
"""
from __future__ import annotations

from .currency import fx_table, usd_rate
from .extract import extract_numbers
from .grammar import Amount, parse_amount

__all__ = ["Amount", "extract_numbers", "fx_table", "parse_amount", "usd_rate"]
