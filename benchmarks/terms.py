"""Term strategies: what verify-first enforcement costs against inline and placeholder.

The same run as throughput.py (20 articles, about 550 segments of FLORES-200 devtest
text, the base-size copy model, beam 4) translated with the shipped glossary and the
number/date conventions, once per strategy:

  verify          the default: the sentence as written, with attention; every hit the
                  English lacks is repaired by replacing the aligned span (no second
                  engine call), else by the later stages
  verify, no alignment
                  the same with the aligned repair switched off: every segment with a
                  lost term is translated again with the terms inline, the cost when
                  the alignment cannot be used
  inline          the English terms in the source from the start
  placeholder     TERMn tokens, put back after translation

The copy model is the worst case for verify: it never writes English, so every term
hit needs a repair; a real model writes most terms itself and verify keeps them. A
second table times the engine alone (no glossary) with and without attention (what
the aligned repair needs from the first pass).

Contenders alternate, the order rotated each round; the tables show medians of wall
time and of this process's CPU time (steadier when other programs share the cores).

First, what verify does to real English (no model, a second or so per system): each
FLORES-200 dev and devtest sentence with glossary or number/date hits, with the human
reference English or one of five MT systems' English taken as the model's first
pass, goes through the same policy code (`first_pass`): kept as written, changed by a
house-style rewrite of a rejected form (`Kiev`), or sent to repair (a hit whose
entity is in no accepted form). On the human reference every sentence sent to repair
is a repair of correct English unless the reference itself is wrong (--list en shows
each); a repair never happens to a sentence verify keeps.

    python benchmarks/terms.py               # the full run (about 6 minutes on 2 cores)
    python benchmarks/terms.py --list en     # the sentences verify would not keep
    python benchmarks/terms.py --english     # the real-English table only (20 s)
    python benchmarks/terms.py --quick       # tiny sizes (the smoke test)
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    FLORES,
    NewsWriter,
    alternate,
    body_sentences,
    install_copy_model,
    isolate_argos,
    load_average,
    make_articles,
    median,
    parser,
    print_header,
    seconds,
    table,
    vocabulary_corpus,
    write_articles,
)

BEAM = 4
SYSTEMS = ("en", "google", "microsoft", "nllb", "opusmt", "bergamot-tiny")  # en: human


def english_file(split: str, system: str) -> Path:
    return FLORES / (f"flores-{split}.en" if system == "en" else f"flores-{split}.{system}.en")


def verify_on_english(system: str, limit: int | None = None) -> tuple[Counter[str], list[str]]:
    """What verify decides for one system's FLORES English taken as the first pass:
    counts (sentences, with hits, hits, failing hits, kept, rewritten, repair) and a
    line per sentence not kept as written."""
    from translit.document import Segment
    from translit.glossary import load_glossaries, shipped_glossaries
    from translit.glossary.enforce import term_policy
    from translit.glossary.repair import Job, first_pass

    policy = term_policy(load_glossaries(shipped_glossaries()), "verify")
    counts: Counter[str] = Counter()
    notes: list[str] = []
    for split in ("dev", "test"):
        sources = (FLORES / f"flores-{split}.vi").read_text(encoding="utf-8").splitlines()
        english = english_file(split, system).read_text(encoding="utf-8").splitlines()
        for line, (source, target) in enumerate(zip(sources, english, strict=True), 1):
            if limit is not None and line > limit:
                break
            counts["sentences"] += 1
            seg = Segment(f"p{line}.s1", source, 1, 0, len(source))
            job = Job(seg, policy.protect_segment(seg))
            if not job.hits:
                continue
            first_pass(job, target, None, policy)
            first = job.attempts[0]
            counts["with hits"] += 1
            counts["hits"] += len(job.hits)
            counts["failing"] += len(first.failing)
            where = f"{split}:{line}"
            if first.failing:
                counts["repair"] += 1
                lost = ", ".join(
                    f"{job.hits[i].variant} → {job.hits[i].target}" for i in sorted(first.failing)
                )
                notes.append(f"{where} repair ({lost}): {target}")
            elif first.english != target:
                counts["rewritten"] += 1
                notes.append(
                    f"{where} rewritten: {target}\n{' ' * len(where)}        → {first.english}"
                )
            else:
                counts["kept"] += 1
    return counts, notes


def english_table(limit: int | None = None) -> str:
    """The real-English table: per system, what verify keeps, rewrites, repairs."""
    rows = []
    for system in SYSTEMS:
        c, _ = verify_on_english(system, limit)
        judged = c["with hits"] or 1
        rows.append(
            [
                "human reference" if system == "en" else system,
                str(c["sentences"]),
                str(c["with hits"]),
                str(c["hits"]),
                f"{c['kept']} ({100 * c['kept'] / judged:.1f}%)",
                str(c["rewritten"]),
                f"{c['repair']} ({100 * c['repair'] / judged:.1f}%)",
                f"{c['failing']} ({100 * c['failing'] / (c['hits'] or 1):.1f}%)",
            ]
        )
    headers = ["English", "sentences", "with hits", "hits", "kept as written",
               "rewritten", "sent to repair", "hits failing"]  # fmt: skip
    return table(headers, rows)


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    cli.add_argument("--english", action="store_true", help="the real-English table only")
    cli.add_argument(
        "--list", metavar="SYSTEM", choices=SYSTEMS, help="each sentence verify would not keep"
    )
    args = cli.parse_args(argv)
    print_header("Term strategies", ["ctranslate2", "sentencepiece"])
    quick = args.quick
    if args.list:
        print("\n".join(verify_on_english(args.list, 100 if quick else None)[1]))
        return
    if (FLORES / "flores-dev.vi").is_file():
        print("What verify does to real English (FLORES-200 dev + devtest, shipped glossary):\n")
        print(english_table(100 if quick else None))
        print()
    else:
        print(f"FLORES-200 not found in {FLORES} (set TRANSLIT_FLORES=DIR): no real English.\n")
    if args.english:
        return
    home = isolate_argos()
    work = home / "work"

    from translit.articles import find_articles
    from translit.engines import CT2Engine, EngineOptions
    from translit.glossary import load_glossaries, shipped_glossaries
    from translit.glossary.enforce import term_policy
    from translit.pipeline import NoProgress, load_documents, translate_documents

    rounds = 1 if quick else args.rounds
    size, n_articles, n_sentences = ("small", 3, 24) if quick else ("base", 20, 420)
    corpus, corpus_from = vocabulary_corpus()
    info, model_mb = install_copy_model(work, size, corpus)
    sentences, text_from = body_sentences(n_sentences)
    paths = write_articles(make_articles(sentences, n_articles, NewsWriter(7)), work / "articles")
    engine = CT2Engine(info, EngineOptions(beam=BEAM))
    engine.load()

    glossary = load_glossaries(shipped_glossaries())
    policies = {
        "verify (default)": term_policy(glossary, "verify"),
        "verify, no alignment": replace(term_policy(glossary), repairs=("inline", "n-best")),
        "inline": term_policy(glossary, "inline"),
        "placeholder": term_policy(glossary, "placeholder"),
    }
    docs = load_documents(find_articles(paths), print, print)
    n_segments = sum(len(d.segments) for d in docs)
    hits = sum(len(policies["inline"].hits(s.source)) for d in docs for s in d.segments)
    print(
        f"Model: copy model, size {size}, {model_mb:.0f} MB; vocabulary trained on "
        f"{corpus_from}.\nRun: {len(docs)} articles, {n_segments} segments, {hits} hits of "
        f"the shipped glossary and the conventions; text: {text_from}.\n"
    )

    counted: dict[str, tuple[Counter[str], int, int]] = {}

    def contender(name: str):
        policy = policies[name]

        def run(_round: int) -> float:
            docs = load_documents(find_articles(paths), print, print)
            calls = Counting(engine)
            started = time.perf_counter()
            sent = translate_documents(docs, calls, NoProgress(), policy)
            elapsed = time.perf_counter() - started
            labels = Counter(h.repair or "lost" for d in docs for s in d.segments for h in s.hits)
            counted[name] = (labels, calls.calls, sent)
            return elapsed

        return run

    cpu: dict[str, list[float]] = {}
    times = alternate({name: contender(name) for name in policies}, rounds, cpu=cpu)
    inline, inline_cpu = median(times["inline"]), median(cpu["inline"])
    rows = []
    for name, t in times.items():
        labels, calls, sent = counted[name]
        how = ", ".join(f"{n} {label}" for label, n in labels.most_common())
        rows.append(
            [
                name,
                seconds(median(t)),
                f"{seconds(min(t))}–{seconds(max(t))}",
                seconds(median(cpu[name])),
                f"{n_segments / median(t):.1f}",
                f"{median(t) / inline:.2f}",
                f"{median(cpu[name]) / inline_cpu:.2f}",
                str(calls),
                str(sent),
                how,
            ]
        )
    headers = ["strategy", "median s", "range s", "CPU s", "segments/s", "time / inline",
               "CPU / inline", "engine calls", "texts sent",
               "hits: how the term got in"]  # fmt: skip
    print(table(headers, rows))

    distinct = list(dict.fromkeys(s.source for d in docs for s in d.segments))

    def engine_alone(attention: bool):
        def run(_round: int) -> None:
            engine.translate(distinct, attention=attention)

        return run

    cpu = {}
    times = alternate(
        {"engine alone": engine_alone(False), "engine alone, with attention": engine_alone(True)},
        rounds,
        cpu=cpu,
    )
    plain, plain_cpu = median(times["engine alone"]), median(cpu["engine alone"])
    rows = [
        [
            name,
            seconds(median(t)),
            seconds(median(cpu[name])),
            f"{median(t) / plain:.2f}",
            f"{median(cpu[name]) / plain_cpu:.2f}",
        ]
        for name, t in times.items()
    ]
    print()
    print(table(["first pass", "median s", "CPU s", "time / without", "CPU / without"], rows))
    print(
        f"\n{rounds} round{'s' * (rounds > 1)}, {len(distinct)} distinct sentences; "
        f"load average now {load_average()}"
    )


class Counting:
    """The engine, counting its calls."""

    def __init__(self, engine) -> None:
        self.engine, self.calls = engine, 0

    def translate(self, texts, progress=None, num_hypotheses=1, **options):
        self.calls += 1
        return self.engine.translate(texts, progress, num_hypotheses, **options)


if __name__ == "__main__":
    main()
