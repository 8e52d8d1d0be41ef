"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI, VISCII and Windows-1258.

Before Unicode, Vietnamese text was written in 8-bit font encodings, and old articles
still arrive that way: as raw bytes, or already mis-read as Windows-1252 and saved
again as UTF-8 ("Vieät Nam" for VNI, "ViÖt Nam" for TCVN3). Python knows cp1258 but
not the others, so their tables are here, written as rows of one base letter and its
five toned forms:

- TCVN3 (TCVN 5712 VN3, the ABC fonts such as .VnTime): one byte per lowercase letter;
  capitals exist only for Ă Â Ê Ô Ơ Ư Đ (toned capitals came from a second font, so
  they decode lowercase; an all-capitals word is put back in capitals).
- VNI (VNI-Times and other VNI Windows fonts): an ASCII base letter followed by one
  byte for its marks (`a` + `ø` is `à`); ơ ư đ and the toned i have a byte of their
  own. Capitals use the capital forms of the same bytes.
- VISCII (RFC 1456): a full 8-bit charset, 134 letters, six of them in C0 positions.
- Windows-1258: base letters plus combining tone marks (Python's cp1258 codec).

Bytes a font table does not define are read as Windows-1252, as those fonts show them
(curly quotes, dashes). Detection decodes a sample with every table and counts the
words that are Vietnamese syllables; a reading is plausible when nearly all of them are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from translit.vietnamese import TONE_MARKS

ENCODINGS = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI",
    "viscii": "VISCII",
    "cp1258": "Windows-1258",
}
"""Option value → the name users know the encoding by."""

SAMPLE_BYTES = 256 * 1024  # detection reads this much; conversion reads everything

# Tone order of every row below: none, grave, hook above, tilde, acute, dot below.
_TONE_ORDER = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")

# TCVN3: base letter → its six byte values (0 where the font has no such letter).
_TCVN3_ROWS = {
    "a": (0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
    "đ": (0xAE,),
    "Ă": (0xA1,),
    "Â": (0xA2,),
    "Ê": (0xA3,),
    "Ô": (0xA4,),
    "Ơ": (0xA5,),
    "Ư": (0xA6,),
    "Đ": (0xA7,),
}

# VNI: base letter → its six spellings, as Windows-1252 text (capitals: str.upper()).
_VNI_ROWS = {
    "a": ("a", "aø", "aû", "aõ", "aù", "aï"),
    "ă": ("aê", "aè", "aú", "aü", "aé", "aë"),
    "â": ("aâ", "aà", "aå", "aã", "aá", "aä"),
    "e": ("e", "eø", "eû", "eõ", "eù", "eï"),
    "ê": ("eâ", "eà", "eå", "eã", "eá", "eä"),
    "i": ("i", "ì", "æ", "ó", "í", "ò"),
    "o": ("o", "oø", "oû", "oõ", "où", "oï"),
    "ô": ("oâ", "oà", "oå", "oã", "oá", "oä"),
    "ơ": ("ô", "ôø", "ôû", "ôõ", "ôù", "ôï"),
    "u": ("u", "uø", "uû", "uõ", "uù", "uï"),
    "ư": ("ö", "öø", "öû", "öõ", "öù", "öï"),
    "y": ("y", "yø", "yû", "yõ", "yù", "î"),
    "đ": ("ñ",),
}

# VISCII: the characters of bytes 0x80-0xFF, and the six letters it puts in C0.
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _fallback_char(byte: int, charset: str = "cp1252") -> str:
    """What a Windows font shows for a byte (a C1 control where the charset has nothing)."""
    if byte < 0x80:
        return chr(byte)
    try:
        return bytes([byte]).decode(charset)
    except UnicodeDecodeError:
        return chr(byte)


@cache
def _byte_tables(encoding: str) -> tuple[dict[int, str], dict[str, int]]:
    """(Latin-1 code point → character, character → byte) of a one-byte encoding."""
    letters: dict[int, str] = {}
    if encoding == "tcvn3":
        for base, codes in _TCVN3_ROWS.items():
            for tone, code in zip(_TONE_ORDER, codes, strict=False):
                letters[code] = _compose(base, tone)
    elif encoding == "viscii":
        letters = {0x80 + i: char for i, char in enumerate(_VISCII_HIGH)} | _VISCII_LOW
    charset = "cp1258" if encoding == "cp1258" else "cp1252"
    table = {b: letters.get(b) or _fallback_char(b, charset) for b in range(256)}
    encode = {char: b for b, char in letters.items() if b >= 0x80 or b in _VISCII_LOW}
    for b in range(0x80, 0x100):  # punctuation the font shows as Windows-1252 does
        if not table[b].isalpha():
            encode.setdefault(table[b], b)
    return table, encode


@cache
def _vni_tables() -> tuple[dict[str, str], re.Pattern[str], dict[str, str]]:
    """VNI spelling → letter, a pattern finding spellings, and letter → spelling."""
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for base, spellings in _VNI_ROWS.items():
        for tone, spelling in zip(_TONE_ORDER, spellings, strict=False):
            letter = _compose(base, tone)
            for written, char in ((spelling, letter), (spelling.upper(), letter.upper())):
                if not written.isascii():
                    decode[written] = char
                encode[char] = written
    # a capital base with a small mark byte (or the reverse) still means the letter
    for written, char in list(decode.items()):
        if len(written) == 2:
            decode.setdefault(written[0] + written[1].swapcase(), char)
    pattern = re.compile("|".join(sorted(map(re.escape, decode), key=len, reverse=True)))
    return decode, pattern, encode


# A word with two or more capitals and no small ASCII letter ("NộI", "HUẾ").
_CAPS_WORD = re.compile(r"\b(?=\w*[A-ZĂÂÊÔƠƯĐ]\w*[A-ZĂÂÊÔƠƯĐ])\w+\b")
_SMALL_ASCII = re.compile("[a-z]")


def _capitalize_caps(text: str) -> str:
    """TCVN3 has no toned capitals: `HÀ NỘI` decodes as `Hà NộI`; put it back.

    A line with no small ASCII letter and two capitals or more is a heading in
    capitals; elsewhere a word with two capitals and no small ASCII letter is.
    """

    def fix_word(match: re.Match[str]) -> str:
        word = match.group()
        return word if _SMALL_ASCII.search(word) else word.upper()

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _SMALL_ASCII.search(line) and sum(c.isupper() for c in line) >= 2:
            lines[i] = line.upper()
        else:
            lines[i] = _CAPS_WORD.sub(fix_word, line)
    return "\n".join(lines)


def decode(data: bytes, encoding: str) -> str:
    """Decode legacy Vietnamese bytes to NFC text; every byte gives a character."""
    if encoding == "vni":
        table, pattern, _ = _vni_tables()
        text = data.decode("latin-1").translate(_byte_tables("cp1252")[0])
        text = pattern.sub(lambda m: table[m.group()], text)
    else:
        text = data.decode("latin-1").translate(_byte_tables(encoding)[0])
        if encoding == "tcvn3":
            text = _capitalize_caps(text)
    return unicodedata.normalize("NFC", text)


def encode(text: str, encoding: str) -> bytes:
    """Encode Vietnamese text the way a legacy font or charset wrote it.

    Raises ValueError naming the first character the encoding cannot write (in TCVN3,
    a toned capital outside an all-capitals word).
    """
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    for i, char in enumerate(text):
        try:
            out += _encode_char(char, encoding, text, i)
        except (KeyError, UnicodeEncodeError):
            raise ValueError(
                f"{ENCODINGS[encoding]} cannot write {char!r} (U+{ord(char):04X})"
            ) from None
    return bytes(out)


def _encode_char(char: str, encoding: str, text: str, i: int) -> bytes:
    if encoding == "vni":
        return _vni_tables()[2].get(char, char).encode("cp1252")
    if encoding == "cp1258":
        return _encode_cp1258(char)
    table = _byte_tables(encoding)[1]
    if char in table:
        return bytes([table[char]])
    if encoding == "tcvn3" and char.lower() in table and _in_caps_word(text, i):
        return bytes([table[char.lower()]])  # what the capitals font (.VnTimeH) shows
    return char.encode("ascii")


def _in_caps_word(text: str, i: int) -> bool:
    start = end = i
    while start and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    word = text[start:end]
    return sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word)


def _encode_cp1258(char: str) -> bytes:
    """A letter as Windows-1258 writes it: precomposed if it can, else base + tone mark."""
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        pass
    parts = unicodedata.normalize("NFD", char)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
    return (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")


# ── telling Vietnamese from mojibake ────────────────────────────────────────────

_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Vowel groups, longest first (the regex takes the first that lets the rest match).
_NUCLEI = (
    "iêu|oai|oao|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu|uơi|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uă|uê|ui|uô|uơ|uy|ưa|ưi|"
    "ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_FINAL = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_INITIAL}(?:{_NUCLEI}){_FINAL}")
_EDGE_PUNCT = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + "“”‘’…–—"
_INNER_PUNCT = re.compile(r"[-/.,:;'\"()&+_]+")


def is_syllable(word: str) -> bool:
    """True if `word` (letters only) is a well-formed Vietnamese syllable."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = [k for k, c in enumerate(parts) if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    if tones:  # the tone sits on a vowel (after its circumflex, breve or horn)
        k = tones[0] - 1
        while k >= 0 and unicodedata.combining(parts[k]):
            k -= 1
        if k < 0 or parts[k] not in "aeiouy":
            return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


@dataclass(frozen=True)
class Score:
    """Pieces of words with non-ASCII letters that are, and are not, Vietnamese."""

    valid: int
    invalid: int
    example: str = ""  # the first piece that is not

    @property
    def plausible(self) -> bool:
        """Nearly every non-ASCII word is a Vietnamese syllable (foreign names aside)."""
        return self.invalid * 10 <= self.valid + self.invalid


def score(text: str) -> Score:
    """Count the non-ASCII word pieces of `text` that are Vietnamese syllables."""
    valid = invalid = 0
    example = ""
    for token in text.split():
        core = token.strip(_EDGE_PUNCT)
        if core.isascii():
            continue
        for piece in _INNER_PUNCT.split(core):
            if piece.isascii():
                continue
            if piece.isalpha() and is_syllable(piece):
                valid += 1
            else:
                invalid += 1
                example = example or token
    return Score(valid, invalid, example)


@dataclass(frozen=True)
class Reading:
    """One way to read some bytes: the encoding, the text it gives, and its score."""

    encoding: str
    text: str
    score: Score
    undefined: int = 0  # bytes the encoding's table leaves to the Windows-1252 fallback


# When two encodings read the same bytes as the same text, name the commoner one.
_TIE_ORDER = ("cp1258", "viscii", "vni", "tcvn3")


def _undefined(data: bytes, encoding: str) -> int:
    if encoding != "tcvn3":
        return 0
    defined = {b for b, c in _byte_tables("tcvn3")[0].items() if c != _fallback_char(b)}
    return sum(1 for b in data if b >= 0x80 and b not in defined)


def readings(data: bytes) -> list[Reading]:
    """Every legacy reading of (a sample of) `data`, most Vietnamese first."""
    sample = data[:SAMPLE_BYTES]
    found = [
        Reading(enc, text := decode(sample, enc), score(text), _undefined(sample, enc))
        for enc in _TIE_ORDER
    ]
    return sorted(found, key=lambda r: (r.score.invalid * 4 - r.score.valid, r.undefined))


def likely_encodings(data: bytes) -> list[Reading]:
    """The plausible readings of `data`, one per distinct text, best first.

    One result: the encoding is clear. Several: the bytes read as Vietnamese in more
    than one table. None: not legacy Vietnamese text.
    """
    plausible: dict[str, Reading] = {}
    for reading in readings(data):
        if reading.score.plausible and reading.score.valid:
            plausible.setdefault(reading.text, reading)
    return list(plausible.values())


def as_cp1252_bytes(text: str) -> bytes | None:
    """The bytes `text` came from if it was decoded as Windows-1252 (or Latin-1), or None.

    Mojibake such as `Vieät` is legacy font text read as Windows-1252 and saved as
    UTF-8; this undoes the reading. Bytes 0x80-0x9F may appear as C1 controls.
    """
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if not 0x80 <= ord(char) <= 0x9F:
                return None
            out.append(ord(char))
    return bytes(out)
