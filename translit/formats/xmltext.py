"""What the XML formats (TMX, XLIFF) share: characters XML cannot hold, and writing.

XML 1.0 cannot carry most C0 control characters, lone surrogates, U+FFFE or U+FFFF,
not even as character references. An article or a reviewer's edit may still hold
one (a stray form feed or NUL pasted from a web page), and one such character makes
the whole file unreadable to every XML tool. Each format decides what to put in its
place (XLIFF has `<cp hex="…"/>`; TMX gets U+FFFD); `clean` and `runs` help it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"
REPLACEMENT = "\ufffd"

_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text with every character XML 1.0 forbids replaced by U+FFFD."""
    return _INVALID.sub(REPLACEMENT, text)


def runs(text: str) -> Iterator[str | int]:
    """The text in pieces: runs XML can hold (str), and forbidden code points (int)."""
    pos = 0
    for m in _INVALID.finditer(text):
        if m.start() > pos:
            yield text[pos : m.start()]
        yield ord(m.group())
        pos = m.end()
    if pos < len(text):
        yield text[pos:]


def serialize(root: ET.Element) -> str:
    """The document as text: declaration, elements, a final newline.

    Text content's carriage returns are written as `&#13;`, because an XML parser
    turns a literal CR into LF (ElementTree already escapes them in attributes).
    """
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body.replace("\r", "&#13;") + "\n"
