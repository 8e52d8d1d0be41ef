"""Names end to end: the real CLI on the copy model, both styles, PO, HTML, check, glossary.

The copy model gives back what it is given, so the English it writes shows exactly what
translit put in the engine's input for each name: the house form, and nothing touched
around it (organisations, words that start a sentence).
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

# Written for the tests: people in full (two, three and four syllables), short mentions
# after a title, provinces, a district and streets named after people; organisations,
# titles and capitalized sentence starts that must stay as they are.
ARTICLE = """Thủ tướng Phạm Minh Chính thăm Quảng Ninh

Sáng 5.3, Thủ tướng Phạm Minh Chính và Bộ trưởng Bộ Y tế Nguyễn Thị Hồng đến Quảng Ninh. \
Ông Chính yêu cầu Chính phủ và Quốc hội sớm có giải pháp.

Hồ sơ của dự án do kỹ sư Lê Hùng lập. Bà Hồng cho biết bác sĩ Tôn Nữ Thị Ninh sẽ phụ trách.

Đoàn còn đến đường Lê Lợi, phố Trần Hưng Đạo (quận Hoàn Kiếm) và tỉnh Bà Rịa - Vũng Tàu.
"""

ROMANIZED = """Thủ tướng Pham Minh Chinh thăm Quang Ninh

Sáng March 5, Thủ tướng Pham Minh Chinh và Bộ trưởng Bộ Y tế Nguyen Thi Hong đến Quang Ninh. \
Ông Chinh yêu cầu Chính phủ và Quốc hội sớm có giải pháp.

Hồ sơ của dự án do kỹ sư Le Hung lập. Bà Hong cho biết bác sĩ Ton Nu Thi Ninh sẽ phụ trách.

Đoàn còn đến đường Le Loi, phố Tran Hung Dao (quận Hoan Kiem) và tỉnh Ba Ria - Vung Tau.
"""

NAMES = {
    "Phạm Minh Chính": "Pham Minh Chinh",
    "Quảng Ninh": "Quang Ninh",
    "Nguyễn Thị Hồng": "Nguyen Thi Hong",
    "Chính": "Chinh",
    "Lê Hùng": "Le Hung",
    "Hồng": "Hong",
    "Tôn Nữ Thị Ninh": "Ton Nu Thi Ninh",
    "Lê Lợi": "Le Loi",
    "Trần Hưng Đạo": "Tran Hung Dao",
    "Hoàn Kiếm": "Hoan Kiem",
    "Bà Rịa - Vũng Tàu": "Ba Ria - Vung Tau",
}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "tham.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def english(tmp_path: Path, out: str = "out") -> str:
    return (tmp_path / out / "tham.en.txt").read_text(encoding="utf-8")


def test_every_name_comes_out_romanized_and_nothing_else_is_touched(
    with_model, run_cli, article, tmp_path
):
    result = run_cli("translate", str(article), "-o", "out")
    assert result.exit_code == 0, result.output
    assert english(tmp_path) == ROMANIZED
    assert "13 names (13 in the house form)" in result.stderr
    comments = [e.comment for e in polib.pofile(str(tmp_path / "out" / "tham.po"))]
    notes = {line for comment in comments for line in comment.splitlines()}
    # the copy model keeps the Vietnamese, so verify puts each name in by alignment
    for vietnamese, house in NAMES.items():
        assert f"name: {vietnamese} → {house} (aligned)" in notes
    assert not any("name-" in line for line in notes)  # every name is in the English


def test_names_kept_with_diacritics_from_the_config_and_the_option(
    with_model, run_cli, article, tmp_path
):
    (tmp_path / "translit.toml").write_text('names = "diacritics"\n', encoding="utf-8")
    assert run_cli("translate", str(article), "-o", "kept").exit_code == 0
    # the names are as written; only the date is converted
    assert english(tmp_path, "kept") == ARTICLE.replace("Sáng 5.3", "Sáng March 5")
    assert run_cli("check", "kept").exit_code == 0
    # the option wins over the file
    assert run_cli("translate", str(article), "-o", "out", "--names", "romanized").exit_code == 0
    assert english(tmp_path) == ROMANIZED


def test_a_bad_names_setting_is_a_one_line_error(run_cli, article, tmp_path):
    (tmp_path / "translit.toml").write_text('names = "ascii"\n', encoding="utf-8")
    result = run_cli("translate", str(article), "--no-mt")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'translit.toml'}: names must be one of romanized, diacritics\n"
    )
    result = run_cli("translate", str(article), "--no-mt", "--names", "ascii")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_html_highlights_names_on_both_sides(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    page = (tmp_path / "out" / "tham.html").read_text(encoding="utf-8")
    title = "name: Phạm Minh Chính → Pham Minh Chinh (aligned)"  # put in by verify
    data = 'data-term="Pham Minh Chinh"'  # what translit serve inserts on a click
    assert f'<mark class="term name" title="{title}" {data}>Phạm Minh Chính</mark>' in page
    assert f'<mark class="term name" title="{title}">Pham Minh Chinh</mark>' in page


def set_english(po_path: Path, replace: dict[str, str]) -> None:
    """Edit the English of a review file as a translator would."""
    pofile = polib.pofile(str(po_path))
    for entry in pofile:
        for old, new in replace.items():
            entry.msgstr = entry.msgstr.replace(old, new)
    pofile.save(str(po_path))


def check_json(run_cli, *args: str) -> tuple[int, list[dict]]:
    result = run_cli("check", *args, "--json")
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_check_flags_a_name_the_model_translated(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tham.po"
    code, findings = check_json(run_cli, str(po_path))
    assert code == 0 and not [f for f in findings if f["code"].startswith("name-")]
    set_english(
        po_path, {"Nguyen Thi Hong": "Nguyen Thi Pink", "Pham Minh Chinh và": "Pham Minh Main và"}
    )
    code, findings = check_json(run_cli, str(po_path))
    assert code == 1
    names = [(f["key"], f["code"], f["message"]) for f in findings if f["code"].startswith("name-")]
    missing = "name “{}” is not in the English as “{}”"
    assert names == [
        ("p2.s1", "name-missing", missing.format("Phạm Minh Chính", "Pham Minh Chinh")),
        ("p2.s1", "name-missing", missing.format("Nguyễn Thị Hồng", "Nguyen Thi Hong")),
    ]


def test_check_reports_diacritics_as_name_style_not_untranslated(
    with_model, run_cli, article, tmp_path
):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tham.po"
    set_english(po_path, {"Quang Ninh": "Quảng Ninh"})
    code, findings = check_json(run_cli, str(po_path), "--fail-on", "warning")
    assert code == 1
    # (the copy model writes no English: the rest of each sentence is untranslated)
    about = [(f["key"], f["code"]) for f in findings if "Quảng Ninh" in f["message"]]
    assert about == [("p1.s1", "name-style"), ("p2.s1", "name-style")]
    # the same English is right for a desk that keeps diacritics, but for the other names
    code, findings = check_json(run_cli, str(po_path), "--names", "diacritics")
    assert not [f for f in findings if "Quảng Ninh" in f["message"]]
    assert {f["code"] for f in findings if f["code"].startswith("name-")} == {"name-style"}


def test_glossary_find_lists_names_apart_and_add_name_promotes_one(
    with_model, run_cli, article, tmp_path
):
    result = run_cli("glossary", "find", "Thủ tướng Phạm Minh Chính đến Hà Nội.")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "30-36: «Hà Nội» → Hanoi",
        "names (not in the glossary):",
        "10-25: «Phạm Minh Chính» → Pham Minh Chinh",
    ]
    assert "1 match, 1 name not in the glossary" in result.stderr
    assert "translit glossary add --name 'Phạm Minh Chính'" in result.stderr

    desk = tmp_path / "desk.yaml"
    desk.write_text("glossary: desk\nentries:\n", encoding="utf-8")
    added = run_cli("glossary", "add", "--name", "Phạm Minh Chính", "--file", str(desk))
    assert added.exit_code == 0, added.output
    assert "added 'Pham Minh Chinh'" in added.stdout
    # a name the finder took for Vietnamese gets its right English the same way
    fixed = run_cli(
        "glossary", "add", "Nguyen Thi Hong Ha", "--name", "Nguyễn Thị Hồng", "--file", str(desk)
    )
    assert fixed.exit_code == 0, fixed.output
    shipped = [a for p in sorted((Path(__file__).parent.parent / "glossaries").glob("*.yaml"))
               for a in ("-g", str(p))]  # fmt: skip
    found = run_cli("glossary", "find", "Bộ trưởng Nguyễn Thị Hồng", *shipped, "-g", str(desk))
    assert found.stdout.splitlines() == ["10-25: «Nguyễn Thị Hồng» → Nguyen Thi Hong Ha"]
    result = run_cli("translate", str(article), "-o", "out", *shipped, "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert "Bộ trưởng Bộ Y tế Nguyen Thi Hong Ha đến" in english(tmp_path)
    assert run_cli("glossary", "add", "--file", str(desk)).exit_code == 2
    empty = run_cli("glossary", "add", "--name", " ", "--file", str(desk))
    assert empty.exit_code == 2
    assert empty.stderr == "error: --name needs a name, such as --name 'Phạm Minh Chính'\n"
    # a typo or a phrase is not a name: refused, the desk file left as it was
    before = desk.read_bytes()
    for typo in ("Phạm: Minh", "- Lê Lợi", "Quận 1"):
        bad = run_cli("glossary", "add", "--name", typo, "--file", str(desk))
        assert bad.exit_code == 2
        assert bad.stderr.startswith(f"error: --name {typo!r} is not a name")
    assert desk.read_bytes() == before
    again = run_cli("glossary", "add", "--name", "Phạm Minh Chính", "--file", str(desk))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_check_bitext_flags_translated_names_and_accepts_the_house_form(run_cli, tmp_path):
    (tmp_path / "a.vi").write_text(
        "Bà Nguyễn Thị Hồng phát biểu tại Hà Nội.\nThủ tướng Phạm Minh Chính đến Đà Nẵng.\n",
        encoding="utf-8",
    )
    (tmp_path / "mt.en").write_text(
        "Ms. Nguyen Thi Pink spoke in Hanoi.\nPrime Minister Pham Minh Main arrived in Da Nang.\n",
        encoding="utf-8",
    )
    code, findings = check_json(run_cli, "--bitext", "a.vi", "mt.en")
    assert code == 1
    assert [(f["key"], f["code"], f["message"]) for f in findings] == [
        ("1", "name-missing", "name “Nguyễn Thị Hồng” is not in the English as “Nguyen Thi Hong”"),
        ("2", "name-missing", "name “Phạm Minh Chính” is not in the English as “Pham Minh Chinh”"),
    ]  # keyed by line; fmt: skip

    (tmp_path / "house.en").write_text(
        "Ms. Nguyen Thi Hong spoke in Hanoi.\nPrime Minister Pham Minh Chinh arrived in Da Nang.\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--bitext", "a.vi", "house.en", "--fail-on", "warning", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []

    kept = (
        "Bà Nguyễn Thị Hồng spoke in Hanoi.\nPrime Minister Phạm Minh Chính arrived in Đà Nẵng.\n"
    )
    (tmp_path / "kept.en").write_text(kept, encoding="utf-8")
    result = run_cli("check", "--bitext", "a.vi", "kept.en", "--names", "diacritics", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == []
    # the same English under the house style: one name-style warning per name, and no
    # "Vietnamese left in the English"
    code, findings = check_json(run_cli, "--bitext", "a.vi", "kept.en")
    assert code == 0
    assert [f["code"] for f in findings] == ["name-style", "name-style", "name-style"]
