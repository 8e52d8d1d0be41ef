"""Reading Vietnamese: every number, date and time in a sentence, and its English.

`scan(text)` finds every number, date and time in a Vietnamese sentence and gives its
English rendering in the house style below. The glossary enforcement (translit.glossary.enforce)
protects the converted ones like glossary terms, so the engine carries them through,
and the checks (translit.qa) use the same spans and the English readers
(translit.conventions.english) to verify them.

House style (AP-like; months always spelled out):

- numbers: `1.500.000` → `1,500,000`; `2,5` → `2.5`; `2,5%` → `2.5%`; `1.500,75` →
  `1,500.75`; plain integers (`27`, `2021`) stay as written;
- dates: `7 tháng 12 năm 2021`, `7/12/2021`, `7.12.2021`, `7-12-2021` → `December 7,
  2021`; `tháng 12 năm 2021`, `tháng 12/2021` → `December 2021`; `tháng 6` → `June`;
  `tháng 1-2` → `January-February` (`tháng 11-12/2021` → `November-December 2021`);
  `năm 2018` → `2018`; a month and year in numbers (`10/2023`) only after `vào`, `từ`,
  `đến`, `tới`, `trong`, `hồi`, `cuối`, `đầu`, `giữa`, `trước`, `sau` → `October 2023`;
  a day and month (`7.12`, `7/12`, `7-12`, `7 tháng 12`) only after a cue word (`ngày`,
  `hôm`, `sáng`, `trưa`, `chiều`, `tối`, `đêm`, `khuya`, `rạng sáng`, `mùng`/`mồng`,
  `nay`, `qua`, a weekday such as `thứ Ba`, optionally with `(`; not after `mỗi`,
  `hằng`, `hàng`, where `ngày` means "a day") → `December 7`, or before a year
  (`7/12 năm 2021` → `December 7, 2021`); the cue word itself stays for the engine to
  translate. A dash form after a cue word is a range of counts, not a date, when a
  count word follows (`ngày 2-3 lần`, `hôm qua 3-4 người`, `sáng 5-6 giờ`: lần, người,
  giờ, chuyến, độ, ngày, tuần, tháng, năm, triệu, tỷ, %, ...); so is a month number
  followed by one (`lương tháng 6 triệu`, `mỗi tháng 2 lần`); a range of days is
  converted whole, with a year or after a cue word: `ngày 20-22/5/2023` → `May 20-22,
  2023`, `ngày 20 đến 22/5` → `May 20 to 22`, `28/11 đến 2/12/2022` → `November 28 to
  December 2, 2022` (across a new year: `December 28, 2022 to January 3, 2023`);
- times: `20h30`, `20 giờ 30 (phút)` → `8:30 p.m.`; `8h` → `8 a.m.`; `12h` → `noon`;
  `0h` → `midnight`; a part of the day after the time sets a.m./p.m. (`8h tối` →
  `8 p.m.`, `2h đêm` → `2 a.m.`), also for the first time of a range (`10:00 – 11:00
  đêm` → `10 p.m.`, `11 p.m.`). A bare hour (`8h`, `20 giờ`) is a time only after
  `lúc`, `vào`, `từ`, `đến`, `tới`, `khoảng` or a part of the day, or before one. A colon
  form (`20:30`) is a time only with such a cue or before `giờ`, `GMT`, `UTC`, `ICT`:
  without one it may be a score or a ratio. After `trong`, `suốt`, `mất`, `kéo dài`,
  `mỗi`, also with `khoảng`, `chừng`, `gần`, `hơn`, `trên`, `dưới`, `tới` in between
  (`mất khoảng 5h`, `mất tới 5h`, `kéo dài 3 giờ 30 phút`), an hour with or without
  minutes is a duration and stays as written; minutes followed by `'`, `"` or seconds (`2h05'`,
  `2 giờ 5 phút 30 giây`) are a race time and stay as written.

Checked as numbers though left as written (`Span.readings` says how English may state
them): durations (`kéo dài hơn 2 giờ`: 2; `3 giờ 30 phút`: 3 and 30, 210 or 3.5; `48h`),
race times (2 and 5), a bare hour (`8 giờ`; `20 giờ`: 20 or 8), ranges of counts and
scores (`ngày 2-3 lần`, `7-12 tuổi`, `thắng 21:19`: both numbers), and an hour that may
be a time or a number of hours (`gần 22h`: 22 or 10), which is also flagged.

Never guessed: a form that could be read two ways is left as written and reported
(`Span.ambiguous` says why; translit.qa turns it into an `ambiguous` finding): a day and
month with no cue word (`7.12`, `31/12`), a dotted number that is neither a Vietnamese
decimal nor thousands (`1.5`), a comma number that could be either (`1,500`), a date
that cannot exist after a cue word (`ngày 32/13`), a bare hour with no cue (`8h`), a day
and month in words with no cue and no year (`7 tháng 12`), a rising dash pair after a
cue word followed by a word that is neither a count nor usual after a date
(`ngày 2-3 Bộ Y tế`: a range is written low to high, a date either way), a month and
year with no cue (`10/2023`, often a document number) or with a round year (`1/2000`,
often a ratio), a colon form with no cue (`17:00 thứ Sáu`), an hour after `gần`, `hơn`,
`sau`, `kéo dài tới` or `đến`, `suốt tới` (`sau 21h30`, `gần 22h`: a time or a number of hours)
or a colon form after a duration word (`mất 1:30`), and a range that crosses noon before
its part of the day (`11:00 – 1:00 chiều`); a range of days with no year and no cue
word (`28/11 đến 2/12`), or one that runs backwards or holds a day that cannot exist
(`22-20/5/2023`), is left whole, never converted in part. Left alone and not reported:
version-like and code-like forms (`1.2.3`, `v2.5`, `iOS 16.4`, `phiên bản 2.5`,
`192.168.1.1`, `Nghị định 10/2023/NĐ-CP`), ratios that cannot be dates (`32/63`),
simple fractions (`1/2`, `3/4`), lunar dates (`tháng 7 âm lịch`), superscripts
(`km<sup>2</sup>`, a footnote mark). After `quý` a number is a quarter (`quý 1/2024`):
it is checked as a number (`Q1 2024` states it), not a month.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

Kind = Literal["number", "date", "time"]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

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
    # How English states it in numbers (a number, or an hour that may be a number of
    # hours): each reading is values that must all be there, and any reading will do
    # (`2,5 triệu`: 2.5, or 2,500,000; `3 giờ 30 phút`: 3 and 30, 210 or 3.5).
    readings: tuple[frozenset[Decimal], ...] = ()

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
# "mỗi ngày", "hằng ngày", "hàng tối": a cue word after these means "per day", not a date
_EVERY = re.compile(r"(?<!\w)(?:mỗi|hằng|hàng)\s+$", _I)
_TIME_CUE_BEFORE = re.compile(rf"(?<!\w)(?:lúc|vào|từ|đến|tới|khoảng|{_PART_OF_DAY})\s+$", _I)
_PART_AFTER = re.compile(rf"\s+(?:giờ\s+)?({_PART_OF_DAY})(?!\w)", _I)
_TIME_CUE_AFTER = re.compile(rf"\s+(?:{_PART_OF_DAY}|ngày|hôm)(?!\w)", _I)
# after a colon form only: "11:00 giờ sáng", "(15:00 UTC)"
_CLOCK_UNIT_AFTER = re.compile(r"\s*(?:giờ|GMT|UTC|ICT)(?!\w)", _I)
# A duration word, perhaps then an estimate ("mất khoảng 5h", "kéo dài hơn 2 giờ").
# gần, hơn, sau, and kéo dài/suốt + tới/đến, start a time of day as well ("gần 22h",
# "sau 21h30", "kéo dài tới 22h"): those are flagged, the others left alone.
_DURATION_CUE = re.compile(
    r"(?<!\w)(?P<cue>trong|suốt|mất|kéo dài|gần|hơn|sau|mỗi)"
    r"(?:\s+(?P<about>khoảng|chừng|gần|hơn|trên|dưới|tới|đến))?\s+$",
    _I,
)
# Right after minutes: a lap or race time ("2h05'", "2h05'30\"", "2 giờ 5 phút 30 giây").
_RACE_TIME_AFTER = re.compile(r"['\"’′″]|\s*\d{1,2}\s*(?:giây|['\"’′″])", _I)
# Right before a colon form: a score or ratio ("thắng 21:19", "tỷ lệ 1:50").
_SCORE_CUE = re.compile(
    r"(?<!\w)(?:t[ỷỉ]\s+(?:lệ|số)|thắng|thua|hòa|hoà|hạ|đánh bại|chung cuộc|cách biệt)"
    r"(?:\s+(?:là|với|khoảng|chỉ))?\s*$",
    _I,
)
# A month and year written as numbers ("10/2023") is one only after these words: bare,
# it is as often a document number ("Nghị định 10/2023/NĐ-CP" is excluded by its "/").
_MONTH_YEAR_CUE = re.compile(r"(?<!\w)(?:vào|từ|đến|tới|trong|hồi|cuối|đầu|giữa|trước|sau)\s+$", _I)
_QUARTER_CUE = re.compile(r"(?<!\w)quý\s+$", _I)
# A count after a number range ("2-3 lần", "3-4 người", "5-6 giờ") or after a month
# number ("lương tháng 6 triệu", "tháng 2 lần"): the numbers are counts, not a date.
_COUNT_WORD = (
    r"lần|lượt|người|giờ|tiếng|phút|giây|chuyến|độ|ngày|đêm|tuần|tháng|"
    r"năm(?!\s+(?:nay|ngoái|qua|trước|tới|sau|đó|này)(?!\w))|"
    r"triệu|tỷ|tỉ|nghìn|ngàn|trăm|vạn|km|m|cm|mm|kg|g|tấn|lít|ml|ha|"
    r"viên|liều|cốc|ly|chai|gói|bữa|cái|con|chiếc|căn|ca|vụ|trận|bàn|điểm|"
    r"học sinh|trẻ|em|hộ|xe|tàu|đồng|USD|đô|tuổi|mét|sao|hạng|vòng|hiệp|set|ván|bậc|cấp"
)
_COUNT_AFTER = re.compile(rf"\s*(?:%|°|(?:{_COUNT_WORD})(?!\w))", _I)
# What follows a date written with a dash ("ngày 2-3, ...", "sáng 2-3 tại Hà Nội").
_DATE_FOLLOWS = re.compile(
    r"\s*(?:$|[,.;:!?)\]”\"…(–-]|(?:tại|ở|vừa|đã|sẽ|đang|tới|này|qua|nay|trước|sau|là|"
    r"khi|lúc|và|hoặc|đến|cho|theo|năm|thông báo|công bố|tuyên bố|khẳng định|diễn ra)(?!\w))",
    _I,
)
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
_MONTH_RANGE = re.compile(
    rf"tháng\s+(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})(?:(?:\s+năm\s+|\s*/\s*)(\d{{4}}))?{_NOT_AFTER}",
    _I,
)
_MONTH = re.compile(rf"tháng\s+(\d{{1,2}}){_NOT_AFTER}(?!\s*[-–]\s*\d)", _I)
_NUMERIC_MONTH_YEAR = re.compile(r"(\d{1,2})/((?:19|20)\d\d)(?![\w/])(?![.,-]\d)")
_YEAR = re.compile(rf"năm\s+(\d{{4}}){_NOT_AFTER}", _I)
# A range of days: "20-22/5/2023", "20 đến 22/5", "20-22 tháng 5 năm 2023" (one month),
# "28/11 đến 2/12/2022", "28 tháng 11 - 2 tháng 12" (two months).
_RANGE_TO = r"(?P<to>\s*[-–]\s*|\s+(?:đến|tới)\s+(?:ngày\s+)?)"
_RANGE_END = r"(?![\w/])(?![.,-]\d)"
_DAY_RANGES = [
    re.compile(
        rf"(?P<d1>\d{{1,2}})(?:[./](?P<m1>\d{{1,2}}))?{_RANGE_TO}"
        rf"(?P<d2>\d{{1,2}})(?P<sep>[./])(?P<m2>\d{{1,2}})"
        rf"(?:(?:(?P=sep)|\s+năm\s+)(?P<year>\d{{4}}))?{_RANGE_END}",
        _I,
    ),
    re.compile(
        rf"(?P<d1>\d{{1,2}})(?:\s+tháng\s+(?P<m1>\d{{1,2}}))?{_RANGE_TO}"
        rf"(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})"
        rf"(?:(?:\s+năm\s+|\s*/\s*)(?P<year>\d{{4}}))?{_RANGE_END}",
        _I,
    ),
]
# a superscript: an exponent ("km<sup>2</sup>") or a footnote mark, not a count
_SUPERSCRIPT = re.compile(r"(?<=<sup>)\d+\s*(?=</sup>)", _I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\w/])(?![.,-]\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})([./-])(\d{1,2})(?:\s+năm\s+(\d{4}))?(?![\w/])(?![.,-]\d)", _I)
_CLOCK_H = re.compile(
    r"(\d{1,2})h(?:(\d{2})(?:'|p(?!\w))?)?(?!\w)|(\d{1,2}):(\d{2})(?![\d:]|[.,]\d)"
)
# the second time of a range ("10:00 – 11:00", "8h-10h", "từ 8 giờ đến 10 giờ")
_CLOCK_RANGE_TAIL = re.compile(
    r"\s*(?:[-–—]|đến|tới)\s*(\d{1,2})(?:[:h]\d{2}|h|\s+giờ(?:\s+\d{1,2}(?:\s+phút)?)?)(?!\w)",
    _I,
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
    m = _PART_AFTER.match(after)
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


def _range_english(
    first: tuple[int, int], last: tuple[int, int], year: int | None, dash: bool
) -> str | None:
    """`May 20-22, 2023`, `November 28 to December 2, 2022`, `December 28, 2022 to
    January 3, 2023`; None unless both ends are dates and the range goes forward."""
    (d1, m1), (d2, m2) = first, last
    start_year = year if year is None or (m1, d1) < (m2, d2) else year - 1
    if (
        (m1, d1) == (m2, d2)
        or (m1 == m2 and d1 > d2)
        or not (_valid_date(d1, m1, start_year or 2000) and _valid_date(d2, m2, year or 2000))
    ):
        return None
    to = "-" if dash else " to "
    if m1 == m2:
        days = f"{MONTHS[m2 - 1]} {d1}{to}{d2}"
        return f"{days}, {year}" if year else days
    start = date_english(d1, m1, start_year if start_year != year else None)
    return f"{start}{to}{date_english(d2, m2, year)}"


def _vi_decimal(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


Readings = tuple[frozenset[Decimal], ...]


def _values(*values: int | Decimal) -> frozenset[Decimal]:
    return frozenset(Decimal(v).normalize() for v in values)


def duration_readings(hours: int, minutes: int | None = None) -> Readings:
    """A number of hours as English states it: `5h` as 5; `3 giờ 30 phút` as 3 and 30,
    as 210 (minutes) or as 3.5 (hours: only for a quarter, a half, three quarters)."""
    if not minutes:
        return (_values(hours),)
    readings: tuple[frozenset[Decimal], ...] = (
        _values(hours, minutes),
        _values(60 * hours + minutes),
    )
    if minutes in (15, 30, 45):
        readings += (_values(Decimal(hours) + Decimal(minutes) / 60),)
    return readings


def hour_readings(hour: int, minutes: int | None = None) -> Readings:
    """An hour that may be a number of hours or a time of day (`gần 22h`, `20 giờ`):
    `22 hours` and `10 p.m.` both state it."""
    readings = duration_readings(hour, minutes)
    if 12 < hour < 24:
        readings += duration_readings(hour - 12, minutes)[:1]
    return readings


@dataclass(frozen=True)
class _Clock:
    """An hour, perhaps with minutes, as written (`20h30`, `20:30`, `8 giờ`), and around it."""

    match: re.Match[str]
    hour: int
    minute: int
    has_minutes: bool
    colon: bool  # 20:30
    before: str  # up to 40 characters before it
    after: str  # the rest of the sentence
    tail: re.Match[str] | None  # the second time of a range with a part of the day after it

    @property
    def text(self) -> str:
        return self.match.group()

    @property
    def hours_or_time(self) -> str:
        return f"“{self.text}” could be a time or a number of hours"

    @property
    def hour_readings(self) -> Readings:
        return hour_readings(self.hour, self.minute)


class _Scanner:
    """One left-to-right pass over a sentence; each reader returns a Span, or the end of
    a stretch to leave alone (an int), or None when its form is not there."""

    def __init__(self, text: str) -> None:
        self.text = text

    def before(self, start: int) -> str:
        return self.text[max(0, start - 40) : start]

    def lunar(self, end: int) -> bool:
        return _LUNAR.match(self.text, end) is not None

    def date_cue(self, pos: int) -> bool:
        """A date cue word right before pos, and not one that means "per day" (`mỗi
        ngày`, `hằng ngày`, `hàng tối`)."""
        before = self.before(pos)
        cue = _DATE_CUE.search(before)
        return cue is not None and not _EVERY.search(before[: cue.start()])

    def counted(self, end: int) -> bool:
        """A count word right after end ("2-3 lần", "tháng 6 triệu")."""
        return _COUNT_AFTER.match(self.text, end) is not None

    def span(
        self,
        m: re.Match[str],
        kind: Kind,
        english: str,
        ambiguous: str = "",
        readings: Readings = (),
    ) -> Span:
        text = m.group()
        english = text if ambiguous else english
        return Span(m.start(), m.end(), text, kind, english, ambiguous, readings=readings)

    def numbers(self, m: re.Match[str], readings: Readings) -> Span:
        """Left as written and checked as numbers: a range of counts (`2-3 lần`: 2 and
        3), a score (`thắng 21:19`), a number of hours (`kéo dài 3 giờ 30 phút`)."""
        return self.span(m, "number", m.group(), readings=readings)

    def date(self, m: re.Match[str], day: int | None, month: int, year: int | None) -> Span | int:
        if self.lunar(m.end()):
            return m.end()
        return self.span(m, "date", date_english(day, month, year))

    def full_date(self, m: re.Match[str], day: int, month: int, year: int) -> Span | int:
        if not _valid_date(day, month, year):
            return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
        return self.date(m, day, month, year)

    def superscript(self, pos: int) -> Span | int | None:
        m = _SUPERSCRIPT.match(self.text, pos)
        return m.end() if m else None

    def day_range(self, pos: int) -> Span | int | None:
        """A range of days, converted whole (`ngày 20-22/5/2023` → `May 20-22, 2023`,
        `28/11 đến 2/12/2022` → `November 28 to December 2, 2022`) when it has a year or
        a cue word and both ends are dates in order; otherwise left whole and flagged."""
        m = next((m for r in _DAY_RANGES if (m := r.match(self.text, pos))), None)
        if not m:
            return None
        if self.lunar(m.end()):
            return m.end()
        d1, d2, m2 = int(m.group("d1")), int(m.group("d2")), int(m.group("m2"))
        m1 = int(m.group("m1") or m2)
        year = int(m.group("year")) if m.group("year") else None
        dash = m.group("to").strip() in ("-", "–")
        english = _range_english((d1, m1), (d2, m2), year, dash)
        if english is None:
            return self.span(m, "date", "", f"“{m.group()}” is not a valid range of dates")
        if year is None and not self.date_cue(pos):
            return self.span(m, "date", "", f"“{m.group()}” could be {english} or numbers")
        return self.span(m, "date", english)

    def full_words(self, pos: int) -> Span | int | None:
        m = _FULL_WORDS.match(self.text, pos)
        if not m:
            return None
        return self.full_date(m, int(m.group(1)), int(m.group(2)), int(m.group(4)))

    def day_month_words(self, pos: int) -> Span | int | None:
        m = _DAY_MONTH_WORDS.match(self.text, pos)
        if not m:
            return None
        day, month = int(m.group(1)), int(m.group(2))
        if not self.date_cue(pos):
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

    def month_range(self, pos: int) -> Span | int | None:
        """`tháng 1-2` → `January-February` (with a year: `January-February 2024`)."""
        m = _MONTH_RANGE.match(self.text, pos)
        if not m or _EVERY.search(self.before(pos)) or self.counted(m.end()):
            return None  # "mỗi tháng 1-2 lần": counts, read as numbers
        first, last = int(m.group(1)), int(m.group(2))
        if not (1 <= first <= 12 and 1 <= last <= 12) or first == last:
            return None
        if self.lunar(m.end()):
            return m.end()
        year = f" {m.group(3)}" if m.group(3) else ""
        return self.span(m, "date", f"{MONTHS[first - 1]}-{MONTHS[last - 1]}{year}")

    def month(self, pos: int) -> Span | int | None:
        m = _MONTH.match(self.text, pos)
        if not m or not 1 <= int(m.group(1)) <= 12:
            return None  # "lương tháng 13" (a 13th-month bonus) is not a month
        if _EVERY.search(self.before(pos)) or self.counted(m.end()):
            return None  # "mỗi tháng 2 lần", "lương tháng 6 triệu": the number is a count
        return self.date(m, None, int(m.group(1)), None)

    def year(self, pos: int) -> Span | int | None:
        m = _YEAR.match(self.text, pos)
        return self.span(m, "date", m.group(1)) if m else None

    def numeric_date(self, pos: int) -> Span | int | None:
        m = _NUMERIC_DATE.match(self.text, pos)
        if not m:
            return None
        return self.full_date(m, int(m.group(1)), int(m.group(3)), int(m.group(4)))

    def numeric_month_year(self, pos: int) -> Span | int | None:
        """`10/2023` after `vào`, `từ`, `cuối` ... → `October 2023`; with no cue word it
        is ambiguous (a document number `10/2023` reads the same); after `quý` it is
        a quarter and its number is left to the number reader (`Q1 2024`)."""
        m = _NUMERIC_MONTH_YEAR.match(self.text, pos)
        if not m or not 1 <= int(m.group(1)) <= 12 or self.counted(m.end()):
            return None
        before = self.before(pos)
        if _QUARTER_CUE.search(before):
            return None
        month, year = int(m.group(1)), int(m.group(2))
        if _MONTH_YEAR_CUE.search(before) and year % 100:
            return self.date(m, None, month, year)
        reading = date_english(None, month, year)
        other = "a ratio" if year % 100 == 0 else "a number"  # 1/2000
        return self.span(m, "date", "", f"“{m.group()}” could be {reading} or {other}")

    def dash_day_month(self, m: re.Match[str], day: int, month: int) -> Span | int | None:
        """`7-12` after a cue word with no year: a date, unless it is a range of counts
        ("ngày 2-3 lần", "hôm qua 3-4 người", "sáng 5-6 giờ"). A rising pair (`2-3`)
        followed by a word that is neither a count nor usual after a date stays
        ambiguous: a range is written low to high, a date either way."""
        if self.counted(m.end()) or month > 12:
            return self.numbers(m, (_values(day, month),))  # "ngày 2-3 lần", "ngày 15-20"
        if not _valid_date(day, month):
            return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
        if day < month and not _DATE_FOLLOWS.match(self.text, m.end()):
            reading = date_english(day, month, None)
            return self.span(m, "date", "", f"“{m.group()}” could be {reading} or a range")
        return self.date(m, day, month, None)

    def day_month(self, pos: int) -> Span | int | None:
        """A day and month (`7.12`, `7/12`, `7-12`), a date after a cue word or before
        `năm 2021`; without either, a slash or dot form is ambiguous."""
        m = _DAY_MONTH.match(self.text, pos)
        if not m:
            return None
        day, sep, month = int(m.group(1)), m.group(2), int(m.group(3))
        year = int(m.group(4)) if m.group(4) else None
        valid = _valid_date(day, month, year or 2000)
        cued = self.date_cue(pos)
        if year is None and sep == "-" and cued:
            return self.dash_day_month(m, day, month)
        if year is not None or cued:
            if not valid:
                return self.span(m, "date", "", f"“{m.group()}” is not a valid date")
            return self.date(m, day, month, year)
        if sep == "-":
            return self.numbers(m, (_values(day, month),))  # a range ("7-12 tuổi") or a score
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
        """A time of day (`20h30`, `20:30`, `20 giờ 30 phút`, `8h tối`) in house style,
        or what the same form is when it is not one; the steps run in order and the
        first that decides wins."""
        form = self.clock_form(pos)
        if form is None:
            return None
        steps = (self.impossible_clock, self.race_time, self.duration, self.uncued_clock)
        for step in steps:
            found = step(form)
            if found is not None:
                return found
        return self.time_of_day(form)

    def clock_form(self, pos: int) -> _Clock | None:
        m = _CLOCK_H.match(self.text, pos) or _CLOCK_WORDS.match(self.text, pos)
        if not m:
            return None
        colon = m.re is _CLOCK_H and m.group(3) is not None  # 20:30
        minutes = m.group(4) if colon else m.group(2)
        after = self.text[m.end() :]
        # a range of times with a part of the day after it: "(trong khoảng) 10:00 – 11:00 đêm"
        tail = _CLOCK_RANGE_TAIL.match(after)
        window = tail is not None and _PART_AFTER.match(after, tail.end()) is not None
        return _Clock(
            m,
            hour=int(m.group(3) if colon else m.group(1)),
            minute=int(minutes or 0),
            has_minutes=minutes is not None,
            colon=colon,
            before=self.before(pos),
            after=after,
            tail=tail if window else None,
        )

    def impossible_clock(self, c: _Clock) -> Span | int | None:
        """`48h`, `24h`: no time of day, a number of hours."""
        if c.minute > 59:
            return c.match.end()
        if c.hour > 23:
            return self.numbers(c.match, duration_readings(c.hour, c.minute))
        return None

    def race_time(self, c: _Clock) -> Span | int | None:
        """`về đích sau 2h05'`, `2 giờ 5 phút 30 giây`: a lap or race time, its numbers
        checked (`2:05`, `2 hours 5 minutes`)."""
        if c.has_minutes and (c.text.endswith("'") or _RACE_TIME_AFTER.match(c.after)):
            return self.numbers(c.match, (_values(c.hour, c.minute),))
        return None

    def duration(self, c: _Clock) -> Span | int | None:
        """After a duration word: `kéo dài 3 giờ 30 phút`, `mất khoảng 5h` are numbers of
        hours; `gần 22h`, `sau 21h30`, `kéo dài tới 22h` may be either."""
        cue = None if c.tail else _DURATION_CUE.search(c.before)
        if cue is None:
            return None
        word, about = cue.group("cue").lower(), (cue.group("about") or "").lower()
        if (
            c.colon
            or word in ("gần", "hơn", "sau")
            or (word in ("kéo dài", "suốt") and about in ("tới", "đến"))
        ):
            return self.span(c.match, "time", "", c.hours_or_time, c.hour_readings)
        return self.numbers(c.match, duration_readings(c.hour, c.minute))

    def uncued_clock(self, c: _Clock) -> Span | int | None:
        """No cue word around it: a colon form may be a score or a ratio (`thắng 21:19`,
        `17:00 thứ Sáu`), a bare hour a number of hours (`8h`, `8 giờ`)."""
        if c.tail or _TIME_CUE_BEFORE.search(c.before) or _TIME_CUE_AFTER.match(c.after):
            return None
        if c.colon and not _CLOCK_UNIT_AFTER.match(c.after):
            if _SCORE_CUE.search(c.before):
                return self.numbers(c.match, (_values(c.hour, c.minute),))  # "thắng 21:19"
            return self.span(c.match, "time", "", f"“{c.text}” could be a time, a score or a ratio")
        if not c.has_minutes:
            if "giờ" in c.text.lower():  # "8 giờ" alone is as often hours as o'clock
                return self.numbers(c.match, c.hour_readings)
            return self.span(c.match, "time", "", c.hours_or_time, c.hour_readings)
        return None

    def time_of_day(self, c: _Clock) -> Span:
        """The time in house style, a.m. or p.m. from the part of the day after it (after
        the range it starts: `10:00 – 11:00 đêm`), unless the range crosses noon or
        midnight before it (`11:00 – 1:00 chiều`)."""
        after = c.after
        if c.tail:
            second = int(c.tail.group(1))
            if _day_part_hour(second, after[c.tail.end() :]) != second:
                if c.hour > second:
                    return self.span(c.match, "time", "", f"“{c.text}” could be a.m. or p.m.")
                after = after[c.tail.end() :]
        return self.span(c.match, "time", time_english(_day_part_hour(c.hour, after), c.minute))

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
        factor = SCALES["tỷ" if (w := scale.group(1).lower()) == "tỉ" else w] if scale else 1
        if span.ambiguous:
            return replace(span, scale=factor)
        value = Decimal(span.english.replace(",", ""))
        return replace(span, scale=factor, readings=(_values(value), _values(value * factor)))

    def scan(self) -> list[Span]:
        spans: list[Span] = []
        pos = 0
        digit_readers: list[Callable[[int], Span | int | None]] = [
            self.superscript,
            self.day_range,
            self.full_words,
            self.day_month_words,
            self.numeric_date,
            self.numeric_month_year,
            self.clock,
            self.day_month,
            self.number,
        ]
        word_readers: list[Callable[[int], Span | int | None]] = [
            self.month_range,
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
