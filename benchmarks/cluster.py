"""Cluster: a local run against `--ray` with 2 workers on the same machine, and the
per-core throughput the README's capacity table is computed from.

The same articles (news-like Vietnamese, each with a caption and an agency line, as
make_articles writes them) on the base-size copy model (tests/copymodel.py: it costs
per token what the real Argos vi→en model costs), written to a fresh folder each time
with the shipped glossary, as `translit translate` runs by default:

  local, 2 threads      translate_paths with the engine's default 2 threads (the
                        laptop run);
  local, 1 thread       the same on one core: sentences/s per core, the unit of the
                        capacity table (also per CPU second, which moves less with
                        the load of other programs on a shared machine);
  Ray, 2 workers × 1    translate_on_ray on a local Ray instance (2 CPUs), 2 actors
                        each holding the model, 1 thread each. Timed from the call
                        (workers started, models loaded, articles read, translated,
                        written, results back); starting Ray itself is shown apart,
                        as a cluster is started once for many runs.

The overhead is the Ray run's time over the local 2-thread run's, at beam 4 and at
beam 1. One round each (the runs take minutes on 2 cores); the load average is printed.

    python benchmarks/cluster.py            # about 8 minutes on 2 cores
    python benchmarks/cluster.py --quick    # tiny sizes (the smoke test)
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    NewsWriter,
    body_sentences,
    install_copy_model,
    isolate_argos,
    load_average,
    make_articles,
    parser,
    print_header,
    seconds,
    table,
    vocabulary_corpus,
    write_articles,
)


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    home = isolate_argos()
    work = home / "work"

    import ray

    from translit.cluster import ClusterOptions, translate_on_ray
    from translit.config import load_config
    from translit.engines import CT2Engine, EngineOptions
    from translit.glossary import default_glossaries, load_glossaries
    from translit.glossary.enforce import term_policy
    from translit.pipeline import translate_paths

    print_header("Cluster", ["ctranslate2", "ray"])
    size, n_articles, n_sentences = ("small", 4, 24) if args.quick else ("base", 8, 96)
    corpus, corpus_from = vocabulary_corpus()
    info, model_mb = install_copy_model(work, size, corpus)
    sentences, text_from = body_sentences(n_sentences)
    folder = work / "articles"
    write_articles(make_articles(sentences, n_articles, NewsWriter(11)), folder)
    policy = term_policy(load_glossaries(default_glossaries(load_config(), ())), "inline")

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    ray_start = time.perf_counter() - started

    def fresh(name: str) -> Path:
        out = work / name
        shutil.rmtree(out, ignore_errors=True)
        return out

    cpu: dict[tuple[int, int], float] = {}

    def local(beam: int, threads: int):
        engine = CT2Engine(info, EngineOptions(beam=beam, threads=threads))
        engine.load()  # as a worker does before its first article (not timed)
        out = fresh(f"local-{beam}-{threads}")
        started = time.process_time()
        report = translate_paths([folder], out, engine, model_label=info.label, policy=policy)
        cpu[beam, threads] = time.process_time() - started
        return report

    def on_ray(beam: int):
        return translate_on_ray(
            [folder],
            fresh(f"ray-{beam}"),
            info,
            EngineOptions(beam=beam),
            cluster=ClusterOptions(workers=2, worker_cpus=1, articles_per_task=2),
            model_label=info.label,
            policy=policy,
        )

    rows = []
    ratios = []
    try:
        for beam in (4, 1):
            two = local(beam, 2)
            one = local(beam, 1)
            dist = on_ray(beam)
            assert not (two.errors or one.errors or dist.errors), (two.errors, dist.errors)
            assert dist.segments == two.segments
            for name, report in (
                ("local, 2 threads", two),
                ("local, 1 thread", one),
                ("Ray, 2 workers × 1 thread", dist),
            ):
                rate = report.segments / report.seconds
                ratio = report.seconds / two.seconds
                rows.append(
                    [
                        beam,
                        name,
                        seconds(report.seconds),
                        f"{rate:.2f}",
                        report.translated,
                        f"{ratio:.2f}×",
                    ]
                )
            ratios.append(
                (
                    beam,
                    dist.seconds / two.seconds,
                    one.segments / one.seconds,
                    one.segments / cpu[beam, 1],
                )
            )
    finally:
        ray.shutdown()

    print(
        f"Model: copy model, size {size}, {model_mb:.0f} MB; vocabulary trained on "
        f"{corpus_from}.\nRun: {n_articles} articles, {two.segments} segments; text: "
        f"{text_from}. Starting Ray (2 CPUs) took {ray_start:.1f} s, not counted below.\n"
    )
    print(
        table(
            ["beam", "contender", "seconds", "segments/s", "sent to model", "time vs local"],
            rows,
        )
    )
    print()
    for beam, ratio, per_core, per_cpu_second in ratios:
        print(
            f"beam {beam}: Ray overhead {ratio:.2f}× the local run; one thread: "
            f"{per_core:.2f} segments/s of wall time, {per_cpu_second:.2f} per CPU second"
        )
    print(f"\nload average at end (1, 5, 15 min): {load_average()}")


if __name__ == "__main__":
    main()
