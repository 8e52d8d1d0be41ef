"""Numbers, dates and times: read in Vietnamese conventions, written in English ones.

`scan(text)` finds every number, date and time in a Vietnamese sentence and gives its
English rendering in the house style below. The glossary enforcement (translit.terms)
protects the converted ones like glossary terms, so the engine carries them through,
and the checks (translit.qa) use the same spans and the English readers here
(`english_numbers`, `english_dates`, `english_times`, `rendered`) to verify them.

House style (AP-like; months always spelled out):

- numbers: `1.500.000` → `1,500,000`; `2,5` → `2.5`; `2,5%` → `2.5%`; `1.500,75` →
  `1,500.75`; plain integers (`27`, `2021`) stay as written;
- dates: `7 tháng 12 năm 2021`, `7/12/2021`, `7.12.2021`, `7-12-2021` → `December 7,
  2021`; `tháng 12 năm 2021`, `tháng 12/2021` → `December 2021`; `tháng 6` → `June`;
  `năm 2018` → `2018`; a day and month (`7.12`, `7/12`, `7-12`, `7 tháng 12`) only after
  a cue word (`ngày`, `hôm`, `sáng`, `trưa`, `chiều`, `tối`, `đêm`, `khuya`, `rạng
  sáng`, `mùng`/`mồng`, `nay`, `qua`, a weekday such as `thứ Ba`, optionally with `(`)
  → `December 7`, or before a year (`7/12 năm 2021` → `December 7, 2021`); the cue
  word itself stays for the engine to translate;
- times: `20h30`, `20:30`, `20 giờ 30 (phút)` → `8:30 p.m.`; `8h` → `8 a.m.`; `12h` → `noon`;
  `0h` → `midnight`; a part of the day after the time sets a.m./p.m. (`8h tối` →
  `8 p.m.`, `2h đêm` → `2 a.m.`). A bare hour (`8h`, `20 giờ`) is a time only after
  `lúc`, `vào`, `từ`, `đến`, `tới`, `khoảng` or a part of the day, or before one; after
  `trong`, `suốt`, `mất`, `kéo dài`, `gần`, `hơn`, `sau`, `mỗi` it is a duration and
  stays as written.

Never guessed: a form that could be read two ways is left as written and reported
(`Span.ambiguous` says why; translit.qa turns it into an `ambiguous` finding): a day
and month with no cue word (`7.12`, `31/12`), a dotted number that is neither a
Vietnamese decimal nor thousands (`1.5`), a comma number that could be either (`1,500`),
a date that cannot exist after a cue word (`ngày 32/13`), a bare hour with no cue
(`8h`), a day and month in words with no cue and no year (`7 tháng 12`). Left alone and
not reported: version-like and code-like forms (`1.2.3`, `v2.5`, `iOS 16.4`,
`phiên bản 2.5`, `192.168.1.1`), ratios that cannot be dates (`32/63`), simple
fractions (`1/2`, `3/4`), lunar dates (`tháng 7 âm lịch`), durations (`trong 8h`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

Kind = Literal["number", "date", "time"]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# AP abbreviations (and the usual variants) an English text may use instead
_MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip

SCALES = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "vạn": 10_000, "triệu": 10**6, "tỷ": 10**9}


@dataclass(frozen=True)
class Span:
    """A number, date or time at text[start:end] of a Vietnamese sentence."""

    start: int
    end: int
    text: str  # as written in the source
    kind: Kind
    english: str  # the house-style English; equal to `text` when nothing changes
    ambiguous: str = ""  # why it was left as written, when it could be read two ways
    scale: int = 1  # a following triệu, tỷ, nghìn ... (2,5 triệu: 2.5 and 2,500,000)

    @property
    def converted(self) -> bool:
        return not self.ambiguous and self.english != self.text


# --- reading Vietnamese -----------------------------------------------------------

_I = re.IGNORECASE
_PART_OF_DAY = r"(?:rạng sáng|sáng|trưa|chiều|tối|đêm|khuya)"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
# Words right before a day and month that make it a date ("tối 7.12", "thứ Ba (7.12)").
_DATE_CUE = re.compile(
    rf"(?<!\w)(?:ngày|hôm|mùng|mồng|nay|qua|{_PART_OF_DAY}|{_WEEKDAY})\s*[(,]?\s*$", _I
)
_TIME_CUE_BEFORE = re.compile(rf"(?<!\w)(?:lúc|vào|từ|đến|tới|khoảng|{_PART_OF_DAY})\s+$", _I)
_TIME_CUE_AFTER = re.compile(rf"\s+(?:{_PART_OF_DAY}|ngày|hôm)(?!\w)", _I)
_DURATION_CUE = re.compile(r"(?<!\w)(?:trong|suốt|mất|kéo dài|gần|hơn|sau|mỗi)\s+$", _I)
_LUNAR = re.compile(r"\s*\(?\s*(?:âm lịch|AL)(?!\w)")
# Before a version number: "phiên bản 2.5", "bản 7.12", "chuẩn 802.11", or a product
# name "iOS 16.4".
_VERSION_CUE = re.compile(
    r"(?<!\w)(?:(?i:phiên bản|bản|chuẩn|version|ver)|[A-Za-z]*[A-Z][A-Za-z]*)\s+$"
)

_CANDIDATE = re.compile(r"(?<![\w.,/:])\d|(?<!\w)(?:tháng|năm)(?=\s+\d)", _I)
_NOT_AFTER = r"(?![.,/]\d)(?!\d)"
_FULL_WORDS = re.compile(
    rf"(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+|\s*([/.-])\s*)(\d{{4}}){_NOT_AFTER}", _I
)
_DAY_MONTH_WORDS = re.compile(rf"(\d{{1,2}})\s+tháng\s+(\d{{1,2}}){_NOT_AFTER}", _I)
_MONTH_YEAR = re.compile(rf"tháng\s+(\d{{1,2}})(?:\s+năm\s+|\s*[/.-]\s*)(\d{{4}}){_NOT_AFTER}", _I)
_MONTH = re.compile(rf"tháng\s+(\d{{1,2}}){_NOT_AFTER}", _I)
_YEAR = re.compile(rf"năm\s+(\d{{4}}){_NOT_AFTER}", _I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\w/])(?![.,-]\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})([./-])(\d{1,2})(?:\s+năm\s+(\d{4}))?(?![\w/])(?![.,-]\d)", _I)
_CLOCK_H = re.compile(
    r"(\d{1,2})h(?:(\d{2})(?:'|p(?!\w))?)?(?!\w)|(\d{1,2}):(\d{2})(?![\d:]|[.,]\d)"
)
_CLOCK_WORDS = re.compile(r"(\d{1,2})\s+giờ(?:\s+(\d{1,2})(?:\s+phút)?(?!\w))?(?!\w)", _I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_SCALE_AFTER = re.compile(r"\s*(trăm|nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\w)", _I)
_SIMPLE_FRACTIONS = {(1, 2), (1, 3), (2, 3), (1, 4), (3, 4)}


def _valid_date(day: int, month: int, year: int = 2000) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def date_english(day: int | None, month: int | None, year: int | None) -> str:
    """`December 7, 2021`, `December 7`, `December 2021`, `June` or `2018`."""
    if month is None:
        return str(year)
    name = MONTHS[month - 1]
    if day is None:
        return f"{name} {year}" if year else name
    return f"{name} {day}, {year}" if year else f"{name} {day}"


def time_english(hour: int, minute: int) -> str:
    """`8:30 p.m.`, `8 a.m.`, `noon`, `midnight` (24-hour input)."""
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "noon"
    suffix = "a.m." if hour < 12 else "p.m."
    clock = hour % 12 or 12
    return f"{clock}:{minute:02d} {suffix}" if minute else f"{clock} {suffix}"


def _day_part_hour(hour: int, after: str) -> int:
    """A 12-hour reading made 24-hour by the part of the day written after it."""
    m = re.match(rf"\s+(?:giờ\s+)?({_PART_OF_DAY})(?!\w)", after, _I)
    if not m or hour > 12:
        return hour
    part = m.group(1).lower()
    if part in ("chiều", "tối") and 1 <= hour <= 11:
        return hour + 12
    if part in ("đêm", "khuya"):
        return 0 if hour == 12 else hour + 12 if 6 <= hour <= 11 else hour
    if part == "trưa" and 1 <= hour <= 5:
        return hour + 12
    return hour


def _vi_decimal(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


class _Scanner:
    """One left-to-right pass over a sentence; each reader returns a Span, or the end of
    a stretch to leave alone (an int), or None when its form is not there."""

    def __init__(self, text: str) -> None:
        self.text = text

    def before(self, start: int) -> str:
        return self.text[max(0, start - 40) : start]

    def lunar(self, end: int) -> bool:
        return _LUNAR.match(self.text, end) is not None

    def span(self, m: re.Match[str], kind: Kind, english: str, ambiguous: str = "") -> Span:
        text = m.group()
        return Span(m.start(), m.end(), text, kind, text if ambiguous else english, ambiguous)

    def date(self, m: re.Match[str], day: int | None, month: int, year: int | None) -> Span | int:
        if self.lunar(m.end()):
            return m.end()
        return self.span(m, "date", date_english(day, month, year))

    def full_words(self, pos: int) -> Span | int | None:
        m = _FULL_WORDS.match(self.text, pos)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(4))
        if not _valid_date(day, month, year):
            return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
        return self.date(m, day, month, year)

    def day_month_words(self, pos: int) -> Span | int | None:
        m = _DAY_MONTH_WORDS.match(self.text, pos)
        if not m:
            return None
        day, month = int(m.group(1)), int(m.group(2))
        if not _DATE_CUE.search(self.before(pos)):
            if 1 <= month <= 12 and 1 <= day <= 31:
                return self.span(
                    m, "date", "", f"“{m.group()}” could be a date or a number of months"
                )
            return None
        if not _valid_date(day, month):
            return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
        return self.date(m, day, month, None)

    def month_year(self, pos: int) -> Span | int | None:
        m = _MONTH_YEAR.match(self.text, pos)
        if not m or not 1 <= int(m.group(1)) <= 12:
            return None
        return self.date(m, None, int(m.group(1)), int(m.group(2)))

    def month(self, pos: int) -> Span | int | None:
        m = _MONTH.match(self.text, pos)
        if not m or not 1 <= int(m.group(1)) <= 12:
            return None  # "lương tháng 13" (a 13th-month bonus) is not a month
        return self.date(m, None, int(m.group(1)), None)

    def year(self, pos: int) -> Span | int | None:
        m = _YEAR.match(self.text, pos)
        return self.span(m, "date", m.group(1)) if m else None

    def numeric_date(self, pos: int) -> Span | int | None:
        m = _NUMERIC_DATE.match(self.text, pos)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not _valid_date(day, month, year):
            return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
        return self.date(m, day, month, year)

    def day_month(self, pos: int) -> Span | int | None:
        """A day and month (`7.12`, `7/12`, `7-12`), a date after a cue word or before
        `năm 2021`; without either, a slash or dot form is ambiguous."""
        m = _DAY_MONTH.match(self.text, pos)
        if not m:
            return None
        day, sep, month = int(m.group(1)), m.group(2), int(m.group(3))
        year = int(m.group(4)) if m.group(4) else None
        valid = _valid_date(day, month, year or 2000)
        if year is not None or _DATE_CUE.search(self.before(pos)):
            if not valid:
                return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
            return self.date(m, day, month, year)
        if sep == "-":
            return m.end()  # a range ("7-12 tuổi") or a score, not a date
        if sep == "/" and (not valid or (day, month) in _SIMPLE_FRACTIONS):
            return m.end()  # a ratio (32/63 tỉnh) or a fraction (1/2)
        if sep == "." and _VERSION_CUE.search(self.before(pos)):
            return m.end()  # "phiên bản 2.5", "iOS 16.4"
        if not valid:
            return None  # the number reader says why 2.75 is neither decimal nor thousands
        other = "a fraction" if sep == "/" else "a number"
        reading = date_english(day, month, None)
        return self.span(m, "date", "", f"“{m.group()}” could be {reading} or {other}")

    def clock(self, pos: int) -> Span | int | None:
        m = _CLOCK_H.match(self.text, pos) or _CLOCK_WORDS.match(self.text, pos)
        if not m:
            return None
        colon = m.re is _CLOCK_H and m.group(3) is not None  # 20:30
        hour = int(m.group(3) if colon else m.group(1))
        minutes = m.group(4) if colon else m.group(2)
        minute = int(minutes or 0)
        if hour > 23 or minute > 59:
            return m.end()  # "48h", "24h": a duration
        before, after = self.before(pos), self.text[m.end() :]
        if minutes is None:
            if _DURATION_CUE.search(before):
                return m.end()
            if not (_TIME_CUE_BEFORE.search(before) or _TIME_CUE_AFTER.match(after)):
                if "giờ" in m.group().lower():
                    return m.end()  # "8 giờ" alone is as often hours as o'clock
                return self.span(
                    m, "time", "", f"“{m.group()}” could be a time or a number of hours"
                )
        return self.span(m, "time", time_english(_day_part_hour(hour, after), minute))

    def number(self, pos: int) -> Span | int | None:
        m = _NUMBER.match(self.text, pos)
        if not m:
            return None
        text = m.group()
        span: Span
        if text.isdigit():
            span = self.span(m, "number", text)
        elif _THOUSANDS.fullmatch(text):
            value = _vi_decimal(text)
            span = self.span(m, "number", _english_number(value, text))
        elif "." not in text and text.count(",") == 1:
            whole, fraction = text.split(",")
            if len(fraction) == 3 and whole != "0" and len(whole) <= 3:
                span = self.span(
                    m, "number", "", f"“{text}” could be {whole}.{fraction} or {whole},{fraction}"
                )
            else:
                span = self.span(m, "number", f"{whole}.{fraction}")
        elif "," not in text and text.count(".") == 1:
            if _VERSION_CUE.search(self.before(pos)):
                return m.end()
            span = self.span(
                m,
                "number",
                "",
                f"“{text}” is neither a Vietnamese decimal ({text.replace('.', ',')}) "
                "nor thousands (1.500)",
            )
        else:
            return m.end()  # 1.2.3, 192.168.1.1, 0912.345.678: codes, left alone
        scale = _SCALE_AFTER.match(self.text, m.end())
        if scale:
            word = scale.group(1).lower()
            span = Span(
                span.start, span.end, span.text, span.kind, span.english, span.ambiguous,
                SCALES["tỷ" if word == "tỉ" else word],
            )  # fmt: skip
        return span

    def scan(self) -> list[Span]:
        spans: list[Span] = []
        pos = 0
        digit_readers: list[Callable[[int], Span | int | None]] = [
            self.full_words,
            self.day_month_words,
            self.numeric_date,
            self.clock,
            self.day_month,
            self.number,
        ]
        word_readers: list[Callable[[int], Span | int | None]] = [
            self.month_year,
            self.month,
            self.year,
        ]
        for c in _CANDIDATE.finditer(self.text):
            if c.start() < pos:
                continue
            readers = digit_readers if c.group().isdigit() else word_readers
            for read in readers:
                found = read(c.start())
                if found is None:
                    continue
                if isinstance(found, Span):
                    spans.append(found)
                    pos = found.end
                else:
                    pos = found
                break
        return spans


def _english_number(value: Decimal, text: str) -> str:
    decimals = len(text.split(",")[1]) if "," in text else 0
    return f"{value:,.{decimals}f}"


def scan(text: str) -> list[Span]:
    """Every number, date and time in a Vietnamese sentence, left to right."""
    return _Scanner(text).scan()


# --- reading English ---------------------------------------------------------------

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
_EN_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![,.]?\d)"
    r"(?:\s*(thousand|million|billion|trillion|k|m|bn)(?!\w))?",
    _I,
)
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def english_numbers(text: str) -> set[Decimal]:
    """Every number an English text states: digits (`1,500,000`, `2.5`), the same
    scaled (`2.5 million` gives 2.5 and 2,500,000), number words up to twenty, the
    tens, ordinals, `a`/`an` (1), `half` and Roman numerals (`World War II`)."""
    values: set[Decimal] = set()
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
    _I,
)


def english_times(text: str) -> set[tuple[int, int]]:
    """Times of day an English text states, as (hour, minute) on a 24-hour clock:
    `8:30 p.m.`, `8 pm`, `20:30`, `20.30`, `2030 GMT`, `noon`, `midnight`, `8 o'clock`."""
    times: set[tuple[int, int]] = set()
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
    `December 7`, `20:30` for `8:30 p.m.`."""
    if kind == "number":
        want = english_numbers(target)
        return bool(want) and not want.isdisjoint(english_numbers(english))
    if kind == "time":
        want_times = english_times(target)
        return bool(want_times) and not want_times.isdisjoint(english_times(english))
    date = _most_specific(english_dates(target))
    return date is not None and any(_agrees(date, d) for d in english_dates(english))


def span_values(span: Span) -> set[Decimal]:
    """The values a (not ambiguous) number span may take in English: its own and,
    after triệu, tỷ, nghìn ..., the scaled one (`2,5 triệu`: 2.5 and 2,500,000)."""
    try:
        value = Decimal(span.english.replace(",", ""))
    except InvalidOperation:
        return set()
    return {value.normalize(), (value * span.scale).normalize()}
