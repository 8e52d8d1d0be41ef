"""`translit glossary ...` through the real CLI: listing, edits that keep a hand-kept
file byte for byte, refusals, lint, find, import/export round trips."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT
from translit.cli import app
from translit.cli_glossary import glossary_app
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.fold import variant_forms

if not any(group.name == "glossary" for group in app.registered_groups):
    app.add_typer(glossary_app, name="glossary")  # until cli.py registers it itself

# A hand-kept file: comments above, inside and after entries, aligned trailing
# comments, blank lines between entries, an order that is not alphabetical, and both
# list styles.
DESK = """\
# Bàn biên tập quốc tế: bảng thuật ngữ riêng.
# Sửa tay được; lệnh `translit glossary` giữ nguyên chú thích và thứ tự.

glossary: ban-quoc-te
source: vi
target: en

entries:
  # Thủ đô
  Hanoi:
    vi: [Hà Nội, Hà Thành]        # hai cách gọi
    note: capital of Vietnam

  Paris:
    vi:
      - Pa-ri
      - Ba Lê   # Hán-Việt
    en_variants: [Paree]

  # Tổ chức quốc tế
  ASEAN:
    keep: true

  Danube:
    vi: [sông Đa-nuýp]
    case: sensitive
# hết
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    path = tmp_path / "desk.yaml"
    path.write_bytes(DESK.encode("utf-8"))
    return path


def edited(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


# ── list and show ───────────────────────────────────────────────────────────────


def test_list_prints_term_variants_flags_and_file(run_cli, desk):
    result = run_cli("glossary", "list", "--no-shipped-glossary", "-g", str(desk))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines == [
        f"Hanoi\tHà Nội, Hà Thành\t-\t{desk}:10",
        f"Paris\tPa-ri, Ba Lê\ten-variants\t{desk}:14",
        f"ASEAN\tASEAN\tkeep\t{desk}:21",
        f"Danube\tsông Đa-nuýp\tcase-sensitive\t{desk}:24",
    ]


def test_list_json(run_cli, desk):
    import json

    result = run_cli("glossary", "list", "--no-shipped-glossary", "--json", "-g", str(desk))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["term"] for d in data] == ["Hanoi", "Paris", "ASEAN", "Danube"]
    assert data[1] == {
        "term": "Paris",
        "vi": ["Pa-ri", "Ba Lê"],
        "en": [],
        "mentions": {},
        "en_variants": ["Paree"],
        "note": "",
        "case": "insensitive",
        "not_followed_by": [],
        "not_preceded_by": [],
        "keep": False,
        "section": "",
        "file": str(desk),
        "line": 14,
    }


def test_show_says_which_files_an_entry_is_merged_from(run_cli, desk, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("entries:\n  Paris:\n    vi: [Pa-ri, Paris]\n", encoding="utf-8")
    result = run_cli(
        "glossary", "show", "--no-shipped-glossary", "Paris", "-g", str(desk), "-g", str(mine)
    )
    assert result.exit_code == 0, result.output
    assert "  vi: Pa-ri, Ba Lê, Paris\n" in result.stdout  # mine extends the desk's entry
    assert f"  defined in: {mine}:2\n" in result.stdout
    assert f"  merged from: {desk}:14, {mine}:2 (later files extend earlier ones)\n" in (
        result.stdout
    )
    alone = run_cli("glossary", "show", "--no-shipped-glossary", "Hanoi", "-g", str(desk))
    assert "merged from" not in alone.stdout
    assert "  note: capital of Vietnam" in alone.stdout


def test_show_finds_an_entry_by_variant_and_suggests_on_a_miss(run_cli, desk):
    result = run_cli("glossary", "show", "--no-shipped-glossary", "HÀ NỘI", "-g", str(desk))
    assert result.exit_code == 0
    assert result.stdout.startswith("Hanoi (found as a vi variant: HÀ NỘI)\n")
    result = run_cli(
        "glossary", "show", "--no-shipped-glossary", "pari", "-g", str(desk)
    )  # Pa-ri, joined
    assert result.exit_code == 0 and result.stdout.startswith("Paris (found")
    result = run_cli(
        "glossary", "show", "--no-shipped-glossary", "ha noi", "-g", str(desk)
    )  # tones matter
    assert result.exit_code == 2
    assert result.stderr == "error: no entry 'ha noi'; did you mean Hanoi?\n"


# ── edits keep everything else byte for byte ────────────────────────────────────


def test_add_variant_to_a_flow_list_changes_only_that_line(run_cli, desk):
    result = run_cli("glossary", "add-variant", "Hanoi", "Thủ đô Hà Nội", "--file", str(desk))
    assert result.exit_code == 0, result.output
    assert edited(desk) == DESK.replace(
        "    vi: [Hà Nội, Hà Thành]        # hai cách gọi",
        "    vi: [Hà Nội, Hà Thành, Thủ đô Hà Nội]        # hai cách gọi",
    )


def test_add_variant_to_a_block_list_adds_one_line(run_cli, desk):
    result = run_cli(
        "glossary", "add-variant", "--no-shipped-glossary", "Paris", "Pa-ri-xơ", "-g", str(desk)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added 'Pa-ri-xơ' to 'Paris' in {desk}\n"
    assert edited(desk) == DESK.replace(
        "      - Ba Lê   # Hán-Việt\n", "      - Ba Lê   # Hán-Việt\n      - Pa-ri-xơ\n"
    )


def test_add_variant_to_a_keep_entry_keeps_the_term_as_a_variant(run_cli, desk):
    result = run_cli(
        "glossary", "add-variant", "--no-shipped-glossary", "ASEAN",
        "Hiệp hội các quốc gia Đông Nam Á", "-g", str(desk),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert edited(desk) == DESK.replace(
        "    keep: true\n", "    keep: true\n    vi: [ASEAN, Hiệp hội các quốc gia Đông Nam Á]\n"
    )


def test_add_appends_an_entry_in_the_files_style(run_cli, desk):
    result = run_cli(
        "glossary", "add", "Berlin", "--vi", "Béc-lin", "--vi", "Bá Linh",
        "--note", "capital of Germany: yes, Berlin", "--case", "sensitive",
        "--not-followed-by", "mới", "-g", str(desk),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert edited(desk) == DESK.replace(
        "    case: sensitive\n# hết\n",
        "    case: sensitive\n"
        "\n"
        "  Berlin:\n"
        "    vi: [Béc-lin, Bá Linh]\n"
        "    note: 'capital of Germany: yes, Berlin'\n"
        "    case: sensitive\n"
        "    not_followed_by: [mới]\n"
        "# hết\n",
    )
    entry = load_glossaries([desk]).entries["Berlin"]
    assert entry.note == "capital of Germany: yes, Berlin"
    assert entry.case_sensitive and entry.not_followed_by == ("mới",)


def test_add_keep_entry(run_cli, desk):
    result = run_cli(
        "glossary", "add", "--no-shipped-glossary", "UNESCO", "--keep", "-g", str(desk)
    )
    assert result.exit_code == 0, result.output
    assert load_glossaries([desk]).entries["UNESCO"].keep
    assert edited(desk).endswith("    case: sensitive\n\n  UNESCO:\n    keep: true\n# hết\n")


def test_remove_takes_the_entry_and_nothing_else(run_cli, desk):
    result = run_cli("glossary", "remove", "--no-shipped-glossary", "Paris", "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"removed 'Paris' from {desk}\n"
    assert edited(desk) == DESK.replace(
        "  Paris:\n    vi:\n      - Pa-ri\n      - Ba Lê   # Hán-Việt\n"
        "    en_variants: [Paree]\n\n",
        "",
    )


def test_remove_takes_a_comment_paragraph_that_is_only_about_the_entry(run_cli, desk):
    result = run_cli("glossary", "remove", "--no-shipped-glossary", "ASEAN", "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert edited(desk) == DESK.replace("  # Tổ chức quốc tế\n  ASEAN:\n    keep: true\n\n", "")
    # a section comment that runs straight into the entry below stays
    result = run_cli("glossary", "remove", "--no-shipped-glossary", "Hanoi", "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert "  # Thủ đô\n" in edited(desk)
    assert "Hanoi" not in edited(desk)


def test_edits_write_to_the_last_selected_glossary(run_cli, desk, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("entries:\n  Rome:\n    vi: [Rô-ma]\n", encoding="utf-8")
    result = run_cli(
        "glossary",
        "add-variant",
        "--no-shipped-glossary",
        "Rome",
        "La Mã",
        "-g",
        str(desk),
        "-g",
        str(mine),
    )
    assert result.exit_code == 0, result.output
    assert edited(desk) == DESK
    assert load_glossaries([mine]).entries["Rome"].vi == ("Rô-ma", "La Mã")


def test_add_with_file_creates_a_new_glossary_with_a_header(run_cli, desk, tmp_path):
    new = tmp_path / "sub" / "new-desk.yaml"
    result = run_cli(
        "glossary", "add", "Rome", "--vi", "Rô-ma", "-g", str(desk), "--file", str(new)
    )
    assert result.exit_code == 0, result.output
    assert edited(new) == (
        "glossary: new-desk\nsource: vi\ntarget: en\nentries:\n  Rome:\n    vi: [Rô-ma]\n"
    )
    assert edited(desk) == DESK


@pytest.mark.parametrize(
    ("before", "args", "after"),
    [
        (  # Windows line ends stay Windows line ends
            "entries:\r\n  Oslo:\r\n    vi:\r\n      - Ô-xlô\r\n",
            ("add-variant", "Oslo", "Ốt-xlô"),
            "entries:\r\n  Oslo:\r\n    vi:\r\n      - Ô-xlô\r\n      - Ốt-xlô\r\n",
        ),
        (  # no newline at the end of the file
            "entries:\n  Oslo:\n    vi: [Ô-xlô]",
            ("add", "Rome", "--vi", "Rô-ma"),
            "entries:\n  Oslo:\n    vi: [Ô-xlô]\n  Rome:\n    vi: [Rô-ma]\n",
        ),
        (  # an empty flow mapping becomes a block one; the comment stays
            "glossary: moi\nentries: {}   # chưa có gì\n",
            ("add", "Rome", "--vi", "Rô-ma"),
            "glossary: moi\nentries:   # chưa có gì\n  Rome:\n    vi: [Rô-ma]\n",
        ),
        (  # a flow mapping entry: its list grows in place
            "entries:\n  Oslo: {vi: [Ô-xlô], note: capital}   # gọn\n",
            ("add-variant", "Oslo", "Ốt-xlô"),
            "entries:\n  Oslo: {vi: [Ô-xlô, Ốt-xlô], note: capital}   # gọn\n",
        ),
        (  # four-space indentation and dash-at-key-column lists are copied
            "entries:\n    Oslo:\n        vi:\n        - Ô-xlô\n",
            ("add", "Rome", "--vi", "Rô-ma", "--vi", "La Mã"),
            "entries:\n    Oslo:\n        vi:\n        - Ô-xlô\n"
            "    Rome:\n        vi:\n        - Rô-ma\n        - La Mã\n",
        ),
        (  # removing the only entry leaves an empty glossary
            "glossary: moi\nentries:\n  Oslo:\n    vi: [Ô-xlô]\n",
            ("remove", "Oslo"),
            "glossary: moi\nentries:\n",
        ),
    ],
)
def test_edits_on_other_layouts(run_cli, tmp_path, before, args, after):
    path = tmp_path / "layout.yaml"
    path.write_bytes(before.encode("utf-8"))
    result = run_cli(
        "glossary", *args, "--no-shipped-glossary", "--file", str(path), "-g", str(path)
    )
    assert result.exit_code == 0, result.output
    assert path.read_bytes().decode("utf-8") == after


def test_a_flow_style_entries_mapping_is_edited_through_ruamel(run_cli, tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text("# gọn\nentries: {Oslo: {vi: [Ô-xlô]}}\n", encoding="utf-8")
    result = run_cli(
        "glossary", "add", "--no-shipped-glossary", "Rome", "--vi", "Rô-ma", "-g", str(path)
    )
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").startswith("# gọn\n")
    assert {t: e.vi for t, e in load_glossaries([path]).entries.items()} == {
        "Oslo": ("Ô-xlô",),
        "Rome": ("Rô-ma",),
    }
    assert (
        run_cli("glossary", "remove", "--no-shipped-glossary", "Oslo", "-g", str(path)).exit_code
        == 0
    )
    assert list(load_glossaries([path]).entries) == ["Rome"]


def test_without_ruamel_a_flow_style_file_is_refused_in_one_line(tmp_path):
    """ruamel.yaml is optional: a machine without it gets one line, and the file as it was."""
    path = tmp_path / "flow.yaml"
    before = "# gọn\nentries: {Oslo: {vi: [Ô-xlô]}}\n"
    path.write_text(before, encoding="utf-8")
    without = (  # as on a machine where ruamel.yaml is not installed: importing it fails
        "import sys; sys.modules['ruamel'] = None; sys.argv[0] = 'translit'; "
        "from translit.cli import main; main()"
    )
    args = ["glossary", "add", "--no-shipped-glossary", "Rome", "--vi", "Rô-ma", "-g", "flow.yaml"]
    done = subprocess.run(
        [sys.executable, "-c", without, *args],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "error: flow.yaml: this file's layout (flow-style mappings, anchors) is edited "
        "through ruamel.yaml, which is not installed: pip install 'translit[ruamel]', "
        "or write its entries in block style\n"
    )
    assert path.read_text(encoding="utf-8") == before


# ── refusals leave the file as it was ───────────────────────────────────────────


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add-variant", "Paris", "Hà Nội"), "already claimed by 'Hanoi'"),
        (("add-variant", "Paris", "ha-noi"), ""),  # no conflict: no tones
        (("add-variant", "Paris", "Ba Lê"), "already a variant of 'Paris'"),
        (("add-variant", "Rome", "Rô-ma"), "no entry 'Rome'"),
        (("add", "Paris", "--vi", "Pa-ri"), "'Paris' already exists"),
        (("add", "Vienna", "--vi", "Hà Thành"), "already claimed by 'Hanoi'"),
        (("add", "Vienna"), "needs at least one vi variant"),
        (("add", "Vienna", "--vi", "  "), "is empty"),
        (("add", "Vienna", "--vi", "Viên", "--not-followed-by", "hai từ"), "single word"),
        (("remove", "Rome"), "no entry 'Rome'"),
    ],
)
def test_invalid_edits_are_refused_and_write_nothing(run_cli, desk, args, message):
    result = run_cli("glossary", *args, "--no-shipped-glossary", "-g", str(desk))
    if not message:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert edited(desk) == DESK
    assert not list(desk.parent.glob(".desk.yaml.*"))  # no temp file left behind


def test_a_later_glossary_may_take_a_variant_over(run_cli, desk, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("entries:\n  Rome:\n    vi: [Rô-ma]\n", encoding="utf-8")
    result = run_cli(
        "glossary",
        "add-variant",
        "--no-shipped-glossary",
        "Rome",
        "Pa-ri",
        "-g",
        str(desk),
        "-g",
        str(mine),
    )
    assert result.exit_code == 0, result.output
    found = run_cli(
        "glossary",
        "find",
        "--no-shipped-glossary",
        "Tin từ Pa-ri",
        "-g",
        str(desk),
        "-g",
        str(mine),
    )
    assert "→ Rome" in found.stdout and "→ Paris" not in found.stdout
    again = run_cli(
        "glossary", "add-variant", "--no-shipped-glossary", "Rome", "Pa-ri", "-g", str(mine)
    )
    assert again.exit_code == 2 and "is already a variant of 'Rome'" in again.stderr


def test_editing_a_broken_file_is_refused(run_cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  Rome:\n    vi: [Rô-ma\n", encoding="utf-8")
    result = run_cli("glossary", "add", "Oslo", "--vi", "Ô-xlô", "--file", str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}:4:1: invalid YAML")
    assert "fix the file first" in result.stderr


def test_a_missing_glossary_is_one_line_not_a_traceback(run_cli, tmp_path):
    result = run_cli(
        "glossary", "list", "--no-shipped-glossary", "-g", str(tmp_path / "nowhere.yaml")
    )
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nowhere.yaml'}: no such file\n"


# ── lint ────────────────────────────────────────────────────────────────────────


def test_lint_on_a_broken_file_prints_file_line_col_and_exits_2(run_cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "entries:\n  Britain:\n    vi: [Anh]\n  Oslo:\n    vi: [Ô-xlô]\n    colour: blue\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "lint", "--no-shipped-glossary", "-g", str(broken))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{broken}:3:10: warning: variant 'Anh' of 'Britain' is a common Vietnamese word: "
        "add `case: sensitive` or a guard (not_followed_by / not_preceded_by)",
        f"{broken}:6:5: error: unknown key 'colour' in entry 'Oslo' "
        "(allowed: vi, en, mentions, en_variants, note, case, not_followed_by, not_preceded_by, "
        "keep, replace, section)",
        "1 entry in 1 file: 1 error, 1 warning",
    ]


def test_lint_with_only_warnings_exits_0(run_cli, tmp_path):
    path = tmp_path / "warn.yaml"
    path.write_text("entries:\n  Britain:\n    vi: [Anh]\n", encoding="utf-8")
    result = run_cli("glossary", "lint", "--no-shipped-glossary", "-g", str(path))
    assert result.exit_code == 0
    assert result.stdout.endswith("1 entry in 1 file: 0 errors, 1 warning\n")


def test_lint_on_the_shipped_glossary_exits_0(run_cli):
    result = run_cli("glossary", "lint")  # no translit.toml in the test directory
    assert result.exit_code == 0, result.output
    count = len(load_glossaries(shipped_glossaries()))
    files = len(shipped_glossaries())
    assert f"in {files} file" in result.stdout and ": 0 errors, " in result.stdout
    assert result.stdout.splitlines()[-1].startswith(f"{count} entries")


# ── find ────────────────────────────────────────────────────────────────────────


def test_find_in_text_prints_positions(run_cli, desk):
    text = "Tối qua, đoàn từ Hà Nội bay sang Pa-ri rồi đi thuyền trên sông Đa-nuýp."
    result = run_cli("glossary", "find", "--no-shipped-glossary", text, "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "17-23: «Hà Nội» → Hanoi",
        "33-38: «Pa-ri» → Paris",
        "58-70: «sông Đa-nuýp» → Danube",
    ]
    assert result.stderr == "3 matches\n"


def test_find_in_a_file_prints_file_and_paragraph(run_cli, desk, tmp_path):
    article = tmp_path / "bai-viet.txt"
    article.write_text(
        "Khách du lịch đổ về Hà Thành\n\nNhiều người từ Ba Lê sang thăm HÀ NỘI trong tháng này.\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "find", "--no-shipped-glossary", str(article), "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{article}:1: «Hà Thành» → Hanoi",
        f"{article}:2: «Ba Lê» → Paris",
        f"{article}:2: «HÀ NỘI» → Hanoi",
    ]


# ── import and export ───────────────────────────────────────────────────────────


def test_import_csv_adds_variants_and_entries(run_cli, desk, tmp_path):
    table = tmp_path / "terms.csv"
    table.write_text(
        "vi,en\n"
        "Béc-lin,Berlin\n"
        "Bá Linh,Berlin\n"
        '"Luân Đôn, thủ đô Anh",London\n'
        "Hà Nội,Hanoi\n"  # already there: skipped
        "Pa-ri-xơ,Paris\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "import", "--no-shipped-glossary", str(table), "-g", str(desk))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"imported 5 rows into {desk}: 2 new entries, 4 variants added, 1 already there\n"
    )
    merged = load_glossaries([desk])
    assert merged.entries["Berlin"].vi == ("Béc-lin", "Bá Linh")
    assert merged.entries["London"].vi == ("Luân Đôn, thủ đô Anh",)
    assert merged.entries["Paris"].vi == ("Pa-ri", "Ba Lê", "Pa-ri-xơ")
    assert edited(desk) == DESK.replace(
        "      - Ba Lê   # Hán-Việt\n", "      - Ba Lê   # Hán-Việt\n      - Pa-ri-xơ\n"
    ).replace(
        "    case: sensitive\n# hết\n",
        "    case: sensitive\n\n"
        "  Berlin:\n    vi: [Béc-lin, Bá Linh]\n\n"
        "  London:\n    vi: ['Luân Đôn, thủ đô Anh']\n"
        "# hết\n",
    )


def test_import_tsv_with_bom_and_deepl_language_columns(run_cli, desk, tmp_path):
    table = tmp_path / "deepl.tsv"
    table.write_bytes("\ufeffViên\tVienna\tvi\ten\nÁo\tAustria\tvi\ten\n".encode())
    result = run_cli("glossary", "import", "--no-shipped-glossary", str(table), "-g", str(desk))
    assert result.exit_code == 0, result.output
    merged = load_glossaries([desk])
    assert merged.entries["Vienna"].vi == ("Viên",)
    assert merged.entries["Austria"].vi == ("Áo",)


def test_import_refuses_conflicts_with_line_numbers_and_writes_nothing(run_cli, desk, tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text(
        "Béc-lin,Berlin\nHà Thành,Hanoi City\nBéc lin,Berlin State\nchỉ một cột\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "import", "--no-shipped-glossary", str(table), "-g", str(desk))
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"error: {table}:2: 'Hà Thành' already belongs to 'Hanoi'")
    assert errors[1].startswith(f"error: {table}:3: 'Béc lin' already belongs to 'Berlin'")
    assert errors[2] == f"error: {table}:4: expected 2 columns (Vietnamese, English), found 1"
    assert errors[3] == f"error: nothing imported: 3 problems in {table}"
    assert edited(desk) == DESK


def test_import_needs_csv_or_tsv(run_cli, desk, tmp_path):
    table = tmp_path / "terms.xlsx"
    table.write_bytes(b"PK")
    result = run_cli("glossary", "import", "--no-shipped-glossary", str(table), "-g", str(desk))
    assert result.exit_code == 2
    assert "give a .csv or .tsv file" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_export_then_import_gives_the_same_entries(run_cli, desk, tmp_path, fmt):
    out = tmp_path / f"desk.{fmt}"
    result = run_cli(
        "glossary",
        "export",
        "--no-shipped-glossary",
        "--format",
        fmt,
        "-o",
        str(out),
        "-g",
        str(desk),
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    sep = "," if fmt == "csv" else "\t"
    assert lines[0] == f"Hà Nội{sep}Hanoi" and len(lines) == 6
    copy = tmp_path / "copy.yaml"
    result = import_alone(run_cli, out, copy)
    assert result.exit_code == 0, result.output
    original = load_glossaries([desk]).entries
    again = load_glossaries([copy]).entries
    assert {t: e.vi for t, e in again.items()} == {t: e.vi for t, e in original.items()}


def import_alone(run_cli, table: Path, glossary: Path):
    """`glossary import TABLE` into GLOSSARY on its own (no shipped glossary)."""
    args = ("--file", str(glossary), "-g", str(glossary))
    return run_cli("glossary", "import", "--no-shipped-glossary", str(table), *args)


def test_shipped_glossary_survives_a_csv_round_trip(run_cli, tmp_path):
    out = tmp_path / "shipped.csv"
    assert run_cli("glossary", "export", "-o", str(out)).exit_code == 0
    copy = tmp_path / "copy.yaml"
    result = import_alone(run_cli, out, copy)
    assert result.exit_code == 0, result.output
    original = load_glossaries(shipped_glossaries()).entries
    again = load_glossaries([copy]).entries
    assert list(again) == list(original)

    def forms(entries):  # what each entry matches, ignoring case flags
        return {t: {f for v in e.vi for f in variant_forms(v)} for t, e in entries.items()}

    assert forms(again) == forms(original)


def test_export_csv_to_stdout_quotes_commas(run_cli, tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text('entries:\n  "London, UK":\n    vi: ["Luân Đôn, Anh"]\n', encoding="utf-8")
    result = run_cli("glossary", "export", "--no-shipped-glossary", "-g", str(path))
    assert result.exit_code == 0
    assert result.stdout == '"Luân Đôn, Anh","London, UK"\n'


def test_export_tbx_is_well_formed_tbx_basic(run_cli, desk, tmp_path):
    tricky = tmp_path / "tricky.yaml"
    tricky.write_text(
        "entries:\n"
        '  R&D <"Lab">:\n'
        "    vi: [Phòng R&D, 'Viện <Nghiên cứu>']\n"
        "    en_variants: [R and D]\n"
        "    note: 'AT&T said: \"a < b\" & more'\n",
        encoding="utf-8",
    )
    out = tmp_path / "desk.tbx"
    result = run_cli(
        "glossary", "export", "--no-shipped-glossary", "--format", "tbx", "-o", str(out),
        "-g", str(desk), "-g", str(tricky),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.parse(out).getroot()
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style"), root.get(lang)) == ("TBX-Basic", "dca", "vi")
    concepts = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert len(concepts) == 5
    last = concepts[-1]
    assert last.find("t:note", ns).text == 'AT&T said: "a < b" & more'
    vi_sec, en_sec = last.findall("t:langSec", ns)
    assert (vi_sec.get(lang), en_sec.get(lang)) == ("vi", "en")
    assert [t.text for t in vi_sec.findall("t:termSec/t:term", ns)] == [
        "Phòng R&D",
        "Viện <Nghiên cứu>",
    ]
    terms = [t.text for t in en_sec.findall("t:termSec/t:term", ns)]
    status = [n.text for n in en_sec.findall("t:termSec/t:termNote", ns)]
    assert terms == ['R&D <"Lab">', "R and D"]
    assert status == ["preferredTerm-admn-sts", "deprecatedTerm-admn-sts"]
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    lint = subprocess.run(["xmllint", "--noout", str(out)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stderr


def test_export_tbx_of_the_shipped_glossary_passes_xmllint(run_cli, tmp_path):
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    out = tmp_path / "world.tbx"
    assert run_cli("glossary", "export", "-f", "tbx", "-o", str(out)).exit_code == 0
    lint = subprocess.run(["xmllint", "--noout", str(out)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stderr


# ── start-up ────────────────────────────────────────────────────────────────────


def test_the_glossary_cli_does_not_import_yaml_until_a_command_runs():
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom translit.cli import app\n"
        "from translit.cli_glossary import glossary_app\n"
        "app.add_typer(glossary_app, name='glossary')\n"
        "for args in (['--help'], ['glossary', '--help'], ['glossary', 'lint', '--help']):\n"
        "    r = CliRunner().invoke(app, args)\n"
        "    assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'ruamel')))"
    )
    out = subprocess.run(
        [__import__("sys").executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_shipped_glossary_is_not_edited_by_default(run_cli):
    from translit.glossary import shipped_glossaries

    shipped = shipped_glossaries()[-1]
    before = shipped.read_bytes()
    result = run_cli("glossary", "add", "Atlantis", "--vi", "At-lan-tít")
    assert result.exit_code == 2
    assert "not editing the shipped glossary by default" in result.stderr
    assert shipped.read_bytes() == before


def test_find_on_a_missing_article_is_an_error(run_cli):
    result = run_cli("glossary", "find", "khong-co.txt")
    assert (result.exit_code, result.stderr) == (2, "error: khong-co.txt: no such file\n")


def test_add_variant_keeps_an_entrys_english_forms_and_mentions(run_cli, tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text(
        "entries:\n"
        "  Joe Biden:  # Tổng thống Mỹ\n"
        "    vi: [Joe Biden, J.Biden]\n"
        "    en: [President Biden]\n"
        "    mentions:\n"
        "      Biden: [Biden, Bai-đơn]\n",
        encoding="utf-8",
    )
    result = run_cli(
        "glossary", "add-variant", "--no-shipped-glossary", "Joe Biden", "Giô Bai-đơn",
        "--file", str(desk),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = desk.read_text(encoding="utf-8")
    assert "vi: [Joe Biden, J.Biden, Giô Bai-đơn]" in text
    assert "# Tổng thống Mỹ" in text and "      Biden: [Biden, Bai-đơn]\n" in text
    (entry,) = load_glossaries([desk]).entries.values()
    assert entry.plain_vi == ("Joe Biden", "J.Biden", "Giô Bai-đơn")
    assert entry.mentions == (("Biden", ("Biden", "Bai-đơn")),)
    assert entry.en == ("President Biden",)
