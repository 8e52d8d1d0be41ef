"""Saved web pages (`.html`, `.htm`): the article's own text, without the page around it.

The main text comes from trafilatura (the best F1 on the ScrapingHub article
extraction benchmark), set to favour precision: menus, footers, related-news boxes,
comment boxes, share buttons and scripts are dropped. What is kept:

- the title first, as a heading (the page's headline; trafilatura's metadata title
  when the body does not start with it);
- paragraphs in order, subheadings as headings, list items, quotes, table cells;
- photo captions and credits (`<figcaption>`), each caption its own paragraph (the
  credit `Ảnh: AFP` then splits off as its own segment, as in a text article);
- the page's metadata: title, author, date, canonical URL and site name, for the
  review files' headers.

A page with no article text is refused with one line, like any unusable file.
Pages that would take minutes (more than `MAX_ELEMENTS` elements once scripts and
styles are gone, nested deeper than `MAX_DEPTH`, or larger than any article may be,
`io.MAX_ARTICLE_BYTES`) are refused the same way, before the extractor sees them.

The bytes are decoded as the page says (a BOM, `<meta charset>`), else as UTF-8,
else as a legacy Vietnamese encoding named with `--from-encoding` (see
`translit.io.decode_text`); the text is NFC like every article.

trafilatura and lxml are imported only when a page is read.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from translit import legacy
from translit.document import Block, Document, Para, Table
from translit.io import InputError, decode_text, read_bytes

MAX_ELEMENTS = 30_000  # a news page has 1,000-5,000 once its scripts are gone
MAX_DEPTH = 400  # a news page nests 20-60 elements deep

# What never holds article text: removed before anything is counted or extracted.
_INERT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed")
_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.IGNORECASE
)
_MARKUP = re.compile(rb"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.I | re.S)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_HEADING = re.compile(r"h([1-6])")
# Where a `<br>` (or a block) broke a line, while gathering text; every other run of
# whitespace, line ends of the HTML source included, is one space, as a browser shows it.
_LINE_BREAK = "\x00"


def read(path: Path, from_encoding: str | None = None) -> Document:
    """A saved page as a Document: its article's paragraphs, layout and metadata.

    Raises InputError naming the file for a page that cannot be read, is too large,
    or has no article text.
    """
    html = decode_page(read_bytes(path), str(path), from_encoding)
    return page_document(html, path, from_encoding)


def decode_page(data: bytes, name: str, from_encoding: str | None = None) -> str:
    """A page's text: by its BOM, else UTF-8, else the charset its `<meta>` declares,
    else the legacy Vietnamese encoding `from_encoding` names; without one, the
    page's text (its markup left out) tells `decode_text` which encoding to suggest."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name, from_encoding)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a web page")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode_text(data, name, from_encoding)
    declared = _declared_charset(data)
    if declared and not from_encoding:
        return _normalized(data.decode(declared, errors="replace"))
    # judged on the words: a page's markup would drown the legacy encoding's signs
    decode_text(_MARKUP.sub(b" ", data), name, from_encoding)  # says which, or passes
    if from_encoding:
        return _normalized(legacy.decode(data, from_encoding))
    return _normalized(data.decode("utf-8", errors="replace"))  # only tags were not UTF-8


def _normalized(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _declared_charset(data: bytes) -> str:
    """The codec a page's `<meta charset>` names, if Python knows it (else "")."""
    found = _CHARSET.search(data[:8192])
    if not found:
        return ""
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return ""


def page_document(html: str, path: Path, from_encoding: str | None = None) -> Document:
    """The article of a page's HTML (already decoded) as a Document.

    The article's text, not the page's markup, tells whether it is legacy-font text
    once mis-decoded and saved as UTF-8 (`Vieät Nam`): refused, or repaired with
    `from_encoding`, as `decode_text` does for a text article."""
    import trafilatura

    tree = _parse(html, path)
    captions = _captions_as_paragraphs(tree)
    links = {_key(_element_lines(a)) for a in tree.iter("a")}
    saved_from = _SAVED_FROM.search(html[:4096])
    try:
        result = trafilatura.bare_extraction(
            tree,
            url=saved_from.group(1) if saved_from else None,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            with_metadata=True,
        )
    except Exception as err:  # the extractor's own failure on a page it cannot handle
        reason = " ".join(f"{type(err).__name__}: {err}".split())[:200]
        raise InputError(f"{path}: cannot read the page ({reason})") from None
    meta = {
        key: _one_line(getattr(result, attr, None) or "")
        for key, attr in (
            ("title", "title"),
            ("author", "author"),
            ("date", "date"),
            ("url", "url"),
            ("site", "sitename"),
        )
    }
    builder = _Builder(captions)
    builder.article(getattr(result, "body", None), meta["title"])  # a Document (as_dict off)
    text = builder.paragraphs[builder.titled :]
    if all(_key([paragraph]) in links for paragraph in text):  # none, or only links
        raise InputError(
            f"{path}: no article text found in the page (a list of links, a front page "
            "or an empty page?)"
        )
    keys = [key for key, value in meta.items() if value]
    fixed = _legacy_repaired([*builder.paragraphs, *(meta[k] for k in keys)], path, from_encoding)
    builder.paragraphs = fixed[: len(builder.paragraphs)]
    meta.update(zip(keys, fixed[len(builder.paragraphs) :], strict=True))
    return Document(
        id=path.stem,
        path=path,
        paragraphs=builder.paragraphs,
        blocks=builder.blocks,
        layout="blank",
        meta={key: value for key, value in meta.items() if value},
    )


def _legacy_repaired(texts: list[str], path: Path, from_encoding: str | None) -> list[str]:
    """The texts, repaired if they are legacy-font mojibake and `from_encoding` says
    which (InputError naming the option when they are and it does not)."""
    joined = "\n\n".join(texts)  # no text holds an empty line
    fixed = decode_text(joined.encode("utf-8"), str(path), from_encoding)
    parts = fixed.split("\n\n")
    return parts if fixed != joined and len(parts) == len(texts) else texts


def _one_line(text: str) -> str:
    """A metadata value as one line of printable text (it goes into a PO header)."""
    printable = "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(text))
    return unicodedata.normalize("NFC", " ".join(printable.split()))


def _parse(html: str, path: Path):  # -> lxml.html.HtmlElement
    """Parse the page (any markup, broken or not), drop what holds no text, and refuse
    a tree too big or too deep to extract from in reasonable time."""
    import lxml.html
    from lxml import etree

    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str with one
    if not html.strip():
        raise InputError(f"{path}: empty page")
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=False)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise InputError(f"{path}: not an HTML page ({err})") from None
    etree.strip_elements(tree, *_INERT, with_tail=False)
    count = depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            count += 1
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if count > MAX_ELEMENTS:
        raise InputError(
            f"{path}: a page of {count:,} elements, more than the {MAX_ELEMENTS:,} "
            "translit reads (not a single article?)"
        )
    if deepest > MAX_DEPTH:
        raise InputError(
            f"{path}: markup nested {deepest:,} levels deep, more than the {MAX_DEPTH} "
            "translit reads"
        )
    return tree


def _captions_as_paragraphs(tree) -> set[str]:
    """Replace each `<figure>` that has a `<figcaption>` by a paragraph of the caption
    (the extractor drops figures whole); return the captions' texts, to know them."""
    import lxml.html

    captions: set[str] = set()
    for figure in list(tree.iter("figure")):
        caption = figure.find(".//figcaption")
        parent = figure.getparent()
        if caption is None or parent is None:
            continue
        lines = _element_lines(caption)
        if not lines:
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text = lines[0]
        for line in lines[1:]:
            br = lxml.html.Element("br")
            br.tail = line
            paragraph.append(br)
        paragraph.tail = figure.tail
        parent.replace(figure, paragraph)
        captions.add(_key(lines))
    return captions


_BLOCK_TAGS = {"p", "div", "br", "li", "section", "h1", "h2", "h3", "h4", "h5", "h6"}


def _element_lines(element) -> list[str]:
    """An HTML element's text as lines: a `<br>` or a block inside breaks the line."""
    parts: list[str] = []

    def visit(el) -> None:
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS and parts:
            parts.append(_LINE_BREAK)
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):  # not a comment
                visit(child)
            parts.append(child.tail or "")

    visit(element)
    return _lines("".join(parts))


def _lines(text: str) -> list[str]:
    """Text gathered with `_LINE_BREAK`s → its lines, spaces collapsed, empty ones dropped."""
    lines = (" ".join(line.split()) for line in text.split(_LINE_BREAK))
    return [unicodedata.normalize("NFC", line) for line in lines if line]


def _key(lines: list[str]) -> str:
    """A text compared whatever its line breaks and spacing."""
    return " ".join(" ".join(lines).split())


class _Builder:
    """Turns trafilatura's output tree (head, p, list, quote, table ...) into
    paragraphs and their layout, the headline first."""

    def __init__(self, captions: set[str]) -> None:
        self.captions = captions
        self.paragraphs: list[str] = []
        self.blocks: list[Block] = []
        self.skip: object = None  # the body's own headline, once put first
        self.titled = 0  # 1 once the headline is paragraph 1

    def article(self, body, title: str) -> None:
        """The headline as paragraph 1 (style Title), then the body in order.

        The headline is the `<h1>` the body starts with, or the body's heading that is
        the page's title (or an `<h1>` the title contains, as in `Title - Site name`),
        else the title from the page's metadata, when there is one.
        """
        heads = [] if body is None else list(body.iter("head"))
        starts = body is not None and len(body) and not (body.text or "").strip()
        first = body[0] if starts else None
        wanted = _key([title])
        for head in heads:
            text = _key(_text_lines(head))
            h1 = head.get("rend") == "h1"
            if text and (text == wanted or (h1 and (head is first or text in title))):
                self.skip, title = head, text
                break
        if title:
            self._append(self.add([title], "Title"))
            self.titled = 1
        if body is None:
            return
        if body.text and body.text.strip():
            self._append(self.add(_lines(body.text)))
        for child in body:
            self.element(child, self.blocks)

    def add(self, lines: list[str], style: str = "") -> Para | None:
        if not lines:
            return None
        if not style and _key(lines) in self.captions:
            style = "Caption"
        self.paragraphs.append("\n".join(lines))
        return Para(len(self.paragraphs), style)

    def _append(self, para: Para | None, into: list[Block] | None = None) -> None:
        if para is not None:
            (self.blocks if into is None else into).append(para)

    def element(self, el, into: list) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if el is self.skip:
            return
        if tag == "head":
            level = _HEADING.fullmatch(el.get("rend") or "")
            style = f"Heading {level.group(1)}" if level else "Heading 2"
            self._append(self.add(_text_lines(el), style), into)
        elif tag == "list":
            style = "List Number" if el.get("rend") == "ol" else "List Bullet"
            for item in el:
                nested = [c for c in item if c.tag == "list"]
                for sub in nested:
                    item.remove(sub)
                self._append(self.add(_text_lines(item), style), into)
                for sub in nested:
                    self.element(sub, into)
        elif tag == "quote":
            blocks = [c for c in el if c.tag in ("p", "head", "list")]
            for child in blocks or [el]:
                self._append(self.add(_text_lines(child), "Quote"), into)
        elif tag == "table":
            self._table(el, into)
        elif tag in ("div", "main", "body", "section", "article"):
            for child in el:
                self.element(child, into)
        elif tag and tag != "graphic":
            self._append(self.add(_text_lines(el)), into)

    def _table(self, el, into: list) -> None:
        rows = []
        for row in el.iter("row"):
            cells = []
            for cell in row.iterchildren("cell"):
                paras: list[Block] = []
                if any(c.tag in ("p", "list", "head") for c in cell):
                    for child in cell:
                        self.element(child, paras)
                else:
                    self._append(self.add(_text_lines(cell)), paras)
                cells.append(tuple(p for p in paras if isinstance(p, Para)))
            rows.append(tuple(cells))
        if any(any(cell for cell in row) for row in rows):
            into.append(Table(tuple(rows), "Table Grid"))


def _text_lines(el) -> list[str]:
    """The text of an element of trafilatura's output: `<lb/>` is a line break."""
    parts: list[str] = []

    def visit(node) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "lb":
                parts.append(_LINE_BREAK)
            elif isinstance(child.tag, str):
                visit(child)
            parts.append(child.tail or "")

    visit(el)
    return _lines("".join(parts))
