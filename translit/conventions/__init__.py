"""Numbers, dates and times: read in Vietnamese conventions, written in English ones.

Two halves that meet in `Span`:

- `scanner`: every number, date and time in a Vietnamese sentence (`scan`), with its
  English in the house style (the rules are in that module's docstring);
- `english`: the numbers, dates and times an English text states in any usual form
  (`english_numbers`, `english_dates`, `english_times`, `rendered`), so the checks can
  tell whether the English says what the source says.

This package exports the names callers use; import them from here.
"""

from translit.conventions.english import (
    CURRENCY_CODES,
    EN_NUMBER_START,
    DateParts,
    english_dates,
    english_numbers,
    english_times,
    rendered,
    span_values,
    stated,
)
from translit.conventions.scanner import (
    MONTHS,
    SCALES,
    Kind,
    Span,
    date_english,
    scan,
    time_english,
)

__all__ = [
    "CURRENCY_CODES",
    "EN_NUMBER_START",
    "MONTHS",
    "SCALES",
    "DateParts",
    "Kind",
    "Span",
    "date_english",
    "english_dates",
    "english_numbers",
    "english_times",
    "rendered",
    "scan",
    "span_values",
    "stated",
    "time_english",
]
