"""Reading English: the numbers, dates and times an English text states, in any usual form.

The checks (translit.qa) and the glossary enforcement ask here whether the English
states what a Vietnamese span (translit.conventions.scanner) says: `english_numbers`,
`english_dates`, `english_times`, and `rendered` for a house-style rendering.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from translit.conventions.scanner import MONTHS, Kind, Span
from translit.conventions.words import DECADE_WORDS as _DECADE_WORDS
from translit.conventions.words import ordinal_word, word_numbers

_EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
              "trillion": 10**12, "dozen": 12, "k": 10**3, "m": 10**6, "bn": 10**9}  # fmt: skip
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
# Abbreviations a number may be glued to: a page ("p109", "pp.12-14"), a number ("No.5").
NUMBER_LABELS = ("p", "pp", "p.", "pp.", "No.", "no.")
# Where a number starts in English: not inside a word or another number, but right
# after a currency code or a label.
EN_NUMBER_START = (
    "(?:(?<![\\w.,])|"
    + "|".join(rf"(?<=\b{re.escape(c)})" for c in (*CURRENCY_CODES, *NUMBER_LABELS))
    + ")"
)
_EN_NUMBER = re.compile(
    EN_NUMBER_START + r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![,.]?\d)"
    r"(?:\s*(hundred|thousand|million|billion|trillion|dozen|k|m|bn)(?!\w))?",
    re.IGNORECASE,
)
_EN_QUARTER = re.compile(r"(?<![\w.,])Q([1-4])(?!\w)")  # "Q1 2024" states 1 (quý 1)
_EN_ROMAN = re.compile(r"\b[IVX]+\b")
# "the 1990s", "the mid-1990s" state the decade's two digits too ("những năm 90")
_EN_DECADE = re.compile(r"(?<![\w.,])(?:1[5-9]|20)(\d0)s\b")
# "1995-96", "2019/20": the second year written with two digits ("1995-1996")
_EN_YEAR_SPAN = re.compile(r"(?<![\w.,])((?:1[5-9]|20)\d\d)\s*[-–/]\s*(\d\d)(?!\d|[,.]\d)")
# "2 hours and a half": a count, one word, `and a half`
_EN_DIGITS_AND_A_HALF = re.compile(r"(?<![\w.,])(\d+)\s+[A-Za-z]+\s+and\s+(?:a|one)\s+half\b", re.I)


def english_numbers(text: str) -> set[Decimal]:
    """Every number an English text states: digits (`1,500,000`, `2.5`, also after a
    currency code: `VND1,500,000`), the same scaled (`2.5 million` gives 2.5 and
    2,500,000; `3 hundred`, `2 dozen`), numbers in words (`Thirty-five thousand eight
    hundred thirty`, `two and a half billion`, `a dozen`, ordinals, plurals such as
    `fours`: translit.conventions.words), `a`/`an` (1), `half`, Roman numerals (`World
    War II`), quarters (`Q1`), the two digits of a decade (`the 1990s`: 90) and the
    second year of a season (`1995-96`: 1996)."""
    values = {Decimal(m.group(1)) for m in _EN_QUARTER.finditer(text)}
    for m in _EN_NUMBER.finditer(text):
        try:
            value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        values.add(value.normalize())
        if m.group(3):
            values.add((value * _EN_SCALES[m.group(3).lower()]).normalize())
    values |= word_numbers(text)
    values |= {Decimal(_ROMAN[m.group()]) for m in _EN_ROMAN.finditer(text) if m.group() in _ROMAN}
    values |= {Decimal(m.group(1)) for m in _EN_DECADE.finditer(text)}
    for m in _EN_YEAR_SPAN.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        century = first // 100 * 100 + (100 if last < first % 100 else 0)
        values.add(Decimal(century + last))
    values |= {Decimal(m.group(1)) + Decimal("0.5") for m in _EN_DIGITS_AND_A_HALF.finditer(text)}
    return values


# Month names and their AP abbreviations (and the usual variants: Sept, Jun, Jul),
# written as prefixes so the pattern stays small: the first three letters name the month.
_MONTH_ALTERNATIVES = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH_NUMBERS = {name[:3]: i + 1 for i, name in enumerate(MONTHS)}
_ORDINAL_DAYS = {ordinal_word(n): n for n in range(1, 32)}
_DAY_ALTERNATIVES = (  # first ... thirty-first
    "(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty-first"
    "|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth"
)


def _month(n: str = "") -> str:
    return rf"(?P<month{n}>{_MONTH_ALTERNATIVES})\.?"


def _day(n: str = "", words: bool = False) -> str:
    """`7`, `7th`, `the 7th`; with words also `seventh`, `the seventh` (single dates
    only: a range in words is rare, and each alternation costs start-up time)."""
    ordinals = rf"|(?i:{_DAY_ALTERNATIVES})(?![\w-])" if words else ""
    return rf"(?:the\s+)?(?P<day{n}>\d{{1,2}}(?:st|nd|rd|th)?(?!\d){ordinals})"


def _year(n: str = "") -> str:
    return rf"(?P<year{n}>\d{{4}})(?!\d)"


_TO = r"(?:\s*[-–—]\s*|\s+(?:to|and|through|until|till|thru)\s+(?:the\s+)?)"
_MONTH_DAY = rf"{_month()}\s+{_day(words=True)}"
_DAY_MONTH = rf"(?<![\w,.]){_day(words=True)}\s+(?:of\s+)?{_month()}"
_YEAR_AFTER = rf"(?:,?\s+(?:of\s+)?{_year()})?"
# Ranges first, then single dates; the first that matches at the leftmost place wins.
# A range gives both ends, each with the year it ends with: "May 20-22, 2023",
# "20 to 22 May 2023", "November 28 to December 2, 2022", "January-February 2024".
_EN_DATES = [
    re.compile(
        rf"(?<!\w){_month('1')}\s+{_day('1')}(?:,?\s+{_year('1')})?{_TO}"
        rf"{_month()}\s+{_day()}{_YEAR_AFTER}"
    ),
    re.compile(
        rf"(?<![\w,.]){_day('1')}\s+(?:of\s+)?{_month('1')}(?:,?\s+{_year('1')})?{_TO}"
        rf"{_day()}\s+(?:of\s+)?{_month()}{_YEAR_AFTER}"
    ),
    re.compile(rf"(?<!\w){_month()}\s+{_day('1')}{_TO}{_day()}{_YEAR_AFTER}"),
    re.compile(rf"(?<![\w,.]){_day('1')}{_TO}{_day()}\s+(?:of\s+)?{_month()}{_YEAR_AFTER}"),
    re.compile(rf"(?<!\w){_month('1')}(?:\s+{_year('1')})?{_TO}{_month()}{_YEAR_AFTER}(?!\s*\d)"),
    re.compile(rf"(?<!\w){_MONTH_DAY}{_YEAR_AFTER}"),
    re.compile(rf"{_DAY_MONTH}{_YEAR_AFTER}"),
    re.compile(rf"(?<!\w){_month()}(?:\s+(?:of\s+)?{_year()})?(?!\w)"),
    re.compile(r"(?<![\w,.])(?P<year>[12]\d{3})(?!\d|[,.]\d)"),
    # a decade: "the '90s", "the nineties" (1990; "the '20s" may be 1920 or 2020)
    re.compile(r"(?<![\w])['‘’](?P<decade>\d0)s\b"),
    re.compile(rf"(?i:(?<!\w)(?P<decade_word>{'|'.join(_DECADE_WORDS)})(?!\w))"),
]
DateParts = tuple[int | None, int | None, int | None]  # year, month, day


def _date_parts(groups: dict[str, str | None], n: str = "") -> DateParts:
    month, day, year = groups.get(f"month{n}"), groups.get(f"day{n}"), groups.get(f"year{n}")
    return (
        int(year) if year else None,
        _MONTH_NUMBERS[month[:3]] if month else None,
        _ORDINAL_DAYS.get(day.lower()) or int(day.rstrip("stndrh")) if day else None,
    )


def _decade(tens: int) -> list[DateParts]:
    """`the '90s` is 1990; `the '20s` may be 1920 or 2020."""
    years: list[DateParts] = [(1900 + tens, None, None)]
    return years + ([(2000 + tens, None, None)] if tens <= 20 else [])


def _mention(m: re.Match[str]) -> list[DateParts]:
    """The dates one match states: a date, both ends of a range, or a decade's years."""
    groups = m.groupdict()
    if groups.get("decade"):
        return _decade(int(groups["decade"]))
    if groups.get("decade_word"):
        return _decade(_DECADE_WORDS[groups["decade_word"].lower()])
    last = _date_parts(groups)
    if "month1" not in groups and "day1" not in groups:
        return [last]
    first = _date_parts(groups, "1")
    year, month, day = first
    month = month or last[1]  # "May 20-22": the month of both ends
    if year is None and last[0] is not None:  # the range ends in its year ...
        before = (month or 0, day or 0) <= (last[1] or 0, last[2] or 0)
        year = last[0] if before else last[0] - 1  # ... or starts the year before
    return [(year, month, day), last]


def _mentions(text: str) -> list[list[DateParts]]:
    """Every date an English text mentions, left to right, each mention read once by
    the first pattern that fits at its place."""
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for rank, pattern in enumerate(_EN_DATES):
        found += [(m.start(), rank, m.end(), m) for m in pattern.finditer(text)]
    mentions: list[list[DateParts]] = []
    end = 0
    for start, _, stop, m in sorted(found, key=lambda f: f[:2]):
        if start >= end:
            mentions.append(_mention(m))
            end = stop
    return mentions


def english_dates(text: str) -> list[DateParts]:
    """Dates an English text states, as (year, month, day) with None for what it lacks;
    a bare year counts as a date (`2018`), a month name alone too (`June`), both ends of
    a range (`May 20-22, 2023`, `November 28 to December 2, 2022`) and a decade's first
    year (`the 1990s`, `the '90s`, `the nineties`)."""
    return [date for mention in _mentions(text) for date in mention]


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


# A part of the day a few words after a time ("10:08 on Monday night", "8:30 in the
# evening") makes a 12-hour reading of it.
_EN_PART_OF_DAY = re.compile(
    r"(?:\s+(?:at|in|on|of|this|that|the|\w*day))*\s+"
    r"(?P<part>night|evening|afternoon|tonight|morning)\b",
    re.IGNORECASE,
)


def _later_in_the_day(hour: int, text: str, end: int) -> int:
    """The hour on a 24-hour clock, given a part of the day written after it."""
    m = _EN_PART_OF_DAY.match(text, end)
    if m is None or not 1 <= hour <= 12:
        return hour
    part = m.group("part").lower()
    if part in ("evening", "afternoon", "tonight") and hour < 12:
        return hour + 12
    if part == "night":
        return 0 if hour == 12 else hour + 12 if hour >= 6 else hour
    return hour


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
            hour, minute = int(m.group("h24")), int(m.group("m24"))
            times.add((_later_in_the_day(hour, text, m.end()), minute))
        elif m.group("hmil"):
            times.add((int(m.group("hmil")), int(m.group("mmil"))))
        else:
            hour = int(m.group("h")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            times.add((hour, int(m.group("m") or 0)))
    return times


def _agrees(want: DateParts, have: DateParts) -> bool:
    return all(w is None or w == h for w, h in zip(want, have, strict=True))


def rendered(kind: Kind, target: str, english: str) -> bool:
    """Whether `english` states what `target` (a house-style rendering) says, in any
    usual English form: `1.5 million` for `1,500,000`, `Dec. 7` or `7 December` for
    `December 7`, `20:30` for `8:30 p.m.`; a range (`January-February`, `May 20-22`)
    needs both ends."""
    if kind == "number":
        want = english_numbers(target)
        return bool(want) and not want.isdisjoint(english_numbers(english))
    if kind == "time":
        want_times = english_times(target)
        return bool(want_times) and not want_times.isdisjoint(english_times(english))
    wanted = english_dates(target)
    found = english_dates(english)
    return bool(wanted) and all(any(_agrees(want, have) for have in found) for want in wanted)


def stated(span: Span, values: set[Decimal]) -> bool:
    """Whether an English text with these numbers (`english_numbers`) states a number
    span: all the values of one of its readings (`3 giờ 30 phút`: 3 and 30, or 210)."""
    return any(reading <= values for reading in span.readings)


def span_values(span: Span) -> set[Decimal]:
    """The single values a number span may take in English: its own and, after triệu,
    tỷ, nghìn ..., the scaled one (`2,5 triệu`: 2.5 and 2,500,000)."""
    return {value for reading in span.readings if len(reading) == 1 for value in reading}
