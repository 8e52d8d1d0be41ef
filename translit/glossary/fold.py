"""Folding Vietnamese text so that spellings that mean the same compare equal.

`fold` maps NFC text to a key of the SAME LENGTH, character for character, so an
offset in the folded text is an offset in the original:

- old and new tone-mark placement become one: the tone on the first vowel of `oa`,
  `oe`, `uy` moves to the second (`hòa` → `hoà`, `thủy` → `thuỷ`, `Thụy` → `Thuỵ`);
- hyphens and no-break spaces become spaces (`Mát-xcơ-va` → `mát xcơ va`), and a
  typographic apostrophe a straight one;
- letters are lowercased (unless `lower=False`).

Input must be NFC (io normalizes articles; `nfc` is here for other text).

Invisible format characters (Unicode category Cf: soft hyphen, zero-width space and
joiners, word joiner, BOM, direction marks) cannot keep that contract, as they must
vanish for `Mát\u00adxcơva` to be one word: `strip_format` removes them and returns
where each remaining character came from, so a match maps back exactly.
"""

from __future__ import annotations

import re
import unicodedata

from translit.vietnamese import TONE_MARKS

HYPHENS = "-\u2010\u2011"  # hyphens a respelling may be written with
_SPACE_TABLE = str.maketrans({**{h: " " for h in HYPHENS + "\u00a0\u202f"}, "\u2019": "'"})


def _toned(vowels: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + t) for v in vowels for t in sorted(TONE_MARKS))


# A toned first vowel of `oa`, `oe` or `uy` followed by the untoned second vowel.
_OLD_PLACEMENT = re.compile(f"[{_toned('oO')}][aeAE]|[{_toned('uU')}][yY]")


# Every character of Unicode category Cf (format characters: U+00AD soft hyphen,
# U+200B-U+200F zero-width space, joiners and direction marks, U+2060 word joiner,
# U+FEFF BOM, ...), as of Unicode 15; tests/test_termmatch.py compares it with unicodedata.
FORMAT_CHARS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)


def strip_format(text: str) -> tuple[str, list[int] | None]:
    """`text` without format characters, and for each character left (plus one past the
    end) its offset in `text`; None instead of the offsets when nothing was removed."""
    if not FORMAT_CHARS.search(text):
        return text, None
    offsets = [i for i, char in enumerate(text) if not FORMAT_CHARS.match(char)]
    offsets.append(len(text))
    return "".join(text[i] for i in offsets[:-1]), offsets


def without_format(text: str) -> str:
    """`text` without format characters (soft hyphens, zero-width spaces, ...)."""
    return FORMAT_CHARS.sub("", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group()[0], match.group()[1]
    decomposed = unicodedata.normalize("NFD", first)
    tone = next(c for c in decomposed if c in TONE_MARKS)
    bare = decomposed.replace(tone, "")
    return unicodedata.normalize("NFC", bare) + unicodedata.normalize("NFC", second + tone)


def fold(text: str, lower: bool = True) -> str:
    """The matching key of NFC `text`: same length, one output char per input char."""
    folded = _OLD_PLACEMENT.sub(_move_tone, text.translate(_SPACE_TABLE))
    if lower:
        lowered = folded.lower()
        if len(lowered) == len(folded):
            return lowered
        # a few characters (İ) lowercase to two; keep those as they are
        return "".join(low if len(low := c.lower()) == 1 else c for c in folded)
    return folded


def variant_forms(variant: str, lower: bool = True) -> list[str]:
    """Folded forms a glossary variant matches: as written, and joined if hyphenated.

    `Mát-xcơ-va` gives `mát xcơ va` (which also covers `Mát xcơ va`) and `mátxcơva`.
    """
    text = without_format(nfc(variant)).strip()
    forms = [" ".join(fold(text, lower).split())]
    if any(h in text for h in HYPHENS):
        joined = "".join(c for c in text if c not in HYPHENS)
        forms.append(" ".join(fold(joined, lower).split()))
    return list(dict.fromkeys(forms))
