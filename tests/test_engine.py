"""The CTranslate2 engine on the copy model: order, batching, dedup, options."""

from __future__ import annotations

import pytest

from translit.engines import CT2Engine, EngineOptions, available_cores, thread_split
from translit.engines.ct2 import _token_batches
from translit.models import find_model

SENTENCES = [
    "Ngày 30/1/2022, giá tăng 2,5% lên 1.500.000 đồng.",
    "Ông J.Biden và ông V.Putin điện đàm.",
    "Một câu ngắn.",
    "Tệp nhật_ký_phiên_họp được công bố (bản gốc).",
]


class SpyTranslator:
    """Wraps the real ctranslate2.Translator to record what each call received."""

    def __init__(self, real):
        self.real = real
        self.calls: list[list[list[str]]] = []

    def translate_batch(self, batch, **kwargs):
        self.calls.append(batch)
        return self.real.translate_batch(batch, **kwargs)


@pytest.fixture
def engine(with_model) -> CT2Engine:
    return CT2Engine(find_model(), EngineOptions(threads=1))


def spy_on(engine: CT2Engine) -> SpyTranslator:
    """Put a SpyTranslator around the engine's real translator."""
    loaded = engine.load()
    spy = SpyTranslator(loaded.translator)
    engine._loaded = loaded._replace(translator=spy)
    return spy


def test_copy_model_returns_each_input_in_order(engine):
    results = engine.translate(SENTENCES)
    assert [hyps[0].text for hyps in results] == SENTENCES


def test_identical_sentences_are_translated_once(engine):
    spy = spy_on(engine)
    texts = ["Ảnh: AFP", SENTENCES[0], "Ảnh: AFP", "", SENTENCES[0], "Ảnh: AFP"]
    done: list[int] = []
    results = engine.translate(texts, progress=done.append)
    assert [h[0].text for h in results] == texts
    assert sum(len(batch) for batch in spy.calls) == 2
    assert sum(done) == len(texts)  # progress counts every segment, repeats included


def test_batches_respect_the_token_budget_and_are_length_sorted(with_model):
    engine = CT2Engine(find_model(), EngineOptions(batch_tokens=40, threads=1))
    spy = spy_on(engine)
    texts = [f"Câu số {i} " + "rất " * (i % 7) + "dài." for i in range(30)]
    assert [h[0].text for h in engine.translate(texts)] == texts
    assert len(spy.calls) > 1
    lengths = [len(tokens) for batch in spy.calls for tokens in batch]
    assert lengths == sorted(lengths)
    assert all(sum(len(t) + 1 for t in batch) <= 40 or len(batch) == 1 for batch in spy.calls)


def test_token_batches_cover_every_index_once():
    tokenized = [["a"] * n for n in (5, 1, 9, 3, 3, 20)]
    order = sorted(range(6), key=lambda i: len(tokenized[i]))
    batches = _token_batches(order, tokenized, budget=10)
    assert [i for b in batches for i in b] == order
    assert batches[-1] == [5]  # longer than the budget: alone in its batch


def test_n_best_hypotheses(engine):
    hyps = engine.translate([SENTENCES[1]], num_hypotheses=4)[0]
    assert len(hyps) == 4
    assert hyps[0].text == SENTENCES[1]
    assert hyps[0].score >= hyps[1].score


@pytest.mark.parametrize("options", [EngineOptions(beam=1), EngineOptions(compute_type="int8")])
def test_greedy_and_int8_still_copy(with_model, options):
    engine = CT2Engine(find_model(), options)
    assert [h[0].text for h in engine.translate(SENTENCES)] == SENTENCES


def test_underscores_survive_detokenization(engine):
    # argostranslate's own decode turns "_" into " "; ours must not
    assert engine.translate([SENTENCES[3]])[0][0].text == SENTENCES[3]


def test_parallel_batches_come_back_in_input_order(with_model):
    # two workers, many small batches finishing in any order: each output at its input's index
    engine = CT2Engine(find_model(), EngineOptions(threads=2, batch_tokens=24))
    texts = [f"Tin số {i}: " + "mưa lớn " * (i % 9) + "kéo dài." for i in range(40)]
    done: list[int] = []
    assert [h[0].text for h in engine.translate(texts, progress=done.append)] == texts
    assert sum(done) == len(texts)


@pytest.mark.parametrize(("beam", "budget"), [(4, 256), (1, 1024)])
def test_default_batches_are_smaller_the_wider_the_beam(with_model, beam, budget):
    engine = CT2Engine(find_model(), EngineOptions(beam=beam, threads=1))
    spy = spy_on(engine)
    texts = [f"Câu thứ {i} " + "về giá xăng dầu " * (i % 5) + "hôm nay." for i in range(60)]
    assert [h[0].text for h in engine.translate(texts)] == texts
    sizes = [sum(len(tokens) + 1 for tokens in batch) for batch in spy.calls]
    assert max(sizes) <= budget < sum(sizes)  # full batches, none over the default budget
    assert max(sizes) > budget // 2


def test_threads_become_parallel_single_threaded_batches_on_cpu():
    assert thread_split(EngineOptions(threads=4), "cpu") == (4, 1)
    assert thread_split(EngineOptions(threads=4, inter_threads=2), "cpu") == (2, 2)
    assert thread_split(EngineOptions(threads=3, inter_threads=8), "cpu") == (3, 1)
    assert thread_split(EngineOptions(threads=0), "cpu") == (available_cores(), 1)
    assert thread_split(EngineOptions(threads=4), "cuda") == (1, 4)  # one batch at a time


ALIGNED = [
    "Tổng thống Nga  V.Putin nói 中文 “Mátxcơva” 😀.",  # spaces collapse; byte pieces
    "Ông J.Biden và ông V.Putin điện đàm.",
    "Tệp nhật_ký được công bố (bản gốc).",
]


def test_without_attention_hypotheses_carry_no_alignment(engine):
    assert all(h.alignment is None for hyps in engine.translate(ALIGNED) for h in hyps)


def test_attention_links_every_english_character_to_the_source_it_copies(engine):
    # the copy model attends to source position t at step t: each target token's span
    # holds the same text as the source token it is linked to, and the links cover the
    # English, non-space character by character, in order
    for text, hyps in zip(ALIGNED, engine.translate(ALIGNED, attention=True), strict=True):
        hyp = hyps[0]
        assert hyp.text == " ".join(text.split())
        assert hyp.alignment
        covered = []
        for link in hyp.alignment:
            english = hyp.text[link.target_start : link.target_end]
            assert english == text[link.source_start : link.source_end]
            covered += range(link.target_start, link.target_end)
        assert sorted(set(covered)) == [i for i, c in enumerate(hyp.text) if not c.isspace()]
        starts = [link.target_start for link in hyp.alignment]
        assert starts == sorted(starts)


def test_suppressed_forms_are_never_written_and_others_are_left_alone(engine):
    spy = spy_on(engine)
    texts = ["Phía Nga cho biết.", "Phía Nga cho biết.", "Nga và Mỹ."]
    bans = [["Nga"], [], ["Nga", "Mỹ"]]
    results = engine.translate(texts, num_hypotheses=3, suppress=bans)
    assert results[1][0].text == texts[1]  # the same text without a ban: a copy
    for hyps in (results[0], results[2]):
        assert len(hyps) == 3 and not any("Nga" in h.text for h in hyps)
    assert not any("Mỹ" in h.text for h in results[2])
    assert sum(len(batch) for batch in spy.calls) == 3  # one batch per set of bans


def test_suppress_sequences_are_the_models_tokens_of_each_form(engine):
    calls = []
    loaded = engine.load()

    class Spy:
        def translate_batch(self, batch, **kwargs):
            calls.append(kwargs.get("suppress_sequences"))
            return loaded.translator.translate_batch(batch, **kwargs)

    engine._loaded = loaded._replace(translator=Spy())
    engine.translate(["Phía Nga cho biết.", "Một câu."], suppress=[["Nga", " "], []])
    nga = loaded.tokenizer.encode_target("Nga")
    assert sorted(calls, key=str) == sorted([None, [nga]], key=str)
    assert "</s>" not in nga  # the English as written, no special token
