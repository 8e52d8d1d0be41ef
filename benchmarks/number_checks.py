"""False alarms of the number and date checks on professional English (FLORES-200).

`number-mismatch` and `date-mismatch` are run on every FLORES dev and devtest sentence
(2,009 pairs) against the human reference English and the five MT systems' English,
with no glossary, as `translit check` runs them on a reviewed PO. On the human
references every finding is a false alarm until shown otherwise; on the MT output
most are real (a dropped clause, a changed number).

    python benchmarks/number_checks.py                  # the table
    python benchmarks/number_checks.py --list en        # every finding on the references
    python benchmarks/number_checks.py --list nllb      # ... on one MT system's output
    python benchmarks/number_checks.py --quick          # 100 sentences per split

The sentences are read at run time from ../shared/data/flores200-vi-en
(TRANSLIT_FLORES=DIR to point elsewhere); nothing from them is stored here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import FLORES, parser, print_header, table  # noqa: E402
from translit.conventions import scan  # noqa: E402
from translit.document import Glossary, Segment  # noqa: E402
from translit.glossary.enforce import term_policy  # noqa: E402
from translit.qa import check_segment  # noqa: E402

SYSTEMS = ("en", "google", "microsoft", "nllb", "opusmt", "bergamot-tiny")  # en: human
CODES = ("number-mismatch", "date-mismatch")


@dataclass(frozen=True)
class Alarm:
    split: str  # dev or test
    line: int  # 1-based line of the FLORES files
    code: str
    message: str


def english_file(folder: Path, split: str, system: str) -> Path:
    name = f"flores-{split}.en" if system == "en" else f"flores-{split}.{system}.en"
    return folder / name


def flores_alarms(
    folder: Path, system: str, limit: int | None = None
) -> tuple[int, int, list[Alarm]]:
    """(sentences, numbers and dates checked, number and date findings) of one system's
    English against the FLORES Vietnamese."""
    policy = term_policy(Glossary())
    sentences, checked, alarms = 0, 0, []
    for split in ("dev", "test"):
        sources = (folder / f"flores-{split}.vi").read_text(encoding="utf-8").splitlines()
        english = english_file(folder, split, system).read_text(encoding="utf-8").splitlines()
        for line, (source, target) in enumerate(zip(sources, english, strict=True), 1):
            if limit is not None and line > limit:
                break
            sentences += 1
            checked += sum(1 for s in scan(source) if not s.ambiguous or s.readings)
            seg = Segment(f"p{line}.s1", source, 1, 0, len(source), target=target)
            seg.origin = "reviewed"
            check_segment(seg, policy)
            alarms += [
                Alarm(split, line, f.code, f.message) for f in seg.findings if f.code in CODES
            ]
    return sentences, checked, alarms


def main() -> None:
    args_parser = parser(__doc__)
    args_parser.add_argument("--list", metavar="SYSTEM", choices=SYSTEMS, help="print each finding")
    args = args_parser.parse_args()
    print_header("Number and date checks on FLORES-200 (false alarms on professional English)")
    if not (FLORES / "flores-dev.vi").is_file():
        print(f"FLORES-200 not found in {FLORES} (set TRANSLIT_FLORES=DIR); nothing measured.")
        return
    limit = 100 if args.quick else None
    rows = []
    for system in SYSTEMS:
        sentences, checked, alarms = flores_alarms(FLORES, system, limit)
        numbers = sum(a.code == "number-mismatch" for a in alarms)
        flagged = len({(a.split, a.line) for a in alarms})
        name = "human reference" if system == "en" else system
        rows.append([name, sentences, checked, numbers, len(alarms) - numbers, flagged])
        if args.list == system:
            for a in alarms:
                print(f"{a.split}:{a.line}\t{a.code}\t{a.message}")
            print()
    headers = ["English", "sentences", "checked", "number-mismatch", "date-mismatch", "flagged"]
    print(table(headers, rows))


if __name__ == "__main__":
    main()
