"""Folding Vietnamese text so that spellings that mean the same compare equal.

`fold` maps NFC text to a key of the SAME LENGTH, character for character, so an
offset in the folded text is an offset in the original:

- old and new tone-mark placement become one: the tone on the first vowel of `oa`,
  `oe`, `uy` moves to the second (`hòa` → `hoà`, `thủy` → `thuỷ`, `Thụy` → `Thuỵ`);
- hyphens and no-break spaces become spaces (`Mát-xcơ-va` → `mát xcơ va`), and a
  typographic apostrophe a straight one;
- letters are lowercased (unless `lower=False`).

Input must be NFC (io normalizes articles; `nfc` is here for other text).
"""

from __future__ import annotations

import re
import unicodedata

# The five Vietnamese tone marks as combining characters.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
HYPHENS = "-\u2010\u2011"  # hyphens a respelling may be written with
_SPACE_TABLE = str.maketrans({**{h: " " for h in HYPHENS + "\u00a0\u202f"}, "\u2019": "'"})


def _toned(vowels: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + t) for v in vowels for t in sorted(TONE_MARKS))


# A toned first vowel of `oa`, `oe` or `uy` followed by the untoned second vowel.
_OLD_PLACEMENT = re.compile(f"[{_toned('oO')}][aeAE]|[{_toned('uU')}][yY]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group()
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
    text = nfc(variant).strip()
    forms = [" ".join(fold(text, lower).split())]
    if any(h in text for h in HYPHENS):
        joined = "".join(c for c in text if c not in HYPHENS)
        forms.append(" ".join(fold(joined, lower).split()))
    return list(dict.fromkeys(forms))
