"""Reading English: the numbers, dates and times an English text states, in any usual form.

The checks (translit.qa) and the glossary enforcement ask here whether the English
states what a Vietnamese span (translit.conventions.scanner) says: `english_numbers`,
`english_dates`, `english_times`, and `rendered` for a house-style rendering.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from translit.conventions.scanner import MONTHS, Kind, Span

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "hundred": 100, "dozen": 12, "a": 1, "an": 1, "single": 1,
         "half": Decimal("0.5"), "once": 1, "twice": 2, "both": 2}  # fmt: skip
_WORD_VALUES: dict[str, Decimal] = {
    **{w: Decimal(i) for i, w in enumerate(_SMALL)},
    **{w: Decimal(i) for i, w in enumerate(_ORDINALS)},
    **{w: Decimal(v) for w, v in _TENS.items()},
}
_TENS_WORDS = {"twenty": 20} | {
    w: v for w, v in _TENS.items() if isinstance(v, int) and v % 10 == 0 and v < 100
}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
              "k": 10**3, "m": 10**6, "bn": 10**9}  # fmt: skip
# Roman numerals from II to XXXIX (World War II, Pope Benedict XVI); I, V, X alone
# are too often a pronoun or a letter.
_ROMAN = {
    tens * "X" + unit: 10 * tens + value
    for tens in range(4)
    for value, unit in enumerate(("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"))
    if 10 * tens + value > 1 and tens * "X" + unit not in ("V", "X")
}
# Currency codes written right before an amount ("VND1,500,000", "USD2.5 million"); a
# symbol ("$", "US$", "€") is no letter and needs no entry.
CURRENCY_CODES = (
    "VND", "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "KRW", "THB", "SGD", "AUD", "CAD",
    "HKD", "TWD", "INR", "RUB", "CHF", "NZD", "MYR", "IDR", "PHP", "LAK", "KHR", "MMK",
)  # fmt: skip
# Where a number starts in English: not inside a word or another number, but right
# after a currency code.
EN_NUMBER_START = "(?:(?<![\\w.,])|" + "|".join(rf"(?<=\b{c})" for c in CURRENCY_CODES) + ")"
_EN_NUMBER = re.compile(
    EN_NUMBER_START + r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![,.]?\d)"
    r"(?:\s*(thousand|million|billion|trillion|k|m|bn)(?!\w))?",
    re.IGNORECASE,
)
_EN_QUARTER = re.compile(r"(?<![\w.,])Q([1-4])(?!\w)")  # "Q1 2024" states 1 (quý 1)
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def english_numbers(text: str) -> set[Decimal]:
    """Every number an English text states: digits (`1,500,000`, `2.5`, also after a
    currency code: `VND1,500,000`), the same scaled (`2.5 million` gives 2.5 and
    2,500,000), number words up to twenty, the tens, ordinals, `a`/`an` (1), `half`,
    Roman numerals (`World War II`) and quarters (`Q1`)."""
    values = {Decimal(m.group(1)) for m in _EN_QUARTER.finditer(text)}
    for m in _EN_NUMBER.finditer(text):
        try:
            value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        values.add(value.normalize())
        if m.group(3):
            values.add((value * _EN_SCALES[m.group(3).lower()]).normalize())
    for m in _EN_WORD.finditer(text):
        parts = m.group().split("-")
        for part in parts:
            if part.lower() in _WORD_VALUES:
                values.add(_WORD_VALUES[part.lower()].normalize())
            elif part in _ROMAN:
                values.add(Decimal(_ROMAN[part]))
        if len(parts) == 2 and parts[0].lower() in _TENS_WORDS:  # twenty-seven
            unit = _WORD_VALUES.get(parts[1].lower())
            if unit is not None and 0 < unit < 10:
                values.add(Decimal(_TENS_WORDS[parts[0].lower()]) + unit)
    return values


# AP abbreviations (and the usual variants) an English text may use instead
_MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTH_NAMES = {name: i + 1 for i, name in enumerate(MONTHS)} | _MONTH_ABBREVIATIONS
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_EN_DATES = [
    re.compile(rf"(?<!\w){_MONTH_RE}\s+{_DAY_RE}(?!\d)(?:,?\s+(?P<year>\d{{4}})(?!\d))?"),
    re.compile(rf"(?<![\w,.]){_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}})(?!\d))?"),
    re.compile(rf"(?<!\w){_MONTH_RE}(?:\s+(?:of\s+)?(?P<year>\d{{4}})(?!\d))?(?!\w)"),
    re.compile(r"(?<![\w,.])(?P<year>[12]\d{3})(?!\d|[,.]\d)"),
]
DateParts = tuple[int | None, int | None, int | None]  # year, month, day


def english_dates(text: str) -> list[DateParts]:
    """Dates an English text states, as (year, month, day) with None for what it lacks;
    a bare year counts as a date (`2018`), a month name alone too (`June`)."""
    found: list[DateParts] = []
    for pattern in _EN_DATES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = _MONTH_NAMES[groups["month"]] if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            found.append((year, month, day))
    return found


_EN_TIMES = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?\s?m(?:\.|(?!\w))"
    r"|(?<![\w:.,])(?P<h24>\d{1,2})[:.h](?P<m24>\d{2})(?!\d|[.,]\d)"
    r"|(?<![\w:.,])(?P<hmil>[01]\d|2[0-3])(?P<mmil>[0-5]\d)\s*(?:GMT|UTC|hours|hrs)(?!\w)"
    r"|(?<!\w)(?P<word>noon|midday|midnight)(?!\w)"
    r"|(?<![\w:.])(?P<oclock>\d{1,2})\s+o['’]clock",
    re.IGNORECASE,
)


# The first time of a range takes the a.m. or p.m. written after the second one
# ("10:00-11:00 pm", "10 to 11 p.m."), or the other one if the range crosses noon or
# midnight ("11-1 pm").
_EN_TIME_RANGE = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?:-|–|—|to|and|until)\s*"
    r"(?P<h2>\d{1,2})(?:[:.]\d{2})?\s*(?P<ampm>[ap])\.?\s?m(?:\.|(?!\w))",
    re.IGNORECASE,
)


def english_times(text: str) -> set[tuple[int, int]]:
    """Times of day an English text states, as (hour, minute) on a 24-hour clock:
    `8:30 p.m.`, `8 pm`, `20:30`, `20.30`, `2030 GMT`, `noon`, `midnight`, `8 o'clock`,
    the first time of `10:00-11:00 pm`."""
    times: set[tuple[int, int]] = set()
    for m in _EN_TIME_RANGE.finditer(text):
        first, second = int(m.group("h")), int(m.group("h2"))
        if first > 12:
            continue
        pm = (m.group("ampm").lower() == "p") != (first % 12 > second % 12)
        times.add((first % 12 + (12 if pm else 0), int(m.group("m") or 0)))
    for m in _EN_TIMES.finditer(text):
        if m.group("word"):
            times.add((0, 0) if m.group("word").lower() == "midnight" else (12, 0))
        elif m.group("oclock"):
            hour = int(m.group("oclock")) % 12
            times |= {(hour, 0), (hour + 12, 0)}
        elif m.group("h24"):
            times.add((int(m.group("h24")), int(m.group("m24"))))
        elif m.group("hmil"):
            times.add((int(m.group("hmil")), int(m.group("mmil"))))
        else:
            hour = int(m.group("h")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            times.add((hour, int(m.group("m") or 0)))
    return times


def _agrees(want: DateParts, have: DateParts) -> bool:
    return all(w is None or w == h for w, h in zip(want, have, strict=True))


def _most_specific(dates: list[DateParts]) -> DateParts | None:
    return max(dates, key=lambda d: sum(x is not None for x in d), default=None)


def rendered(kind: Kind, target: str, english: str) -> bool:
    """Whether `english` states what `target` (a house-style rendering) says, in any
    usual English form: `1.5 million` for `1,500,000`, `Dec. 7` or `7 December` for
    `December 7`, `20:30` for `8:30 p.m.`; a month range (`January-February`) needs
    both months."""
    if kind == "number":
        want = english_numbers(target)
        return bool(want) and not want.isdisjoint(english_numbers(english))
    if kind == "time":
        want_times = english_times(target)
        return bool(want_times) and not want_times.isdisjoint(english_times(english))
    found = english_dates(english)
    for part in target.split("-"):  # a month range: `January-February 2024`
        date = _most_specific(english_dates(part))
        if date is None or not any(_agrees(date, d) for d in found):
            return False
    return True


def span_values(span: Span) -> set[Decimal]:
    """The values a (not ambiguous) number span may take in English: its own and,
    after triệu, tỷ, nghìn ..., the scaled one (`2,5 triệu`: 2.5 and 2,500,000)."""
    try:
        value = Decimal(span.english.replace(",", ""))
    except InvalidOperation:
        return set()
    return {value.normalize(), (value * span.scale).normalize()}
