"""Glossary files: parsing, every error at its file:line:col, merging, lint, scale."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translit.config import Config
from translit.glossary import (
    COMMON_WORDS,
    GlossaryError,
    Problem,
    default_glossaries,
    forms_batch,
    lint_glossaries,
    load_glossaries,
    parse_glossary_file,
    shipped_glossaries,
)
from translit.glossary.fold import variant_forms

GOOD = """\
# Bảng thuật ngữ thử
glossary: thu-nghiem
source: vi
target: en
entries:
  Moscow:
    vi: [Moskva, Mát-xcơ-va, Mạc Tư Khoa]
    en_variants: [Moskva]
    note: capital of Russia
  Britain:
    vi:
      - Anh
      - Vương quốc Anh
    case: sensitive
    not_followed_by: [ấy, hùng]
    not_preceded_by: [người]
  RT:
    keep: true
"""


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def entries_of(text: str) -> str:
    """A glossary whose entries are `text` (indented under `entries:` from line 2)."""
    return "entries:\n" + textwrap.indent(textwrap.dedent(text), "  ")


def first_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    _, problems = parse_glossary_file(path)
    assert problems, "expected a problem"
    return str(problems[0]).replace(f"{path}", "g.yaml")


# ── parsing ─────────────────────────────────────────────────────────────────────


def test_a_good_file_parses_with_defaults_and_origins(tmp_path):
    path = write(tmp_path, GOOD)
    entries, problems = parse_glossary_file(path)
    assert problems == []
    by_term = {e.term: e for e in entries}
    assert list(by_term) == ["Moscow", "Britain", "RT"]
    moscow = by_term["Moscow"]
    assert moscow.vi == ("Moskva", "Mát-xcơ-va", "Mạc Tư Khoa")
    assert moscow.en_variants == ("Moskva",)
    assert moscow.note == "capital of Russia"
    assert not moscow.case_sensitive and not moscow.keep
    assert moscow.origin == f"{path}:6"
    britain = by_term["Britain"]
    assert britain.case_sensitive
    assert britain.not_followed_by == ("ấy", "hùng")
    assert britain.not_preceded_by == ("người",)
    assert britain.origin == f"{path}:10"
    rt = by_term["RT"]
    assert rt.keep and rt.vi == ("RT",)  # keep without vi: the term itself


def test_variants_are_nfc_normalized_and_stripped(tmp_path):
    nfd = unicodedata.normalize("NFD", "Thụy Sĩ")
    path = write(tmp_path, f'entries:\n  Switzerland:\n    vi: ["  {nfd} ", Thuỵ Sỹ]\n')
    (entry,), problems = parse_glossary_file(path)
    assert problems == []
    assert entry.vi == ("Thụy Sĩ", "Thuỵ Sỹ")
    assert unicodedata.is_normalized("NFC", entry.vi[0])


def test_header_keys_are_optional_and_an_empty_entries_is_an_empty_glossary(tmp_path):
    assert parse_glossary_file(write(tmp_path, "entries:\n")) == ([], [])
    assert parse_glossary_file(write(tmp_path, "entries: {}\n")) == ([], [])


def test_a_number_written_as_a_variant_is_its_text(tmp_path):
    path = write(tmp_path, "entries:\n  G20:\n    vi: [G20, Nhóm 20]\n  '1984':\n    vi: [1984]\n")
    entries, problems = parse_glossary_file(path)
    assert problems == []
    assert [e.vi for e in entries] == [("G20", "Nhóm 20"), ("1984",)]


# Each case: the file, the expected `line:col`, and a piece of the message.
ERRORS = [
    ("entries:\n  Moscow:\n    vi: [Moskva\n", "4:1", "invalid YAML"),
    ("entries:\n  Moscow:\n\tvi: [Moskva]\n", "3:1", "invalid YAML"),
    ("glossary: x\nsource: vi\ntarget: fr\nentries: {}\n", "3:9", "target must be 'en'"),
    ("source: en\nentries: {}\n", "1:9", "source must be 'vi'"),
    ("glosary: x\nentries: {}\n", "1:1", "did you mean 'glossary'"),
    ("glossary: x\n", "1:1", "missing `entries:`"),
    ("entries: [Moscow]\n", "1:10", "entries must be a mapping, not a list"),
    ("- a\n- b\n", "1:1", "must be a mapping"),
    ("", "1:1", "empty file"),
    (
        entries_of("Moscow:\n  vi: [Moskva]\n  en_variant: [Moskva]\n"),
        "4:5",
        "did you mean 'en_variants'",
    ),
    (entries_of("Moscow:\n  vi: Moskva\n"), "3:9", "vi of 'Moscow' must be a list"),
    (entries_of("Moscow:\n  vi: [Moskva, '']\n"), "3:18", "empty string"),
    (entries_of("Moscow:\n  vi:\n    - Moskva\n    -\n"), "5:8", "vi of 'Moscow': item 2 is empty"),
    (entries_of("Moscow:\n  vi: []\n"), "3:9", "empty list"),
    (entries_of("Moscow:\n  vi: [Moskva, [Mát-xcơ-va]]\n"), "3:18", "must be a string, not a list"),
    (entries_of("Moscow:\n  vi: [Moskva]\n  en_variants: {a: b}\n"), "4:18", "must be a list"),
    (
        entries_of("Moscow:\n  vi: [Moskva]\n  note: [a, b]\n"),
        "4:11",
        "note of 'Moscow' must be a string",
    ),
    (
        entries_of("Moscow:\n  vi: [Moskva]\n  case: upper\n"),
        "4:11",
        "`sensitive` or `insensitive`",
    ),
    (entries_of("RT:\n  keep: có\n"), "3:11", "keep of 'RT' must be true or false"),
    (entries_of("Britain:\n  vi: [Anh]\n  not_followed_by: [anh ấy]\n"), "4:23", "single word"),
    (entries_of("Moscow:\n  note: capital\n"), "2:3", "has no `vi:` variants"),
    (entries_of("Moscow:\n"), "2:10", "entry 'Moscow' is empty"),
    (entries_of("Moscow: Moskva\n"), "2:11", "must be a mapping, not a string"),
    (
        entries_of("Moscow:\n  vi: [Moskva]\nMoscow:\n  vi: [Mátxcơva]\n"),
        "4:3",
        "duplicate key 'Moscow'",
    ),
    (entries_of("Moscow:\n  vi: [Moskva]\n  vi: [Mátxcơva]\n"), "4:5", "duplicate key 'vi'"),
    ("entries: {}\nentries: {}\n", "2:1", "duplicate key 'entries'"),
    (entries_of("Moscow:\n  vi: [Moskva, '-']\n"), "3:18", "no letters or digits"),
    (entries_of('Moscow:\n  vi: ["Mos\\tkva"]\n'), "3:10", "one line"),
    (entries_of('Moscow:\n  vi: [Moskva]\n  note: "a\\x01b"\n'), "4:11", "control codes"),
    (entries_of("Moscow:\n  vi: [\x01Moskva]\n"), "3:10", "U+0001 is not allowed"),
    (entries_of("'  ':\n  vi: [x]\n"), "2:3", "empty string"),
    (entries_of("Moscow:\n  vi: [Moskva]\n  <<: {note: x}\n"), "4:5", "unknown key '<<'"),
]


@pytest.mark.parametrize(("text", "where", "message"), ERRORS)
def test_each_error_names_its_line_and_column(tmp_path, text, where, message):
    problem = first_error(tmp_path, text)
    assert problem.startswith(f"g.yaml:{where}: error: "), problem
    assert message in problem


def test_duplicate_keys_say_where_the_first_one_was(tmp_path):
    problem = first_error(tmp_path, entries_of("Kyiv:\n  vi: [Ki-ép]\nKyiv:\n  vi: [Kiev]\n"))
    assert "first at line 2, column 3" in problem


def test_invalid_utf8_and_missing_files_are_errors(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"entries:\n  Hanoi:\n    vi: [H\xe0 N\xf4i]\n")
    _, problems = parse_glossary_file(path)
    assert str(problems[0]).startswith(f"{path}:3:") and "not UTF-8" in str(problems[0])
    _, problems = parse_glossary_file(tmp_path / "nowhere.yaml")
    assert str(problems[0]) == f"{tmp_path / 'nowhere.yaml'}: error: no such file"


def test_problem_str_is_file_line_col_severity_message():
    problem = Problem(Path("a.yaml"), 3, 7, "warning", "hello")
    assert str(problem) == "a.yaml:3:7: warning: hello"


def test_all_errors_of_a_file_are_reported_not_only_the_first(tmp_path):
    text = entries_of(
        """\
        Moscow:
          vi: Moskva
        Kyiv:
          vi: [Kiev]
          colour: blue
        """
    )
    _, problems = parse_glossary_file(write(tmp_path, text))
    assert [(p.line, p.col) for p in problems] == [(3, 9), (6, 5)]


# ── loading and merging ─────────────────────────────────────────────────────────


def test_load_raises_the_first_error_as_one_line(tmp_path):
    path = write(tmp_path, entries_of("Moscow:\n  vi: [Moskva]\n  colour: red\n"))
    with pytest.raises(GlossaryError) as err:
        load_glossaries([path])
    message = str(err.value)
    assert message.startswith(f"{path}:4:5: unknown key 'colour'")
    assert "\n" not in message


def test_later_files_extend_earlier_entries_and_replace_them_when_told(tmp_path):
    base = write(
        tmp_path,
        entries_of("Moscow:\n  vi: [Moskva]\nKyiv:\n  vi: [Kiev]\n  case: sensitive\n"),
        "base.yaml",
    )
    desk = write(
        tmp_path,
        entries_of("Kyiv:\n  vi: [Ki-ép, Kiev]\n  en: [Kyivan]\n  note: house spelling\n"),
        "desk.yaml",
    )
    merged = load_glossaries([base, desk])
    assert merged.files == (base, desk)
    kyiv = merged.entries["Kyiv"]
    assert kyiv.vi == ("Kiev", "Ki-ép")  # the desk adds; the base's variants stay
    assert (kyiv.en, kyiv.note, kyiv.case_sensitive) == (("Kyivan",), "house spelling", True)
    assert kyiv.origin == f"{desk}:2"
    assert merged.entries["Moscow"].origin == f"{base}:2"
    reverse = load_glossaries([desk, base])
    assert reverse.entries["Kyiv"].vi == ("Ki-ép", "Kiev")
    assert reverse.entries["Kyiv"].origin == f"{base}:4"
    replacing = write(
        tmp_path, entries_of("Kyiv:\n  vi: [Ki-ép]\n  replace: true\n"), "replacing.yaml"
    )
    assert load_glossaries([base, replacing]).entries["Kyiv"].vi == ("Ki-ép",)


def test_an_override_may_move_a_variant_between_entries(tmp_path):
    base = write(
        tmp_path,
        entries_of("Kyiv:\n  vi: [Kiev, Ki-ép]\nKiev Oblast:\n  vi: [tỉnh Kiev]\n"),
        "base.yaml",
    )
    desk = write(tmp_path, entries_of("Kyiv:\n  vi: [Ki-ép]\n"), "desk.yaml")
    other = write(tmp_path, entries_of("Kyiv region:\n  vi: [Kiev]\n"), "other.yaml")
    merged = load_glossaries([base, desk, other])  # Kiev left Kyiv, so other may take it
    assert merged.entries["Kyiv region"].vi == ("Kiev",)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Moskva", "Moskva"),
        ("Moskva", "MOSKVA"),  # case
        ("Mát-xcơ-va", "Mátxcơva"),  # hyphens: joined
        ("Mát-xcơ-va", "Mát xcơ va"),  # hyphens: spaced
        ("Hòa Bình", "Hoà Bình"),  # old and new tone placement
        ("Thụy Sĩ", "Thuỵ Sĩ"),
        ("Thủy điện", unicodedata.normalize("NFD", "Thủy điện")),  # NFD
    ],
)
def test_two_entries_claiming_one_variant_is_an_error_naming_both(tmp_path, first, second):
    text = f'entries:\n  One:\n    vi: ["{first}"]\n  Two:\n    vi: [x, "{second}"]\n'
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as err:
        load_glossaries([path])
    message = str(err.value)
    assert message.startswith(f"{path}:5:13: variant ")
    assert "of 'Two' is already claimed by 'One'" in message
    assert f"at {path}:3:10" in message


def test_a_later_file_takes_a_variant_over_and_lint_names_both_files(tmp_path):
    base = write(tmp_path, entries_of("Moscow:\n  vi: [Mát-xcơ-va, Moskva]\n"), "base.yaml")
    desk = write(tmp_path, entries_of("Moscow Oblast:\n  vi: [Mátxcơva]\n"), "desk.yaml")
    glossary = load_glossaries([base, desk])
    assert glossary.entries["Moscow"].vi == ("Moskva",)
    assert glossary.entries["Moscow Oblast"].vi == ("Mátxcơva",)
    [warning] = [p for p in lint_glossaries([base, desk]) if "takes over" in p.message]
    assert str(warning).startswith(f"{desk}:3:10: warning: variant 'Mátxcơva' of 'Moscow Oblast'")
    assert f"'Mát-xcơ-va' from 'Moscow' ({base}:3:10)" in warning.message


def test_a_keep_entry_claims_its_term(tmp_path):
    path = write(tmp_path, entries_of("NATO:\n  keep: true\nAlliance:\n  vi: [nato]\n"))
    with pytest.raises(GlossaryError, match="already claimed by 'NATO'"):
        load_glossaries([path])


def test_load_stops_at_the_first_broken_file(tmp_path):
    broken = write(tmp_path, "entries: [\n", "broken.yaml")
    with pytest.raises(GlossaryError, match=r"broken\.yaml:2:1: invalid YAML"):
        load_glossaries([broken, tmp_path / "never-read.yaml"])
    with pytest.raises(GlossaryError, match="no such file"):
        load_glossaries([tmp_path / "missing.yaml"])


def test_load_of_nothing_is_an_empty_glossary():
    assert len(load_glossaries([])) == 0


# ── lint ────────────────────────────────────────────────────────────────────────


def lint_text(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    return [str(p).replace(str(path), "g.yaml") for p in lint_glossaries([path])]


def test_lint_warns_about_common_words_without_a_guard(tmp_path):
    problems = lint_text(
        tmp_path,
        entries_of(
            """\
            Britain:
              vi: [Anh, Vương quốc Anh]
            Italy:
              vi: [Ý, Italia]
              case: sensitive
            Russia:
              vi: [Nga]
              not_preceded_by: [chị]
            US:
              vi: [mỹ]
            """
        ),
    )
    assert problems == [
        "g.yaml:3:10: warning: variant 'Anh' of 'Britain' is a common Vietnamese word: add "
        "`case: sensitive` or a guard (not_followed_by / not_preceded_by)",
        "g.yaml:11:10: warning: variant 'mỹ' of 'US' is a common Vietnamese word: add "
        "`case: sensitive` or a guard (not_followed_by / not_preceded_by)",
    ]


def test_common_words_are_compared_folded():
    assert {"anh", "mỹ", "nga", "đức", "pháp", "hoa", "trung", "nam"} <= COMMON_WORDS
    assert len(COMMON_WORDS) >= 100


def test_lint_warns_about_repeats_and_en_variants_equal_to_terms(tmp_path):
    problems = lint_text(
        tmp_path,
        entries_of(
            """\
            Switzerland:
              vi: [Thụy Sĩ, Thuỵ Sĩ]
            Kyiv:
              vi: [Ki-ép]
              en_variants: [Kyiv, Kiev, Kiev, Moscow]
            Moscow:
              vi: [Mát-xcơ-va]
            """
        ),
    )
    assert problems == [
        "g.yaml:3:19: warning: variant 'Thuỵ Sĩ' of 'Switzerland' repeats 'Thụy Sĩ'",
        "g.yaml:6:19: warning: en_variants of 'Kyiv' lists the term itself ('Kyiv')",
        "g.yaml:6:31: warning: en_variants of 'Kyiv' lists 'Kiev' twice",
        "g.yaml:6:37: warning: en_variants of 'Kyiv' lists 'Moscow', another entry's term: "
        "it is never rewritten",
    ]


def test_case_sensitive_entries_may_list_case_forms(tmp_path):
    text = entries_of("the White House:\n  vi: [Nhà Trắng, Nhà trắng]\n  case: sensitive\n")
    assert lint_text(tmp_path, text) == []


def test_lint_reports_every_error_across_files_in_order(tmp_path):
    a = write(tmp_path, entries_of("Moscow:\n  vi: [Moskva]\n  colour: red\n"), "a.yaml")
    b = write(
        tmp_path,
        entries_of("Kyiv:\n  vi: [Kiev]\nKyiv City:\n  vi: [kiev]\nLviv:\n  vi: lviv\n"),
        "b.yaml",
    )
    problems = lint_glossaries([a, b])
    assert [(p.path.name, p.line, p.col, p.severity) for p in problems] == [
        ("a.yaml", 4, 5, "error"),
        ("b.yaml", 5, 10, "error"),
        ("b.yaml", 7, 9, "error"),
    ]
    assert "already claimed by 'Kyiv'" in problems[1].message


# ── shipped glossaries ──────────────────────────────────────────────────────────


def test_the_shipped_glossary_is_found_and_loads():
    shipped = shipped_glossaries()
    assert [p.name for p in shipped] == sorted(p.name for p in shipped)
    assert "world-news.yaml" in [p.name for p in shipped]
    merged = load_glossaries(shipped)
    assert len(merged) >= 150
    for term in ("Moscow", "Kyiv", "Ukraine", "the White House", "NATO"):
        assert term in merged.entries


def test_the_shipped_glossary_lints_without_errors():
    errors = [p for p in lint_glossaries(shipped_glossaries()) if p.severity == "error"]
    assert errors == []


def test_default_glossaries_prefer_the_config(tmp_path):
    mine = tmp_path / "mine.yaml"
    desk = tmp_path / "desk.yaml"
    shipped = shipped_glossaries()
    assert default_glossaries(Config(glossaries=(mine,))) == [*shipped, mine]
    assert default_glossaries(Config()) == shipped
    # -g files replace the config's list; the shipped glossary stays first, once
    assert default_glossaries(Config(glossaries=(mine,)), [desk, shipped[0]]) == [*shipped, desk]
    assert default_glossaries(Config(glossaries=(mine,)), shipped=False) == [mine]
    assert default_glossaries(Config(glossaries=(mine,), shipped_glossary=False)) == [mine]


# ── scale and folding ───────────────────────────────────────────────────────────


@pytest.mark.slow
def test_a_100k_entry_file_loads(tmp_path):
    lines = ["glossary: big", "source: vi", "target: en", "entries:"]
    for i in range(100_000):
        lines.append(f"  Term {i}:")
        lines.append(f"    vi: [Thuật ngữ {i}, Tên-gọi {i}]")
        if i % 10 == 0:
            lines.append(f"    note: ghi chú số {i}")
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    merged = load_glossaries([path])
    assert len(merged) == 100_000
    assert merged.entries["Term 99999"].vi == ("Thuật ngữ 99999", "Tên-gọi 99999")
    assert merged.entries["Term 99999"].origin.endswith(":" + str(len(lines) - 1))


LETTERS = "aăâeêioôơuưyđAĐHNTOUY" + "hòóỏõọoàuỳủụýa" + unicodedata.normalize("NFD", "ộ") + "İΣ"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=LETTERS + "  -\u2010\u2011\u00a0\u2003.", min_size=1, max_size=12).map(
            lambda s: unicodedata.normalize("NFC", s).strip()
        ),
        min_size=1,
        max_size=8,
    )
)
def test_forms_batch_gives_the_same_keys_as_variant_forms(variants):
    variants = [v for v in variants if v]
    written, joined = forms_batch(variants)
    for variant, a, b in zip(variants, written, joined, strict=True):
        assert list(dict.fromkeys([a, b])) == variant_forms(variant)


ENTITIES = """\
entries:
  Russia:
    vi: [Nga, Liên bang Nga]
    en: [Russian, Russians]
    case: sensitive
  Joe Biden:
    vi: [Joe Biden, J.Biden]
    mentions:
      Biden: [Biden, Bai-đơn]
  the Netherlands:
    vi: [Hà Lan]
    en: [Dutch]
"""


def test_an_entry_lists_its_accepted_english_forms_and_mentions(tmp_path):
    glossary = load_glossaries([write(tmp_path, ENTITIES)])
    russia, biden, dutch = glossary.entries.values()
    assert russia.accepted == ("Russia", "Russian", "Russians")
    assert biden.vi == ("Joe Biden", "J.Biden", "Biden", "Bai-đơn")
    assert biden.plain_vi == ("Joe Biden", "J.Biden")
    assert biden.english_for("Bai-đơn") == "Biden"
    assert biden.english_for("J.Biden") == "Joe Biden"
    assert biden.accepted == ("Joe Biden", "Biden")
    assert dutch.accepted == ("the Netherlands", "Netherlands", "Dutch")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("entries:\n  X:\n    vi: [x]\n    mentions: [a]\n", "4:15", "must be a mapping"),
        ("entries:\n  X:\n    mentions:\n      A: b\n", "4:10", "must be a list"),
        ("entries:\n  X:\n    mentions:\n      A: []\n", "4:10", "lists no variants"),
        ("entries:\n  X:\n    en: Russian\n", "3:9", "en of 'X' must be a list"),
        (
            "entries:\n  X:\n    vi: [x]\n    mentions:\n      A: [y]\n      A: [z]\n",
            "6:7",
            "duplicate key 'A'",
        ),
    ],
)
def test_bad_forms_and_mentions_name_their_line_and_column(tmp_path, text, where, message):
    path = write(tmp_path, text)
    problems = lint_glossaries([path])
    assert any(p.where == f"{path}:{where}" and message in p.message for p in problems), problems


def test_a_mention_variant_claimed_by_another_entry_is_an_error_at_its_place(tmp_path):
    text = "entries:\n  A:\n    vi: [Ba]\n  B:\n    vi: [Bê]\n    mentions:\n      Bee: [Ba]\n"
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError, match=rf"{path}:7:13: variant 'Ba' of 'B' is already"):
        load_glossaries([path])
