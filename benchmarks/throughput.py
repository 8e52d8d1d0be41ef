"""Throughput: translit against argostranslate's own path and against raw CTranslate2.

A run of 20 articles (about 500 segments) on the base-size copy model
(tests/copymodel.py: 6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary; it
costs per token what the real Argos vi→en model costs). Its SentencePiece vocabulary
is trained on held-out sentences (FLORES dev when measuring on FLORES devtest), so it
splits unseen Vietnamese into about as many tokens as a real vocabulary would.

Every contender decodes the same sentences with beam 4, length_penalty 0.2 and
replace_unknowns, compute type 'auto' (int8 on this kind of CPU), on the same cores:

  A         argostranslate.translate on the same installed package, one article at a
            time, its sentence splitter replaced by translit.segment (so it runs
            offline): per paragraph, 32-token batches, one batch at a time. It gets
            its fastest thread setting, one thread per batch (--sweep shows that its
            default, two OpenMP threads on one small batch, is several times slower
            here). A's time is the sum of its articles' times, so each round it
            translates a different share of the articles (its cache cleared) and its
            run time is that share's tokens/s over the whole run.
  B         one raw ctranslate2 translate_batch over the run's distinct sentences,
            pre-tokenized, with the best settings found (--sweep).
  translit  translate_documents on loaded documents (no files written), and
            translate_paths (read, segment, translate, check, write .po, .en.txt
            and .html), without a glossary, number/date conventions or names so that the
            engine gets the same sentences as A and B; and once more as
            `translit translate` runs by default (shipped glossary, conventions, names).

Contenders alternate, the order rotated each round; the tables show medians. Rates
count every segment of the run (repeats included) and its source tokens.

    python benchmarks/throughput.py            # the full run (about 6 minutes)
    python benchmarks/throughput.py --sweep    # the engine settings instead (~8 minutes)
    python benchmarks/throughput.py --quick    # tiny sizes (the smoke test)
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
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
LENGTH_PENALTY = 0.2


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    cli.add_argument("--sweep", action="store_true", help="time the engine settings instead")
    args = cli.parse_args(argv)
    home = isolate_argos()
    work = home / "work"

    from translit.articles import find_articles
    from translit.document import Glossary
    from translit.engines import CT2Engine, EngineOptions, thread_split
    from translit.glossary import load_glossaries, shipped_glossaries
    from translit.glossary.enforce import term_policy
    from translit.pipeline import (
        DEFAULT_FORMATS,
        NoProgress,
        load_documents,
        translate_documents,
        translate_paths,
    )

    print_header("Throughput", ["ctranslate2", "sentencepiece", "argostranslate"])
    quick = args.quick
    rounds = 1 if quick else args.rounds
    size, n_articles, n_sentences = ("small", 3, 24) if quick else ("base", 20, 420)
    corpus, corpus_from = vocabulary_corpus()
    started = time.perf_counter()
    info, model_mb = install_copy_model(work, size, corpus)
    build = time.perf_counter() - started
    sentences, text_from = body_sentences(n_sentences)
    articles = make_articles(sentences, n_articles, NewsWriter(7))
    folder = work / "articles"
    paths = write_articles(articles, folder)

    def documents(chosen=paths):
        return load_documents(find_articles(chosen), print, print)

    options = EngineOptions(beam=BEAM, length_penalty=LENGTH_PENALTY)
    engine = CT2Engine(info, options)
    started = time.perf_counter()
    engine.load()
    load = time.perf_counter() - started
    # No glossary, no number/date conventions, no names: every contender decodes the
    # same text.
    policy = term_policy(Glossary(), conventions=False, names=None)
    by_article = [[seg.source for seg in doc.segments] for doc in documents()]
    segments = [s for article in by_article for s in article]
    distinct = list(dict.fromkeys(segments))
    tokens = {text: engine.tokenize(text) for text in distinct}
    run_tokens = sum(len(tokens[s]) for s in segments)
    words = sum(len(s.split()) for s in segments)
    inter, intra = thread_split(options, "cpu")
    print(
        f"Model: copy model, size {size}, {model_mb:.0f} MB on disk (built in {build:.1f} s, "
        f"loaded in {load:.2f} s); vocabulary trained on {corpus_from}.\n"
        f"Run: {len(articles)} articles, {len(segments)} segments ({len(distinct)} distinct), "
        f"{run_tokens} source tokens ({run_tokens / words:.2f} per word); text: {text_from}.\n"
        f"translit engine defaults: batches of {options.batch_budget(BEAM)} source tokens, "
        f"{inter} in parallel × {intra} thread each, compute type {options.compute_type}.\n"
    )
    if args.sweep:
        sweep(info, distinct, rounds)
        argos_threads(articles[:1], rounds)
        return

    # -- A: argostranslate's own path, on the same installed package
    translation = argos_translation(intra_threads=1, beam=BEAM)
    translation.translate("Khởi động.")  # loads its ctranslate2 model, untimed
    a_tokens: list[int] = []

    def run_a(round_: int) -> float:
        share = range(round_ % rounds, len(articles), rounds)
        translation.cache = {}
        started = time.perf_counter()
        for i in share:
            assert translation.translate(articles[i].text).strip()
        elapsed = time.perf_counter() - started
        a_tokens.append(sum(len(tokens[s]) for i in share for s in by_article[i]))
        return elapsed * run_tokens / a_tokens[-1]  # the whole run at this share's rate

    # -- B: one raw ctranslate2 call, best settings
    import ctranslate2

    translator = ctranslate2.Translator(
        str(info.path / "model"),
        compute_type=options.compute_type,
        inter_threads=inter,
        intra_threads=intra,
    )
    batch = [tokens[t] for t in distinct]

    def run_b(_round: int) -> None:
        results = translator.translate_batch(
            batch,
            max_batch_size=options.batch_budget(BEAM),
            batch_type="tokens",
            beam_size=BEAM,
            length_penalty=LENGTH_PENALTY,
            replace_unknowns=True,
            return_scores=True,
            max_decoding_length=2 * max(map(len, batch)) + 16,
        )
        assert all(r.hypotheses[0] == t for r, t in zip(results, batch, strict=True))

    # -- translit
    def run_documents(_round: int, chosen=paths, engine=engine) -> float:
        docs = documents(chosen)
        started = time.perf_counter()
        translate_documents(docs, engine, NoProgress(), policy)
        elapsed = time.perf_counter() - started
        assert all(s.target == s.source for d in docs for s in d.segments), "not a copy"
        return elapsed

    def run_paths(round_: int, policy=policy, name: str = "out") -> None:
        report = translate_paths([folder], work / f"{name}-{round_}", engine, policy=policy)
        assert not report.errors and len(report.written) == len(DEFAULT_FORMATS) * len(articles)

    house = term_policy(load_glossaries(shipped_glossaries()))  # what `translit translate` uses

    a_name, b_name = "A  argostranslate.translate", "B  ctranslate2 translate_batch"
    contenders = {
        a_name: run_a,
        b_name: run_b,
        "translit translate_documents": run_documents,
        "translit translate_paths (writes files)": run_paths,
        "  same, shipped glossary + conventions": partial(run_paths, policy=house, name="house"),
    }
    times = alternate(contenders, rounds)
    a_time, b_time = median(times[a_name]), median(times[b_name])
    rows = []
    for name, t in times.items():
        m = median(t)
        rows.append(
            [
                name,
                seconds(m),
                f"{seconds(min(t))}–{seconds(max(t))}",
                f"{len(segments) / m:.1f}",
                f"{run_tokens / m:.0f}",
                f"{a_time / m:.2f}×",
                f"{m / b_time:.2f}",
            ]
        )
    headers = ["contender", "median s", "range s", "segments/s", "tokens/s", "speed vs A",
               "time / B"]  # fmt: skip
    print(table(headers, rows))
    shares = ", ".join(f"{t} tokens" for t in a_tokens)
    print(
        f"\n{rounds} round{'s' * (rounds > 1)}. A translated a different share of the articles "
        f"each round ({shares}); its row is that share's rate over the whole run."
    )

    # -- Work avoided, and the fast mode: a few articles, alone and republished
    few = paths[: max(1, len(paths) // 10)]
    twice = work / "twice"
    copies = [twice / f"{p.stem}-lai.txt" for p in few]
    twice.mkdir()
    for source, copy in zip(few, copies, strict=True):
        copy.write_bytes(source.read_bytes())
    greedy = CT2Engine(info, replace(options, beam=1))
    greedy.load()
    few_docs = documents(few)
    few_segments = sum(len(d.segments) for d in few_docs)
    sent = {
        "twice": translate_documents(documents([*few, *copies]), engine, NoProgress(), policy),
        "once": translate_documents(few_docs, engine, NoProgress(), policy),
    }
    both = [*few, *copies]
    extra = {
        f"{len(few)} article(s), beam 4": (few, engine),
        f"the same {len(few)} + {len(few)} republished copies": (both, engine),
        f"{len(few)} article(s), --beam 1 (greedy)": (few, greedy),
    }
    times = alternate(
        {n: partial(run_documents, chosen=c, engine=e) for n, (c, e) in extra.items()}, rounds
    )
    first = median(next(iter(times.values())))
    rows = []
    for name, t in times.items():
        count = sum(len(d.segments) for d in documents(extra[name][0]))
        rows.append(
            [name, seconds(median(t)), f"{first / median(t):.2f}×", f"{count / median(t):.1f}"]
        )
    print()
    print(table(["translit translate_documents", "median s", "speed", "segments/s"], rows))
    print(
        f"\nThe copies add {few_segments} segments and 0 model work: the run sent "
        f"{sent['twice']} distinct sentences to the model, as without them ({sent['once']}).\n"
        f"load average now {load_average()}"
    )


def argos_translation(intra_threads: int, beam: int):
    """argostranslate's cached vi→en translation of the installed package, as a user
    gets it from `argostranslate.translate`, with translit.segment as its splitter."""
    import argostranslate.settings as argos_settings
    import argostranslate.translate as argos

    from translit.segment import split_sentences

    argos_settings.inter_threads = 1  # it runs one batch at a time
    argos_settings.intra_threads = intra_threads
    argos_settings.beam_size = beam
    languages = {lang.code: lang for lang in argos.get_installed_languages()}
    translation = languages["vi"].get_translation(languages["en"])

    class Sentencizer:
        def split_sentences(self, text: str) -> list[str]:
            return [text[s:e] for s, e in split_sentences(text)]

    translation.underlying.sentencizer = Sentencizer()
    return translation


def argos_threads(articles, rounds: int) -> None:
    """A's thread setting: argostranslate on one article with 1, 2 and 0 (its default,
    ARGOS_INTRA_THREADS unset) threads per batch."""
    import argostranslate.settings as argos_settings
    import ctranslate2

    translation = argos_translation(intra_threads=1, beam=BEAM)
    package = translation.underlying.pkg
    translators = {
        n: ctranslate2.Translator(  # as argostranslate builds it, with intra_threads=n
            str(package.package_path / "model"),
            device=argos_settings.device,
            inter_threads=1,
            intra_threads=n,
            compute_type=argos_settings.compute_type,
        )
        for n in (1, 2, 0)
    }

    def contender(n: int):
        def run(_round: int) -> None:
            translation.underlying.translator = translators[n]
            translation.cache = {}
            for article in articles:
                translation.translate(article.text)

        return run

    names = {1: "intra_threads 1", 2: "intra_threads 2", 0: "intra_threads 0 (its default)"}
    times = alternate({names[n]: contender(n) for n in translators}, rounds)
    first = median(times[names[1]])
    rows = [[n, seconds(median(t)), f"{first / median(t):.2f}×"] for n, t in times.items()]
    print(f"\nargostranslate.translate (A) on {len(articles)} article(s), per thread setting:\n")
    print(table(["A's threads per batch", "median s", "speed"], rows))
    print(f"\nload average now {load_average()}")


def sweep(info, texts: list[str], rounds: int) -> None:
    """Time the engine alone under each setting a user can choose, on half the run."""
    from translit.engines import CT2Engine, EngineOptions

    texts = texts[: len(texts) // 2]
    base = EngineOptions(beam=BEAM, length_penalty=LENGTH_PENALTY)
    greedy = replace(base, beam=1)
    variants = {
        f"defaults (batches of {base.batch_budget(BEAM)} tokens, 2 × 1 thread)": base,
        **{f"batch_tokens {n}": replace(base, batch_tokens=n) for n in (128, 512, 1024, 2048)},
        "1 batch at a time × 2 threads": replace(base, inter_threads=1),
        "compute_type int8_float32": replace(base, compute_type="int8_float32"),
        "compute_type float32": replace(base, compute_type="float32"),
        f"--beam 1 (greedy; batches of {greedy.batch_budget(1)} tokens)": greedy,
        "--beam 1, batch_tokens 256": replace(greedy, batch_tokens=256),
        "--beam 1, batch_tokens 4096": replace(greedy, batch_tokens=4096),
    }
    engines = {name: CT2Engine(info, options) for name, options in variants.items()}
    for engine in engines.values():
        engine.load()
    first = next(iter(engines.values()))
    tokens = sum(len(first.tokenize(t)) for t in texts)

    def contender(engine):
        def run(_round: int) -> None:
            engine.translate(texts)

        return run

    cpu: dict[str, list[float]] = {}
    times = alternate({n: contender(e) for n, e in engines.items()}, rounds, cpu=cpu)
    default = median(next(iter(times.values())))
    rows = [
        [
            name,
            seconds(median(t)),
            f"{seconds(min(t))}–{seconds(max(t))}",
            seconds(median(cpu[name])),
            f"{len(texts) / median(t):.1f}",
            f"{tokens / median(t):.0f}",
            f"{default / median(t):.2f}×",
        ]
        for name, t in times.items()
    ]
    print(f"Engine settings on {len(texts)} distinct sentences ({tokens} tokens):\n")
    headers = ["engine setting", "median s", "range s", "CPU s", "sentences/s", "tokens/s",
               "vs defaults"]  # fmt: skip
    print(table(headers, rows))
    print(
        f"\n{rounds} round{'s' * (rounds > 1)}; CPU s is this process's CPU time (all threads), "
        f"steadier than wall time when other programs share the cores.\n"
        f"load average now {load_average()}"
    )


if __name__ == "__main__":
    main()
