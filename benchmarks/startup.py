"""Start-up: wall time of short translit commands, each a fresh process.

`translit --help`, `translit glossary list` (the shipped glossary) and `translit check`
on one PO file must each take at most 0.3 s: importing the CLI must not load
ctranslate2, sentencepiece or argostranslate.translate. Compared with
`argos-translate --help` and a bare `python -c pass`. Commands alternate; medians.
Then `python -X importtime -c "import translit.cli"`: the slowest imports.

    python benchmarks/startup.py            # 7 rounds
    python benchmarks/startup.py --quick    # 1 round, no argos-translate (the smoke test)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    ROOT,
    alternate,
    install_copy_model,
    isolate_argos,
    load_average,
    median,
    parser,
    print_header,
    table,
)

TARGET = 0.3  # seconds
HEAVY = ("ctranslate2", "sentencepiece", "argostranslate.translate", "torch", "stanza", "spacy")


def command(name: str) -> list[str] | None:
    """The installed console script next to this Python, or on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    return [found] if found else None


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120)


def has_command(translit: list[str], name: str, cwd: Path) -> bool:
    return run([*translit, name, "--help"], cwd).returncode == 0


def import_times(module: str, top: int = 12) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of the slowest imports of `module`."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    rows = []
    for line in out.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (.*)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), m.group(3).rstrip()))
    return sorted(rows, reverse=True)[:top]


def heavy_modules(module: str) -> list[str]:
    code = f"import sys, {module}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return out.stdout.split()


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=7, help="timed rounds (default 7)")
    args = cli.parse_args(argv)
    home = isolate_argos()
    print_header("Start-up", ["typer", "click", "argostranslate"])
    translit = command("translit") or [sys.executable, "-m", "translit"]
    argos = command("argos-translate")
    example = sorted((ROOT / "examples").glob("*.txt"))[0]

    commands: dict[str, list[str]] = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "translit --help": [*translit, "--help"],
        "translit glossary list": [*translit, "glossary", "list"],
        f"translit segment {example.relative_to(ROOT)}": [*translit, "segment", str(example)],
    }
    notes = []
    if has_command(translit, "check", home):
        # A PO file to check: the example translated with the small copy model.
        install_copy_model(home / "work", "small")
        out = home / "out"
        done = run([*translit, "translate", str(example), "-o", str(out), "-q"], home)
        if done.returncode != 0:
            raise SystemExit(f"translit translate failed: {done.stderr.strip()}")
        commands[f"translit check {example.stem}.po"] = [
            *translit, "check", str(out / f"{example.stem}.po")
        ]  # fmt: skip
    else:
        notes.append("translit check: not available in this version (row left out).")
    if args.quick:
        notes.append("argos-translate --help: skipped with --quick (it takes seconds).")
    elif argos:
        commands["argos-translate --help"] = [*argos, "--help"]
    else:
        notes.append("argos-translate: not installed (row left out).")

    def contender(argv: list[str]):
        def go(_round: int) -> None:
            result = run(argv, home)
            if result.returncode not in (0, 1):  # check exits 1 when it has findings
                raise SystemExit(f"{' '.join(argv)} failed: {result.stderr.strip()}")

        return go

    rounds = 1 if args.quick else args.rounds
    contenders = {n: contender(c) for n, c in commands.items()}
    times = alternate(contenders, rounds, warmup=not args.quick)
    rows = []
    for name, t in times.items():
        m = median(t)
        verdict = "" if not name.startswith("translit") else ("✓" if m <= TARGET else "✗ over")
        rows.append([name, f"{m:.3f}", f"{min(t):.3f}–{max(t):.3f}", verdict])
    print(table(["command", "median s", "range s", f"≤ {TARGET} s"], rows))
    for note in notes:
        print(f"\n{note}")
    plural = "s" * (rounds > 1)
    print(f"\n{rounds} round{plural}, each command a new process; load average {load_average()}")

    loaded = heavy_modules("translit.cli")
    print(f"\nHeavy modules loaded by `import translit.cli`: {', '.join(loaded) or 'none'}")
    print('\nSlowest imports of `python -X importtime -c "import translit.cli"`:\n')
    rows = [
        [f"{cum / 1000:.1f}", f"{own / 1000:.1f}", name]
        for cum, own, name in import_times("translit.cli")
    ]
    print(table(["cumulative ms", "self ms", "module"], rows))


if __name__ == "__main__":
    main()
