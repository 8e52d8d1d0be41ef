"""One PO entry changed in place (translit.serve.edit): every other byte kept, and the
file still valid for gettext's own `msgfmt -c`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translit.document import Document, Segment
from translit.formats import RunInfo, po
from translit.io import split_paragraphs
from translit.segment import segment_paragraphs
from translit.serve.edit import EntryChange, NoSuchEntry, edit_entry

RUN = RunInfo(tool_version="test", model="copy 1.9", created="2026-11-24 10:00+0000")
ARTICLE = (
    "Giá điện tăng từ tháng sau\n\n"
    + " ".join(f"Câu số {n} nói về giá điện ở Hà Nội." for n in range(1, 12))
    + "\n\nNgười dân lo lắng về chi phí sinh hoạt.\n"
)


def rendered() -> str:
    paragraphs, layout = split_paragraphs(ARTICLE)
    doc = Document("gia-dien", Path("gia-dien.txt"), paragraphs, layout=layout)
    doc.segments = segment_paragraphs(paragraphs)
    for seg in doc.segments:
        seg.target, seg.fuzzy, seg.origin = f"English of {seg.key}.", True, "machine"
    doc.segments[2].previous_source = "Câu cũ."
    gone = Segment(key="p9.s1", source="Câu đã bị xoá.", paragraph=9, start=0, end=14)
    gone.target = "Gone."
    doc.obsolete = [gone]
    return po.render(doc, RUN)


def msgfmt_check(text: str, tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed (apt-get install gettext)")
    path = tmp_path / "check.po"
    path.write_bytes(text.encode("utf-8"))
    out = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()


def entry(text: str, key: str) -> polib.POEntry:
    return next(e for e in polib.pofile(text) if e.msgctxt == key and not e.obsolete)


def changed_lines(before: str, after: str) -> list[str]:
    """Lines of `after` not in `before` (the rest must be the old lines, in order)."""
    import difflib

    diff = difflib.ndiff(before.split("\n"), after.split("\n"))
    return [line[2:] for line in diff if line.startswith(("+ ", "- "))]


def test_an_edit_changes_only_that_entry(tmp_path):
    before = rendered()
    change = EntryChange("Electricity prices rise.", fuzzy=False, notes="", comment="kiểm tra")
    after = edit_entry(before, "p2.s1", change)
    e = entry(after, "p2.s1")
    assert (e.msgstr, e.fuzzy, e.tcomment, e.comment) == (
        "Electricity prices rise.",
        False,
        "kiểm tra",
        "",
    )
    # p2.s10 and p2.s11 also contain "p2.s1": they are untouched
    assert entry(after, "p2.s10").msgstr == "English of p2.s10."
    start = before.index('msgctxt "p2.s1"')
    block_start = before.rindex("\n\n", 0, start) + 2
    block_end = before.index("\n\n", start)
    head, tail = before[:block_start], before[block_end:]
    assert after.startswith(head) and after.endswith(tail)  # byte for byte around it
    msgfmt_check(after, tmp_path)


def test_saving_an_unchanged_entry_rewrites_nothing():
    before = rendered()
    e = entry(before, "p2.s3")
    change = EntryChange(e.msgstr, fuzzy=True, notes=e.comment)
    assert edit_entry(before, "p2.s3", change) == before


def test_approving_drops_the_fuzzy_flag_and_the_previous_source(tmp_path):
    before = rendered()
    assert entry(before, "p2.s2").previous_msgid == "Câu cũ."
    after = edit_entry(before, "p2.s2", EntryChange("Reviewed.", fuzzy=False, notes=""))
    e = entry(after, "p2.s2")
    assert not e.fuzzy and e.previous_msgid is None
    again = edit_entry(after, "p2.s2", EntryChange("Reviewed.", fuzzy=True, notes=""))
    assert entry(again, "p2.s2").fuzzy
    msgfmt_check(again, tmp_path)


def test_a_po_editors_file_keeps_its_header_comments_crlf_bom_and_obsolete_entries(tmp_path):
    # as another tool may leave it: a BOM, CRLF line ends, a longer header comment,
    # its own header fields and flags
    text = rendered().replace(
        "# gia-dien.txt:", "# Bản dịch đã kiểm tra.\n# Người dịch: Lan\n# gia-dien.txt:"
    )
    text = text.replace('"X-Generator: translit test\\n"', '"X-Poedit-Basepath: .\\n"')
    text = "\ufeff" + text.replace("\n", "\r\n")
    after = edit_entry(text, "p3.s1", EntryChange("People worry.", fuzzy=False, notes=""))
    assert after.startswith("\ufeff# Bản dịch đã kiểm tra.\r\n# Người dịch: Lan\r\n")
    assert "\n" not in after.replace("\r\n", "")  # every line end still CRLF
    others = [line for line in changed_lines(text, after) if line]
    assert all(
        not line.startswith(("#~", '"X-', "# Bản")) and "Gone." not in line for line in others
    )
    assert '#~ msgstr "Gone."' in after
    msgfmt_check(after.lstrip("\ufeff").replace("\r\n", "\n"), tmp_path)


def test_entries_without_blank_lines_between_them_are_still_edited():
    text = rendered()
    squeezed = text.replace("\n\n#", "\n#")  # one block: polib rewrites the whole file
    after = edit_entry(squeezed, "p2.s4", EntryChange("Fourth.", fuzzy=False, notes=""))
    po_after = polib.pofile(after)
    assert entry(after, "p2.s4").msgstr == "Fourth."
    before = {e.msgctxt: e.msgstr for e in polib.pofile(text)}
    assert {e.msgctxt: e.msgstr for e in po_after} == {**before, "p2.s4": "Fourth."}
    assert po_after.metadata == polib.pofile(text).metadata


def test_an_unknown_or_obsolete_key_is_no_such_entry():
    text = rendered()
    for key in ("p7.s7", "p9.s1"):  # p9.s1 exists, but only as an obsolete entry
        with pytest.raises(NoSuchEntry):
            edit_entry(text, key, EntryChange("x", fuzzy=False, notes=""))


def test_the_reviewers_comment_stays_unless_the_edit_sets_one():
    text = edit_entry(
        rendered(), "p2.s5", EntryChange("A.", False, "", comment="dòng một\ndòng hai")
    )
    kept = edit_entry(text, "p2.s5", EntryChange("B.", True, ""))
    assert (entry(kept, "p2.s5").tcomment, entry(kept, "p2.s5").msgstr) == (
        "dòng một\ndòng hai",
        "B.",
    )
    cleared = edit_entry(kept, "p2.s5", EntryChange("B.", True, "", comment=""))
    assert entry(cleared, "p2.s5").tcomment == ""
