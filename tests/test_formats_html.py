"""`<id>.html` in a real browser: headless Chromium loads the page from disk (no
network), and the tests read the DOM it built (`--dump-dom`) and its screenshot."""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest

from tests.browser import Node, chromium, dom
from tests.sample_docs import RUN, SCRIPT_EN, SCRIPT_VI, sample_document
from translit.document import TermHit
from translit.formats import html

# --- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "mau.html"
    path.write_text(html.render(sample_document(), RUN), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def loaded_run(page) -> subprocess.CompletedProcess[bytes]:
    return chromium(page.parent, "--dump-dom", page.as_uri())


@pytest.fixture(scope="module")
def loaded(loaded_run) -> Node:
    return dom(loaded_run.stdout)


@pytest.fixture(scope="module")
def filtered(page) -> Node:
    return dom(chromium(page.parent, "--dump-dom", page.as_uri() + "#flagged").stdout)


def rows(document: Node) -> dict[str, Node]:
    return {tr.attrs["id"]: tr for tr in document.all("tr", "seg")}


def cell(row: Node, cls: str) -> Node:
    return row.all("td", cls)[0]


# --- what a reviewer sees --------------------------------------------------------------


def test_one_row_per_segment_in_paragraph_groups(loaded):
    doc = sample_document()
    assert list(rows(loaded)) == [s.key for s in doc.segments]
    bodies = loaded.all("tbody", "para")
    assert [b.attrs["data-paragraph"] for b in bodies] == ["1", "2", "3"]
    assert [len(b.all("tr", "seg")) for b in bodies] == [2, 2, 1]
    for seg in doc.segments:
        row = rows(loaded)[seg.key]
        assert seg.status in row.classes
        assert cell(row, "key").text() == seg.key
        assert cell(row, "status").all("span", "badge")[0].text() == seg.status


def test_glossary_terms_are_highlighted_on_both_sides_with_titles(loaded):
    by_key = rows(loaded)
    source = cell(by_key["p1.s1"], "src").all("mark", "term")
    assert [m.text() for m in source] == ["Mátxcơva", "Moskva"]
    assert [m.attrs["title"] for m in source] == [
        "glossary: Mátxcơva → Moscow",
        "glossary: Moskva → Moscow",
    ]
    # the English has the term twice: both are marked, each naming both variants
    target = cell(by_key["p1.s1"], "tgt").all("mark", "term")
    assert [m.text() for m in target] == ["Moscow", "Moscow"]
    assert {m.attrs["title"] for m in target} == {
        "glossary: Mátxcơva → Moscow; glossary: Moskva → Moscow"
    }
    # a lowercase term found capitalized where it starts the sentence
    target = cell(by_key["p1.s2"], "tgt").all("mark", "term")
    assert [(m.text(), m.attrs["title"]) for m in target] == [
        ("The White House", "glossary: Nhà Trắng → the White House")
    ]
    # a term the English lacks: marked as missing in the source, nothing in the English
    lost = cell(by_key["p2.s2"], "src").all("mark", "term")
    assert [(m.text(), "missing" in m.classes) for m in lost] == [("Ukraina", True)]
    assert "not in the English" in lost[0].attrs["title"]
    assert cell(by_key["p2.s2"], "tgt").all("mark") == []
    total = sum(len(cell(r, "src").all("mark", "term")) for r in by_key.values())
    assert total == sum(len(s.hits) for s in sample_document().segments)  # untranslated too


def test_article_markup_is_text_not_elements(loaded):
    # the page's own script is the only script element; the article's are text
    assert len(loaded.all("script")) == 1
    by_key = rows(loaded)
    assert cell(by_key["p1.s2"], "src").text().startswith(SCRIPT_VI)
    assert cell(by_key["p1.s2"], "tgt").text() == SCRIPT_EN
    assert "↵" in cell(by_key["p1.s2"], "src").text()  # the source's line break


def test_untranslated_segment_shows_the_glossary_hints(loaded):
    english = cell(rows(loaded)["p2.s1"], "tgt")
    assert "not translated" in english.text()
    hints = [li.text() for li in english.all("li")]
    assert hints == ["Kiev → Kyiv", "Mátxcơva → Moscow"]


def test_findings_are_listed_in_their_row(loaded):
    by_key = rows(loaded)
    findings = cell(by_key["p2.s2"], "status").all("li")
    assert [(sorted(li.classes), li.all("b")[0].text()) for li in findings] == [
        (["error"], "term-missing"),
        (["warning"], "length-ratio"),
    ]
    assert {"flagged", "has-error"} <= by_key["p2.s2"].classes
    assert "flagged" in by_key["p3.s1"].classes  # reviewed, but with an info finding
    assert "flagged" not in by_key["p1.s1"].classes


def test_header_counts(loaded):
    counts = {li.attrs["data-count"]: li.all("b")[0].text() for li in loaded.all("li")
              if "data-count" in li.attrs}  # fmt: skip
    assert counts == {
        "segments": "5",
        "reviewed": "2",
        "fuzzy": "2",
        "untranslated": "1",
        "hits": "6",
        "findings-error": "1",
        "findings-warning": "1",
        "findings-info": "1",
    }
    flagged = [s for s in loaded.all("span") if s.attrs.get("data-count") == "flagged"]
    assert flagged[0].text() == "4"


def test_style_and_script_run_under_the_pages_content_security_policy(loaded_run):
    # Chromium logs a refused inline block or a script error as a console message
    console = [
        line
        for line in loaded_run.stderr.decode(errors="replace").splitlines()
        if "CONSOLE" in line
    ]
    assert console == []


def test_all_rows_show_without_the_fragment(loaded):
    assert [k for k, r in rows(loaded).items() if "hidden" in r.attrs] == []


def test_flagged_fragment_shows_only_flagged_rows(filtered):
    by_key = rows(filtered)
    hidden = [k for k, r in by_key.items() if "hidden" in r.attrs]
    assert hidden == ["p1.s1"]  # the one reviewed row without findings
    assert all("flagged" in by_key[k].classes for k in by_key if k not in hidden)


def test_a_paragraph_with_no_flagged_row_is_hidden_whole(tmp_path):
    doc = sample_document()
    doc.segments[1].fuzzy = False  # p1.s2 reviewed, no findings: paragraph 1 is done
    page = tmp_path / "done.html"
    page.write_text(html.render(doc, RUN), encoding="utf-8")
    shown = dom(chromium(tmp_path, "--dump-dom", page.as_uri() + "#flagged").stdout)
    bodies = {b.attrs["data-paragraph"]: "hidden" in b.attrs for b in shown.all("tbody", "para")}
    assert bodies == {"1": True, "2": False, "3": False}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshot_shows_a_rendered_page(page, tmp_path):
    shot, blank_shot = tmp_path / "page.png", tmp_path / "blank.png"
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    size = "--window-size=1280,900"
    chromium(tmp_path, size, f"--screenshot={shot}", page.as_uri())
    chromium(tmp_path, size, f"--screenshot={blank_shot}", blank.as_uri())
    data = shot.read_bytes()
    assert png_size(data) == (1280, 900)
    # an empty page compresses to almost nothing; text, tables and colours do not
    assert len(data) > 5 * len(blank_shot.read_bytes())


# --- self-contained and safe, read from the file itself --------------------------------


def test_page_needs_nothing_from_outside(page):
    text = page.read_text(encoding="utf-8")
    references = re.findall(r"""\b(?:src|href|action|srcset)\s*=\s*["']?([^"'\s>]*)""", text)
    assert references and all(ref.startswith("#") for ref in references)
    assert "@import" not in text and "url(" not in text
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert policy and "default-src 'none'" in policy.group(1)
    assert "'unsafe-inline'" not in policy.group(1)


def test_hits_without_offsets_are_found_by_their_variant():
    # `translit build` reads hits back from a PO comment ("glossary: Moskva → Moscow"),
    # which has no offsets: the page still marks each variant, once per hit
    seg = sample_document().segments[0]
    for hit in seg.hits:
        hit.start = hit.end = 0
    spans = [(s, e) for s, e, _ in html.source_spans(seg)]
    assert [seg.source[s:e] for s, e in spans] == ["Mátxcơva", "Moskva"]
    seg.hits.append(TermHit("Moscow", "Moskva", 0, 0, "Moscow"))  # a second Moskva
    seg.source += " Moskva."
    spans = [(s, e) for s, e, _ in html.source_spans(seg)]
    assert [seg.source[s:e] for s, e in spans] == ["Mátxcơva", "Moskva", "Moskva"]
    assert spans[1] != spans[2]
