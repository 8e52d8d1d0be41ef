"""Names: how many Vietnamese people and places translit finds in real text, and how
many of its finds are right (precision and recall against a hand-made list), and how
long finding them takes per sentence.

    python benchmarks/names.py ARTICLES... --gold GOLD.tsv   # precision, recall, every error
    python benchmarks/names.py ARTICLES...                   # every name found, to read
    python benchmarks/names.py --flores                      # FLORES vi: every find is wrong
    python benchmarks/names.py --quick                       # the smoke test (text written here)

An article is a file (a line `===` starts another article in the same file: what the
finder learns from an article, given names and foreign names, stays in it). It is cut
into sentences as `translit translate` cuts it, and names are found as the pipeline
finds them, the shipped glossaries first.

GOLD.tsv lists every name a reader marks in the articles, one per line:
`FILE:LINE<TAB>NAME` (FILE the article's file name, LINE the 1-based line, NAME as
written, a name twice on a line listed twice). What to mark: every mention of a
Vietnamese person (in full, or a given or short name) and of a Vietnamese place (a
province, district, ward, commune, village, street, river) that has no entry in the
shipped glossaries (Hà Nội, TP.HCM and Huế are glossary terms, not names); not
organisations, companies or buildings, and not foreign people or places (also not in
their Sino-Vietnamese readings: Tập Cận Bình, Quảng Châu). A find counts as right when
its text is a name marked on that line.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import flores_sentences, parser, print_header, table  # noqa: E402

# --quick: an article written here, and what a reader marks in it.
QUICK_ARTICLE = """Thủ tướng Phạm Minh Chính làm việc với tỉnh Quảng Ninh
Sáng nay, ông Chính và Bộ trưởng Bộ Y tế Nguyễn Thị Hồng đến phường Hồng Gai.
Bà Hồng cho biết Chính phủ sẽ hỗ trợ huyện Vân Đồn và các xã Quan Lạn, Minh Châu.
Đại sứ Trung Quốc Hùng Quý và ông Lê Văn Tám cùng dự.
"""
QUICK_GOLD = """quick.txt:1\tPhạm Minh Chính
quick.txt:1\tQuảng Ninh
quick.txt:2\tChính
quick.txt:2\tNguyễn Thị Hồng
quick.txt:2\tHồng Gai
quick.txt:3\tHồng
quick.txt:3\tVân Đồn
quick.txt:3\tQuan Lạn
quick.txt:3\tMinh Châu
quick.txt:4\tLê Văn Tám
"""

Where = tuple[str, int]  # (file name, line)


def articles(path: Path) -> Iterator[list[tuple[int, str]]]:
    """The articles of a file: (line number, line) lists, split at lines `===`."""
    current: list[tuple[int, str]] = []
    text = path.read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.splitlines(), 1):
        line = unicodedata.normalize("NFC", line)
        if line.strip() == "===":
            yield current
            current = []
        elif line.strip():
            current.append((number, line))
    yield current


def find(paths: list[Path]) -> tuple[dict[Where, Counter], int, float]:
    """Names found per (file, line), the number of sentences, and seconds spent."""
    from translit.glossary import load_glossaries, shipped_glossaries
    from translit.glossary.enforce import term_policy
    from translit.segment import segment_paragraphs

    policy = term_policy(load_glossaries(shipped_glossaries()))
    found: dict[Where, Counter] = {}
    sentences = 0
    spent = 0.0
    for path in paths:
        for article in articles(path):
            segments = [(n, s.source) for n, line in article for s in segment_paragraphs([line])]
            started = time.perf_counter()
            context = policy.name_context([text for _, text in segments])
            for number, text in segments:
                names = [h.variant for h in policy.hits(text, context) if h.kind == "name"]
                found.setdefault((path.name, number), Counter()).update(names)
            spent += time.perf_counter() - started
            sentences += len(segments)
    return found, sentences, spent


def read_gold(text: str) -> dict[Where, Counter]:
    gold: dict[Where, Counter] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            where, name = line.split("\t")
            file, _, at = where.rpartition(":")
            key = (file, int(at))
        except ValueError:
            sys.exit(f"error: gold line {number}: expected FILE:LINE<TAB>NAME, got {line!r}")
        gold.setdefault(key, Counter())[unicodedata.normalize("NFC", name.strip())] += 1
    return gold


def score(found: dict[Where, Counter], gold: dict[Where, Counter]) -> None:
    right = wrong = missed = 0
    errors: list[str] = []
    for key in sorted(set(found) | set(gold)):
        have, want = found.get(key, Counter()), gold.get(key, Counter())
        right += sum((have & want).values())
        for name, n in (have - want).items():
            wrong += n
            errors.append(f"- found, not a name: {key[0]}:{key[1]} «{name}»" + f" ×{n}" * (n > 1))
        for name, n in (want - have).items():
            missed += n
            errors.append(f"- missed: {key[0]}:{key[1]} «{name}»" + f" ×{n}" * (n > 1))
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / (right + missed) if right + missed else 1.0
    rows = [
        [right + wrong, right + missed, right, wrong, missed, f"{precision:.3f}", f"{recall:.3f}"]
    ]
    print(table(["found", "marked", "right", "wrong", "missed", "precision", "recall"], rows))
    print()
    print("\n".join(errors) if errors else "No errors.")


def main() -> None:
    options = parser(__doc__)
    options.add_argument("articles", nargs="*", type=Path, help="article files (.txt, .md)")
    options.add_argument("--gold", type=Path, help="FILE:LINE<TAB>NAME list of the names marked")
    options.add_argument("--flores", action="store_true", help="FLORES vi dev+devtest")
    args = options.parse_args()
    print_header("Vietnamese names found in real text")
    temporary = None
    gold_text = args.gold.read_text(encoding="utf-8") if args.gold else None
    paths = list(args.articles)
    if args.quick:
        import tempfile

        temporary = Path(tempfile.mkdtemp(prefix="translit-names-"))
        (temporary / "quick.txt").write_text(QUICK_ARTICLE, encoding="utf-8")
        paths, gold_text = [temporary / "quick.txt"], QUICK_GOLD
    if args.flores:
        import tempfile

        temporary = Path(tempfile.mkdtemp(prefix="translit-names-"))
        for split in ("dev", "test"):
            lines = flores_sentences(split)
            if lines is None:
                sys.exit("error: FLORES not found (set TRANSLIT_FLORES=DIR)")
            # one article per sentence: FLORES sentences are not one story
            (temporary / f"flores-{split}.vi").write_text("\n===\n".join(lines), encoding="utf-8")
            paths.append(temporary / f"flores-{split}.vi")
        gold_text = ""  # FLORES names no Vietnamese person or place outside the glossary
    if not paths:
        sys.exit("error: give article files, --flores or --quick")
    found, sentences, spent = find(paths)
    print(f"{sentences:,} sentences; finding names took {spent * 1000 / max(sentences, 1):.2f} ms "
          "per sentence (glossary matching included)\n")  # fmt: skip
    if gold_text is None:
        for (file, line), names in sorted(found.items()):
            for name, n in names.items():
                print(f"{file}:{line}\t{name}" + f"\t×{n}" * (n > 1))
    else:
        score(found, read_gold(gold_text))
    if temporary is not None:
        import shutil

        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
