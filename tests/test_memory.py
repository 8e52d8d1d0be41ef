"""The review round trip: re-running translate never loses or changes a reviewer's work.

The runs go through the real pipeline on the copy model (the engine is real; a
recording wrapper only notes what it is sent).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translit.engines import CT2Engine
from translit.models import find_model
from translit.pipeline import translate_paths


class Recording:
    """The real engine, recording what it is sent (the engine is not replaced)."""

    def __init__(self, engine):
        self.engine, self.inputs = engine, []

    @property
    def fingerprint(self) -> str:
        return self.engine.fingerprint

    def translate(self, texts, progress=None, num_hypotheses=1, **options):
        self.inputs.extend(texts)
        return self.engine.translate(texts, progress, num_hypotheses, **options)


@pytest.fixture
def engine(with_model):
    return Recording(CT2Engine(find_model()))


MSGFMT = shutil.which("msgfmt")


def run(folder: Path, text: str, engine) -> list[polib.POEntry]:
    """Translate bai.txt into out/; the PO must pass `msgfmt -c` (gettext's own check)."""
    (folder / "bai.txt").write_text(text, encoding="utf-8")
    engine.inputs.clear()
    report = translate_paths([folder / "bai.txt"], folder / "out", engine)
    assert not report.errors
    po_path = folder / "out" / "bai.po"
    if MSGFMT:
        check = subprocess.run(
            [MSGFMT, "-c", "-o", os.devnull, str(po_path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
    return list(polib.pofile(str(po_path)))


def edit(folder: Path, change) -> None:
    """Edit the PO the way a reviewer's tool does (polib reads and saves it)."""
    path = folder / "out" / "bai.po"
    po = polib.pofile(str(path))
    for entry in po:
        change(entry)
    po.save()


def approve(entry: polib.POEntry, text: str | None = None) -> None:
    if text is not None:
        entry.msgstr = text
    entry.flags = [f for f in entry.flags if f != "fuzzy"]


A = "Chính phủ công bố gói hỗ trợ mới cho nông dân."
B = "Gói hỗ trợ trị giá hàng nghìn tỷ đồng."
C = "Nhiều tỉnh đã bắt đầu giải ngân từ tuần trước."
D = "Các chuyên gia kêu gọi minh bạch trong quá trình thực hiện."


def test_unchanged_reviewed_article_sends_nothing_to_the_engine(engine, tmp_path):
    entries = run(tmp_path, f"{A} {B}\n\n{C}\n", engine)
    assert len(engine.inputs) == 3 and all(e.fuzzy for e in entries)
    edit(tmp_path, lambda e: approve(e, f"EN: {e.msgid}"))
    again = run(tmp_path, f"{A} {B}\n\n{C}\n", engine)
    assert engine.inputs == []
    assert [(e.msgstr, e.fuzzy) for e in again] == [(f"EN: {s}", False) for s in (A, B, C)]


def test_only_new_sentences_go_to_the_engine_and_machine_output_is_kept(engine, tmp_path):
    run(tmp_path, f"{A} {B}\n", engine)
    edit(tmp_path, lambda e: approve(e, "Reviewed A.") if e.msgid == A else None)
    entries = run(tmp_path, f"{A} {B}\n\n{C}\n", engine)
    assert engine.inputs == [C]
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in entries] == [
        (A, "Reviewed A.", False),
        (B, B, True),  # the copy model's output, still awaiting review
        (C, C, True),
    ]


def test_an_edited_fuzzy_entry_and_a_note_are_kept_exactly(engine, tmp_path):
    run(tmp_path, f"{A}\n", engine)

    def change(entry):
        entry.msgstr, entry.tcomment = "Draft by the reviewer.", "ask the desk"

    edit(tmp_path, change)
    (entry,) = run(tmp_path, f"{A}\n", engine)
    assert (entry.msgstr, entry.fuzzy, entry.tcomment) == (
        "Draft by the reviewer.",
        True,
        "ask the desk",
    )
    assert engine.inputs == []


def test_a_changed_sentence_keeps_the_reviewed_english_as_fuzzy_with_previous_msgid(
    engine, tmp_path
):
    run(tmp_path, f"{A} {B}\n", engine)
    edit(tmp_path, lambda e: approve(e, f"EN: {e.msgid}"))
    changed = B.replace("hàng nghìn", "hơn một nghìn")
    entries = run(tmp_path, f"{A} {changed}\n", engine)
    assert engine.inputs == []  # the reviewer's English is the better starting point
    second = entries[1]
    assert (second.msgid, second.msgstr, second.fuzzy) == (changed, f"EN: {B}", True)
    assert second.previous_msgid == B
    assert f'#| msgid "{B}"' in (tmp_path / "out" / "bai.po").read_text(encoding="utf-8")


def test_an_edit_undone_brings_the_sentence_back_approved(engine, tmp_path):
    run(tmp_path, f"{A} {B}\n", engine)
    edit(tmp_path, lambda e: approve(e, f"EN: {e.msgid}"))
    changed = B.replace("hàng nghìn", "hơn một nghìn")
    entries = run(tmp_path, f"{A} {changed}\n", engine)
    # the approved entry stays in the PO (obsolete) while the changed sentence borrows it
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in entries if e.obsolete] == [(B, f"EN: {B}", False)]
    restored = run(tmp_path, f"{A} {B}\n", engine)
    assert engine.inputs == []
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in restored if not e.obsolete] == [
        (A, f"EN: {A}", False),
        (B, f"EN: {B}", False),
    ]


def test_a_changed_sentence_whose_english_was_unreviewed_is_translated_again(engine, tmp_path):
    run(tmp_path, f"{A} {B}\n", engine)
    changed = B.replace("hàng nghìn", "hơn một nghìn")
    entries = run(tmp_path, f"{A} {changed}\n", engine)
    assert engine.inputs == [changed]
    assert entries[1].msgstr == changed and entries[1].previous_msgid is None


def test_a_removed_sentence_becomes_obsolete_and_comes_back_when_restored(engine, tmp_path):
    run(tmp_path, f"{A} {B} {C}\n", engine)
    edit(tmp_path, lambda e: approve(e, f"EN: {e.msgid}"))
    entries = run(tmp_path, f"{A} {C}\n", engine)
    active = [(e.msgid, e.msgstr) for e in entries if not e.obsolete]
    assert active == [(A, f"EN: {A}"), (C, f"EN: {C}")]
    assert [(e.msgid, e.msgstr) for e in entries if e.obsolete] == [(B, f"EN: {B}")]
    assert "#~ msgid" in (tmp_path / "out" / "bai.po").read_text(encoding="utf-8")
    restored = run(tmp_path, f"{A} {B} {C}\n", engine)
    assert engine.inputs == []
    assert [(e.msgstr, e.fuzzy, e.obsolete) for e in restored] == [
        (f"EN: {s}", False, False) for s in (A, B, C)
    ]


def test_a_sentence_that_moved_keeps_its_review(engine, tmp_path):
    run(tmp_path, f"{A}\n\n{B}\n", engine)
    edit(tmp_path, lambda e: approve(e, f"EN: {e.msgid}"))
    entries = run(tmp_path, f"{D}\n\n{B}\n\n{A}\n", engine)
    assert engine.inputs == [D]
    assert [(e.msgctxt, e.msgstr, e.fuzzy) for e in entries] == [
        ("p1.s1", D, True),
        ("p2.s1", f"EN: {B}", False),
        ("p3.s1", f"EN: {A}", False),
    ]


def test_a_repeated_sentence_keeps_each_occurrences_english_when_the_article_shifts(
    engine, tmp_path
):
    said = "Ông ấy nói: “Không.”"
    run(tmp_path, f"{said}\n\n{A}\n\n{said}\n", engine)
    answers = iter(["He said: “No.”", "Then he repeated: “No.”"])
    edit(tmp_path, lambda e: approve(e, next(answers)) if e.msgid == said else None)
    entries = run(tmp_path, f"{D}\n\n{said}\n\n{A}\n\n{said}\n", engine)
    assert [e.msgstr for e in entries if e.msgid == said] == [
        "He said: “No.”",
        "Then he repeated: “No.”",
    ]


def test_a_dropped_repeat_leaves_no_duplicate_entry(engine, tmp_path):
    caption = "Ảnh minh họa."
    run(tmp_path, f"{caption}\n\n{caption}\n", engine)
    seen = iter([False, True])
    edit(tmp_path, lambda e: approve(e, "Illustration.") if next(seen) else None)
    entries = run(tmp_path, f"{caption}\n", engine)  # run() checks it with msgfmt -c
    assert [(e.msgctxt, e.msgstr, e.fuzzy) for e in entries if not e.obsolete] == [
        ("p1.s1", "Illustration.", False)
    ]
    # the other entry's (unapproved) English is kept, under a key of its own
    (old,) = [e for e in entries if e.obsolete]
    assert (old.msgid, old.msgstr) == (caption, caption) and old.msgctxt != "p1.s1"


# --- the property: whatever a reviewer does and however the article changes ---------

POOL = [
    A,
    B,
    C,
    D,
    B.replace("hàng nghìn", "hơn một nghìn"),  # a changed version of B
    "Ảnh: Minh Anh",
    "Người dân phấn khởi.",
    "Người dân rất phấn khởi.",  # a changed version of the one before
    "Bộ Tài chính sẽ báo cáo Quốc hội vào cuối năm.",
]

articles = st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=3), min_size=1, max_size=4)
# what the reviewer does to each entry: nothing, approve, edit, edit and approve
actions = st.lists(st.sampled_from(["keep", "approve", "edit", "edit+approve"]), max_size=12)


def text_of(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=articles, reviewer=actions, second=articles)
def test_no_reviewed_text_is_ever_lost_or_changed(engine, first, reviewer, second):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(folder, text_of(first), engine)
        reviewed: list[tuple[str, str, bool]] = []  # source, English, approved
        counter = iter(range(1000))

        def review(entry):
            action = reviewer[next(counter) % len(reviewer)] if reviewer else "keep"
            if "edit" in action:
                entry.msgstr = f"Reviewer's English {len(reviewed)}."
            if "approve" in action:
                approve(entry)
            if action != "keep":
                reviewed.append((entry.msgid, entry.msgstr, "approve" in action))

        edit(folder, review)
        entries = run(folder, text_of(second), engine)
        approved: dict[str, list[str]] = {}
        for source, english, was_approved in reviewed:
            # never lost: the text is in the file, active or obsolete
            assert english in [e.msgstr for e in entries]
            if was_approved:
                approved.setdefault(source, []).append(english)
        for source, texts in approved.items():
            # never changed: each occurrence still there keeps an approved English
            active = [e for e in entries if e.msgid == source and not e.obsolete]
            kept = [e for e in active if e.msgstr in texts and not e.fuzzy]
            assert len(kept) >= min(len(texts), len(active))
        # and once the article is stable, a re-run sends nothing and changes nothing
        again = run(folder, text_of(second), engine)
        assert engine.inputs == []
        assert [(e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in again] == [
            (e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in entries
        ]
