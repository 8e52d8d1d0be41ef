"""English numbers written in words: the values a phrase such as `Thirty-five thousand
eight hundred thirty`, `two and a half billion`, `half a million`, `a dozen`, `one
hundred and first`, `an hour and a half` or `the nineties` states.

`word_numbers(text)` reads every such phrase of an English text. A phrase is a run of
number words joined by spaces or hyphens (`two, three` are two phrases); `and` joins
only where English uses it inside a number (`one hundred and five`, `two thousand and
twenty`, `two and a half`). A phrase gives its value and, when it ends with a scale, the
number before the scale too (`two and a half billion`: 2,500,000,000 and 2.5), as
`2.5 billion` does in digits. Plurals stand alone (`11 fours and 2 sixes`, `tens of
thousands`, `the nineties`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_UNIT_ORDINALS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

# word → (what it is, its value)
_WORDS: dict[str, tuple[str, Decimal]] = {
    **{w: ("unit", Decimal(i)) for i, w in enumerate(_UNITS)},
    "nil": ("unit", Decimal(0)),
    **{w: ("unit-ordinal", Decimal(i)) for i, w in enumerate(_UNIT_ORDINALS)},
    **{w: ("tens", Decimal(20 + 10 * i)) for i, w in enumerate(_TENS)},
    **{w[:-1] + "ieth": ("tens-ordinal", Decimal(20 + 10 * i)) for i, w in enumerate(_TENS)},
    "hundred": ("hundred", Decimal(100)),
    "hundredth": ("hundred-ordinal", Decimal(100)),
    **{w: ("scale", Decimal(v)) for w, v in SCALE_WORDS.items()},
    **{w + "th": ("scale-ordinal", Decimal(v)) for w, v in SCALE_WORDS.items()},
    "dozen": ("dozen", Decimal(12)),
    "half": ("half", Decimal("0.5")),
    "a": ("a", Decimal(1)),
    "an": ("a", Decimal(1)),
    "and": ("and", Decimal(0)),
    # words that stand alone
    "once": ("alone", Decimal(1)),
    "single": ("alone", Decimal(1)),
    "twice": ("alone", Decimal(2)),
    "both": ("alone", Decimal(2)),
    "thrice": ("alone", Decimal(3)),
    # plurals: "11 fours", "tens of thousands", "the nineties", "hundreds"
    **{
        w + ("es" if w.endswith(("x", "s")) else "s"): ("alone", Decimal(i))
        for i, w in enumerate(_UNITS)
        if i >= 2
    },
    **{w[:-1] + "ies": ("alone", Decimal(20 + 10 * i)) for i, w in enumerate(_TENS)},
    "hundreds": ("alone", Decimal(100)),
    **{w + "s": ("alone", Decimal(v)) for w, v in SCALE_WORDS.items()},
}
# What each kind of word may follow in a phrase ("": it starts one); a unit also
# follows tens ("twenty-seven").
_FOLLOWS = {
    "unit": {"", "and", "hundred", "scale"},
    "tens": {"", "and", "hundred", "scale"},
    "hundred": {"unit", "a"},  # "eight hundred", "a hundred", "nineteen hundred"
    "scale": {"unit", "tens", "hundred", "a", "half", "dozen"},
    "dozen": {"", "unit", "a"},
    "a": {"", "half"},  # "a hundred", "half a million"
    "half": {"", "a"},  # "half a million", "a half"
}
# "the nineties" is the 1990s: its tens (also read as a number, 90)
DECADE_WORDS = {w[:-1] + "ies": 20 + 10 * i for i, w in enumerate(_TENS)}
_ORDINAL_OF = {"unit-ordinal": "unit", "tens-ordinal": "tens", "hundred-ordinal": "hundred"}
_ORDINAL_OF["scale-ordinal"] = "scale"
_TOKEN = re.compile(r"\b[A-Za-z]+\b")
_JOIN = re.compile(r"[ \t\-‐]+")  # spaces or a hyphen between the words of one phrase


@dataclass
class _Token:
    word: str  # lowercase
    kind: str
    value: Decimal
    joined: bool  # only spaces or hyphens since the token before


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    end = 0
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        kind, value = _WORDS.get(word, ("word", Decimal(0)))
        joined = bool(tokens) and _JOIN.fullmatch(text[end : m.start()]) is not None
        tokens.append(_Token(word, kind, value, joined))
        end = m.end()
    return tokens


class _Phrase:
    """A number phrase read left to right: `total` holds what the scales closed,
    `group` the part below the next scale (`eight hundred thirty`)."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group: Decimal | None = None
        self.last = ""  # the kind of the last word taken
        self.scale = Decimal(1)  # the last scale taken ("a million and a half")
        self.mantissa: Decimal | None = None  # the number before the last scale
        self.closed = False  # an ordinal ends it

    @property
    def value(self) -> Decimal:
        return self.total + (self.group or 0)

    def take(self, kind: str, value: Decimal) -> bool:
        """Add one word; False if it does not continue this phrase."""
        if self.closed:
            return False
        base = _ORDINAL_OF.get(kind, kind)
        taken = self._take(base, value)
        if taken:
            self.last = base
            self.closed = kind != base
        return taken

    def _take(self, kind: str, value: Decimal) -> bool:
        last, group = self.last, self.group or Decimal(0)
        twenty_seven = (kind, last) == ("unit", "tens") and 0 < value < 10
        if not (last in _FOLLOWS.get(kind, ()) or twenty_seven):
            return False
        if kind in ("unit", "tens"):
            self.group = group + value
        elif kind == "hundred":
            if group >= 100:
                return False  # "five hundred hundred"
            self.group = group * 100
        elif kind == "scale":
            self.mantissa, self.total = group, self.total + group * value
            self.group, self.scale = None, value
        elif kind == "dozen":
            self.group = (self.group or Decimal(1)) * 12
        elif kind == "half" or last == "":  # "a" after "half": "half a million"
            self.group = value
        return True

    def take_half(self) -> bool:
        """`and a half` after the phrase: `two and a half` (2.5), `a million and a half`."""
        if self.closed or self.last not in ("unit", "tens", "a", "scale", "dozen", "hundred"):
            return False
        if self.group is None:
            self.total += self.scale / 2
            if self.mantissa is not None:
                self.mantissa += Decimal("0.5")
        else:
            self.group += Decimal("0.5")
        self.last = "unit"
        return True


def _half_follows(tokens: list[_Token], i: int) -> bool:
    """`and a half` (`and one half`) at tokens[i:], joined."""
    words = tokens[i : i + 3]
    return (
        len(words) == 3
        and all(t.joined for t in words)
        and [t.word for t in words[:2]] in (["and", "a"], ["and", "one"])
        and words[2].word == "half"
    )


def _read_phrase(tokens: list[_Token], i: int) -> tuple[_Phrase, int]:
    phrase = _Phrase()
    j = i
    while j < len(tokens):
        t = tokens[j]
        if j > i and not t.joined:
            break
        if t.kind == "and":
            if _half_follows(tokens, j) and phrase.take_half():
                j += 3
                continue
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                phrase.last in ("hundred", "scale")
                and nxt is not None
                and nxt.joined
                and nxt.kind in ("unit", "tens", "unit-ordinal", "tens-ordinal")
            ):
                phrase.last = "and"
                j += 1
                continue
            break
        if t.kind == "alone":
            if j == i:
                phrase.group, phrase.last, phrase.closed = t.value, "alone", True
                j += 1
            break
        if not phrase.take(t.kind, t.value):
            break
        j += 1
    return phrase, j


def _noun_and_a_half(tokens: list[_Token], j: int) -> bool:
    """`an hour and a half`, `two years and a half`: one word, then `and a half`."""
    return (
        j < len(tokens)
        and tokens[j].joined
        and tokens[j].kind == "word"
        and (_half_follows(tokens, j + 1))
    )


def _phrases(tokens: list[_Token]) -> Iterator[_Phrase]:
    i = 0
    while i < len(tokens):
        phrase, j = _read_phrase(tokens, i)
        if j == i:
            i += 1
            continue
        if phrase.group is not None or phrase.total:
            yield phrase
            if phrase.total == 0 and _noun_and_a_half(tokens, j):
                half = _Phrase()
                half.group = phrase.value + Decimal("0.5")
                yield half
                j += 4
        i = j


def word_numbers(text: str) -> set[Decimal]:
    """Every value the number words of an English text state (see the module doc)."""
    values: set[Decimal] = set()
    for phrase in _phrases(_tokens(text)):
        values.add(phrase.value.normalize())
        if phrase.mantissa is not None and phrase.group is None:
            values.add(phrase.mantissa.normalize())
    return values


def ordinal_word(n: int) -> str:
    """`first`, `twenty-first`, `thirtieth` (1 to 99)."""
    if n < 20:
        return _UNIT_ORDINALS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens - 2][:-1] + "ieth"
    return f"{_TENS[tens - 2]}-{_UNIT_ORDINALS[unit]}"
