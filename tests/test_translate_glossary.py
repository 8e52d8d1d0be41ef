"""Glossary enforcement end to end: real CLI, copy model, shipped and custom glossaries."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.match import compile_matcher

# Written for the tests, with the name variants news sites mix within and across
# articles (the seeds show each of these families).
ARTICLE_ONE = """Nhà Trắng: Tổng thống J.Biden điện đàm với V.Putin về Ukraina

Tối 7.12, Tổng thống Mỹ Joe Biden và Tổng thống Nga Vladimir Putin đã hội đàm trực tuyến. \
Theo Điện Kremlin, hai bên bàn về các thỏa thuận Minsk, hạt nhân Iran và Syria.

Nhà trắng cho biết Washington và các đồng minh châu Âu lo ngại việc Nga điều quân gần \
biên giới Ukraine. Mátxcơva bác bỏ cáo buộc và yêu cầu NATO không mở rộng về phía đông.

Ông Putin cho rằng chính quyền Kiev vi phạm thỏa thuận. Hai nhà lãnh đạo từng gặp nhau \
tại Geneva (Thụy Sĩ) hồi tháng 6.

Tổng thống Joe Biden phát biểu tại Nhà Trắng ngày 7.12. Ảnh: AFP
"""

ARTICLE_TWO = """Quan hệ Nga-Mỹ sau Thế chiến thứ hai

Theo RT và Sputnik, Mát-xcơ-va muốn Hoa Kỳ đảm bảo an ninh bằng văn bản. Moskva nhắc \
lại rằng người tiền nhiệm của ông Biden là Donald Trump đã rút khỏi thỏa thuận hạt \
nhân Iran năm 2018.

Hai nước từng là đồng minh sau trận Trân Châu Cảng, trước khi bước vào chiến tranh lạnh.
"""

# What the issue requires, whatever else the shipped glossary holds.
REQUIRED = {
    "Ukraina": "Ukraine",
    "Mátxcơva": "Moscow",
    "Mát-xcơ-va": "Moscow",
    "Moskva": "Moscow",
    "Kiev": "Kyiv",
    "Nhà Trắng": "the White House",
    "Nhà trắng": "the White House",
    "J.Biden": "Joe Biden",
    "V.Putin": "Vladimir Putin",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hoi-dam.txt").write_text(ARTICLE_ONE, encoding="utf-8")
    (folder / "quan-he.txt").write_text(ARTICLE_TWO, encoding="utf-8")
    return folder


def translated(out: Path, doc_id: str) -> list[polib.POEntry]:
    return list(polib.pofile(str(out / f"{doc_id}.po")))


def test_shipped_glossary_makes_every_variant_canonical(with_model, run_cli, articles, tmp_path):
    result = run_cli("translate", str(articles), "-o", "out")
    assert result.exit_code == 0, result.output
    glossary = load_glossaries(shipped_glossaries())
    matcher = compile_matcher(glossary)
    out = tmp_path / "out"
    seen: dict[str, str] = {}
    for doc_id in ("hoi-dam", "quan-he"):
        for entry in translated(out, doc_id):
            for hit in matcher.find(entry.msgid):
                seen[hit.text] = hit.english
                # its English is in the English (copy model: inline terms survive): the
                # canonical term, or the variant's own (a surname stays a surname)
                assert re.search(rf"(?<!\w){re.escape(hit.english)}(?!\w)", entry.msgstr, re.I)
            # no Vietnamese variant is left in the English (only accepted forms match)
            for left in matcher.find(entry.msgstr):  # ("The Kremlin" may start a sentence)
                accepted = {form.lower() for form in left.entry.accepted}
                assert left.text.lower() in accepted, (entry.msgctxt, left.text)
            # no English variant the glossary forbids is left either
            for term in glossary.entries.values():
                for variant in term.en_variants:
                    if variant != term.term and variant not in term.term:
                        assert not re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", entry.msgstr)
        english = (out / f"{doc_id}.en.txt").read_text(encoding="utf-8")
        assert "Mátxcơva" not in english and "Moskva" not in english and "Kiev" not in english
    for variant, term in REQUIRED.items():
        assert seen.get(variant) == term, variant
    assert "glossary hits" in result.stderr and "0 missing" in result.stderr


def test_po_lists_glossary_hits_in_extracted_comments(with_model, run_cli, articles, tmp_path):
    assert run_cli("translate", str(articles), "-o", "out").exit_code == 0
    entries = translated(tmp_path / "out", "quan-he")
    first = entries[1]  # "Theo RT và Sputnik, Mát-xcơ-va muốn Hoa Kỳ ..."
    # the copy model writes no English: the term replaced the span aligned to it
    assert "glossary: Mát-xcơ-va → Moscow (aligned)" in first.comment.splitlines()
    assert "glossary: RT → RT" in first.comment.splitlines()  # the model's own: no label
    heading = translated(tmp_path / "out", "hoi-dam")[0]
    assert heading.msgstr.startswith("The White House: ")  # capitalized at sentence start


def test_custom_glossary_overrides_and_no_glossary(with_model, run_cli, articles, tmp_path):
    mine = tmp_path / "desk.yaml"
    mine.write_text(
        "glossary: desk\nsource: vi\ntarget: en\nentries:\n"
        "  Kiev:\n    vi: [Kiev]\n    note: our desk keeps the old spelling\n",
        encoding="utf-8",
    )
    shipped = [str(p) for p in shipped_glossaries()]
    args = [a for p in shipped for a in ("-g", p)]
    assert run_cli("translate", str(articles), "-o", "out", *args, "-g", str(mine)).exit_code == 0
    english = (tmp_path / "out" / "hoi-dam.en.txt").read_text(encoding="utf-8")
    assert "chính quyền Kiev" in english and "Kyiv" not in english

    assert run_cli("translate", str(articles), "-o", "raw", "--no-glossary").exit_code == 0
    raw = (tmp_path / "raw" / "hoi-dam.en.txt").read_text(encoding="utf-8")
    assert raw.splitlines()[0] == ARTICLE_ONE.splitlines()[0]


def test_every_term_strategy_gives_the_same_english_on_the_copy_model(
    with_model, run_cli, articles, tmp_path
):
    # the copy model writes no English, so verify repairs every hit (the span aligned
    # to it); inline and placeholder put the terms in before translation
    runs = {}
    for strategy in ("verify", "inline", "placeholder"):
        result = run_cli("translate", str(articles), "-o", strategy, "--term-strategy", strategy)
        assert result.exit_code == 0, result.output
        runs[strategy] = result.stderr
    for name in ("hoi-dam.en.txt", "quan-he.en.txt"):
        inline = (tmp_path / "inline" / name).read_text(encoding="utf-8")
        assert (tmp_path / "placeholder" / name).read_text(encoding="utf-8") == inline
        assert (tmp_path / "verify" / name).read_text(encoding="utf-8") == inline
    # the summary says how the terms got in; on the copy model only names written the
    # same in both languages (Washington, Iran, RT, ...) are the model's own
    summary = re.compile(r"(\d+) glossary hits from [^(]*\((\d+) applied: ([^;]*); 0 missing\)")
    counts = {s: summary.search(err) for s, err in runs.items()}
    assert all(counts.values()), runs
    hits = {s: int(m.group(1)) for s, m in counts.items()}
    assert len(set(hits.values())) == 1
    verify = dict(reversed(part.split(" ", 1)) for part in counts["verify"].group(3).split(", "))
    assert set(verify) <= {"model", "rewrite", "aligned"} and int(verify["aligned"]) > 0
    assert sum(map(int, verify.values())) == hits["verify"]
    assert counts["inline"].group(3).endswith(" inline")
    assert "placeholder" in counts["placeholder"].group(3)


class Recording:
    """The real engine, recording what it is given (the engine is not replaced)."""

    def __init__(self, engine):
        self.engine, self.inputs = engine, []

    @property
    def fingerprint(self) -> str:
        return self.engine.fingerprint

    def translate(self, texts, progress=None, num_hypotheses=1, **options):
        self.inputs.append(list(texts))
        return self.engine.translate(texts, progress, num_hypotheses, **options)


@pytest.mark.parametrize(
    ("strategy", "sent"),
    [
        ("verify", "Phía Mátxcơva cho biết"),
        ("inline", "Phía Moscow cho biết"),
        ("placeholder", "Phía TERM1 cho biết"),
    ],
)
def test_the_engine_gets_what_the_term_strategy_says(with_model, strategy, sent):
    from translit.document import Document
    from translit.engines import CT2Engine
    from translit.glossary.enforce import term_policy
    from translit.models import find_model
    from translit.pipeline import NoProgress, translate_documents
    from translit.segment import segment_paragraphs

    doc = Document("d", Path("d.txt"), ["Phía Mátxcơva cho biết."])
    doc.segments = segment_paragraphs(doc.paragraphs)
    engine = Recording(CT2Engine(find_model()))
    policy = term_policy(load_glossaries(shipped_glossaries()), strategy)
    translate_documents([doc], engine, NoProgress(), policy)
    # verify: one call, the aligned repair needs no second one
    assert engine.inputs == [[sent + "."]]
    assert doc.segments[0].target == "Phía Moscow cho biết."


def test_invalid_glossary_is_a_one_line_error(with_model, run_cli, articles, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  Moscow:\n    vi: [Moskva\n", encoding="utf-8")
    result = run_cli("translate", str(articles), "-o", "out", "-g", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:") and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_term_the_model_loses_is_flagged_never_dropped(
    with_garble_model, run_cli, articles, tmp_path
):
    # the garble model never emits a capitalized piece, in any of its n-best hypotheses:
    # a term written inline is lost, and so is every retry
    result = run_cli(
        "translate", str(articles / "quan-he.txt"), "-o", "out", "--term-strategy", "inline"
    )
    assert result.exit_code == 0, result.output
    entry = translated(tmp_path / "out", "quan-he")[1]
    assert entry.fuzzy
    assert "error term-missing: glossary term “Moscow” (for “Mát-xcơ-va”)" in entry.comment
    assert "glossary: Mát-xcơ-va → Moscow" in entry.comment.splitlines()  # no repair named
    assert "Moscow" not in entry.msgstr
    missing = re.search(r"(\d+) missing", result.stderr)
    assert missing and int(missing.group(1)) > 0


def test_verify_puts_the_term_where_the_model_garbled_it(
    with_garble_model, run_cli, articles, tmp_path
):
    # the garble model lowercases "Mát-xcơ-va" and "Hoa Kỳ" (and every capital); the
    # attention still points at them, so each term replaces exactly the garbled words
    result = run_cli("translate", str(articles / "quan-he.txt"), "-o", "out")
    assert result.exit_code == 0, result.output
    entry = translated(tmp_path / "out", "quan-he")[1]
    assert entry.msgid.startswith("Theo RT và Sputnik, Mát-xcơ-va muốn Hoa Kỳ đảm bảo")
    assert entry.msgstr.startswith("theo RT và Sputnik, Moscow muốn US đảm bảo")  # "theo" garbled
    assert "glossary: Mát-xcơ-va → Moscow (aligned)" in entry.comment.splitlines()
    assert "term-missing" not in entry.comment and entry.fuzzy
    assert re.search(r"\d+ glossary hits from [^(]*\((\d+) applied: (\d+) aligned; 0 missing\)",
                     result.stderr)  # fmt: skip


# The cases (names, compounds, acronyms), written for the tests: what the copy
# model returns is exactly what reaches the engine, so each sentence shows what the
# glossary did to it.
CASES = {
    "Ông Nguyễn Minh Đức và bà Trần Thị Mỹ Linh phát biểu.": (
        "Ông Nguyen Minh Duc và bà Tran Thi My Linh phát biểu."  # names (romanized), not countries
    ),
    "Ca sĩ Mỹ Tâm gặp Tổng thống Mỹ.": "Ca sĩ My Tam gặp Tổng thống US.",
    "Khối Bắc Đại Tây Dương họp tại Hà Lan.": "NATO họp tại the Netherlands.",
    "Liên minh châu Âu (EU) họp.": "European Union (EU) họp.",
    "Ông Biden gặp J.Biden.": "Ông Biden gặp Joe Biden.",  # a surname stays a surname
    "Hôm Chủ Nhật, Đức Vua đọc Nhật báo về Hiến Pháp.": (
        "Hôm Chủ Nhật, Đức Vua đọc Nhật báo về Hiến Pháp."  # compounds, not countries
    ),
    "Bắc Mỹ, Nam Mỹ và châu Mỹ.": "North America, South America và the Americas.",
    "Phía Mát\u00adxcơva lên tiếng.": "Phía Moscow lên tiếng.",  # a soft hyphen inside
}


def test_names_compounds_and_acronyms_through_the_cli(with_model, run_cli, tmp_path):
    article = "\n\n".join(CASES) + "\n"
    (tmp_path / "cases.txt").write_text(article, encoding="utf-8")
    result = run_cli("translate", "cases.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    english = [e.msgstr for e in polib.pofile(str(tmp_path / "out" / "cases.po"))]
    assert english == list(CASES.values())
    notes = [e.comment for e in polib.pofile(str(tmp_path / "out" / "cases.po"))]
    hits = [[n for n in note.splitlines() if n.startswith("glossary: ")] for note in notes]
    assert hits[1] == ["glossary: Mỹ → US (aligned)"]  # Tổng thống Mỹ, not Mỹ Tâm
    assert hits[0] == []  # no Germany, no US in the two names


def test_a_rejected_form_a_reviewer_left_is_marked_in_the_html(with_model, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Phái đoàn tới Ki-ép.\n", encoding="utf-8")
    assert run_cli("translate", "a.txt", "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "a.po"
    catalog = polib.pofile(str(po_path))
    catalog[0].msgstr = "The delegation went to Kiev."
    catalog.save()
    assert run_cli("build", str(po_path)).exit_code == 0
    html = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert '<mark class="rejected" title="“Kiev” should read “Kyiv” (glossary)">Kiev</mark>' in html
    check = run_cli("check", "out")
    findings = [line for line in check.stdout.splitlines() if line.split("\t")[1] != "status"]
    assert [line.split("\t")[3] for line in findings[:-1]] == ["term-variant"]
