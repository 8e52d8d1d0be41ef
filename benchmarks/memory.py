"""Memory: peak RSS of `translit translate` on 1,000 short articles.

The target: the peak resident memory of the whole run stays within the model's size
plus 300 MB. The run is a real `translit translate FOLDER -o OUT -q` subprocess on
the base-size copy model (greedy, `--beam 1`, to keep the benchmark short: the beam
changes the memory of one batch, not what grows with the number of articles). Its
peak comes from the kernel (wait4's ru_maxrss); its RSS is also sampled from /proc
while it runs, to show whether memory grows with the articles done. For scale, the
same command on one article gives the floor (Python, translit, CTranslate2 and the
model loaded).

    python benchmarks/memory.py            # 1,000 articles, base model
    python benchmarks/memory.py --quick    # 20 articles, small model (the smoke test)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    Article,
    NewsWriter,
    install_copy_model,
    isolate_argos,
    load_average,
    parser,
    print_header,
    table,
    upper_first,
    vocabulary_corpus,
    write_articles,
)

HEADROOM_MB = 300


def short_articles(count: int, seed: int = 3) -> list[Article]:
    """News briefs: headline, two sentences, the agency line."""
    writer = NewsWriter(seed)
    articles = []
    for i in range(count):
        body = " ".join(writer.sentences(2))
        agency = writer.rng.choice(("TTXVN", "AFP", "Reuters"))
        text = f"{upper_first(writer.headline())}\n\n{body}\n\nTheo {agency}\n"
        articles.append(Article(f"tin-{i + 1:05d}", text))
    return articles


# Linux counts a child's pages from before its exec into its ru_maxrss, so a child of
# this (large) process would report at least our own RSS. A small launcher process
# forks the measured command instead and reports that command's peak.
LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(done.returncode)
"""


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def _child(pid: int) -> int | None:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def measure(argv: list[str], cwd: Path) -> tuple[float, float, list[tuple[float, float]]]:
    """Run argv; return (peak RSS MB, wall seconds, [(seconds, RSS MB) samples])."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file, errors = Path(tmp) / "peak", Path(tmp) / "stderr"
        started = time.perf_counter()
        with errors.open("wb") as err:
            launcher = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, str(peak_file), *argv],
                cwd=cwd,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
            samples: list[tuple[float, float]] = []
            while launcher.poll() is None:
                child = _child(launcher.pid)
                rss = _rss_mb(child) if child else None
                if rss is not None:
                    samples.append((time.perf_counter() - started, rss))
                time.sleep(0.05)
        elapsed = time.perf_counter() - started
        if launcher.returncode != 0:
            message = errors.read_text(errors="replace").strip()
            raise SystemExit(f"{' '.join(argv)} failed ({launcher.returncode}): {message}")
        peak_kib = int(peak_file.read_text())
    return peak_kib / 1024, elapsed, samples  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--articles", type=int, default=1000, help="articles (default 1000)")
    args = cli.parse_args(argv)
    home = isolate_argos()
    print_header("Memory", ["ctranslate2", "sentencepiece"])
    size = "small" if args.quick else "base"
    count = 20 if args.quick else args.articles
    corpus, corpus_from = vocabulary_corpus()
    info, model_mb = install_copy_model(home / "work", size, corpus)
    translit = shutil.which("translit", path=str(Path(sys.executable).parent))
    base = [translit] if translit else [sys.executable, "-m", "translit"]

    articles = short_articles(count)
    sizes = sorted({1, max(1, count // 10), count})
    folders = {}
    for n in sizes:
        folders[n] = home / f"articles-{n}"
        write_articles(articles[:n], folders[n])

    def translate(n: int) -> list[str]:
        out = home / f"out-{n}"
        return [*base, "translate", str(folders[n]), "-o", str(out), "-q", "--beam", "1"]

    results = {n: measure(translate(n), home) for n in sizes}
    written = len(list((home / f"out-{count}").iterdir()))
    limit = model_mb + HEADROOM_MB
    peaks = {n: results[n][0] for n in sizes}
    segments = {n: sum(a.sentences for a in articles[:n]) for n in sizes}

    print(
        f"Model: copy model, size {size}, {model_mb:.0f} MB on disk (vocabulary: {corpus_from}).\n"
        f"Runs: translit translate FOLDER -o OUT -q --beam 1 on {os.cpu_count()} cores; the "
        f"{count:,}-article run wrote {written} files.\n"
    )
    rows = []
    for n in sizes:
        peak, elapsed, _ = results[n]
        verdict = f"{'✓' if peak <= limit else '✗ over'} (limit {limit:.0f} MB)"
        rows.append(
            [
                f"{n:,} article{'s' * (n > 1)}",
                f"{segments[n]:,}",
                f"{peak:.0f}",
                f"{elapsed:.1f}",
                verdict if n == count else "",
            ]  # fmt: skip
        )
    print(table(["run", "segments", "peak RSS MB", "wall s", "≤ model + 300 MB"], rows))
    small, large = sizes[-2], sizes[-1]
    print(
        f"\nFrom 1 to {small:,} articles the peak grows by {peaks[small] - peaks[1]:.0f} MB, "
        f"from {small:,} to {large:,} by {peaks[large] - peaks[small]:.0f} MB."
    )
    samples = results[count][2]
    if samples:
        print(f"\nRSS during the {count:,}-article run (sampled from /proc):\n")
        marks = []
        for share in (0.1, 0.25, 0.5, 0.75, 0.9, 1.0):
            at = samples[min(len(samples) - 1, int(share * (len(samples) - 1)))]
            marks.append([f"{share:.0%}", f"{at[0]:.1f}", f"{at[1]:.0f}"])
        print(table(["share of run time", "s", "RSS MB"], marks))
        middle = [rss for at, rss in samples if 0.1 <= at / samples[-1][0] <= 0.9]
        if middle:
            low, high = min(middle), max(middle)
            print(f"\nBetween 10% and 90% of the run, RSS stays within {low:.0f}–{high:.0f} MB.")
    print(f"\nload average now {load_average()}")


if __name__ == "__main__":
    main()
