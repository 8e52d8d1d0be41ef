"""Translation through CTranslate2 on an installed model: an Argos package, or any
converted model folder with a profile (translit.engines.profiles).

The engine knows nothing of glossaries or documents: it takes sentences and returns
hypotheses. The profile says how a sentence becomes the model's input (tokenizer,
prefix and suffix tokens) and how output tokens become text (the target prefix
stripped, the target tokenizer's decoding), so every family runs through the same
code. All pending sentences of a run come in one call; identical sentences are
translated once; the rest are length-sorted and cut into small token-budget batches,
each decoded with Argos's own defaults (beam 4, length_penalty 0.2, replace_unknowns)
unless the options say otherwise. On CPU the batches run in parallel, one
single-threaded batch per core: on two cores that is 1.5-2× faster than one batch on
two threads, whose threads wait on each other at every step, worst when other
programs share the cores (benchmarks/throughput.py --sweep).

ctranslate2 and the tokenizer are imported only when an engine is loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from importlib import metadata
from typing import Any, NamedTuple

from translit import __version__
from translit.engines.align import links
from translit.engines.base import (
    MAX_DECODING_LENGTH,
    EngineOptions,
    Hypotheses,
    Hypothesis,
    ModelError,
    ModelInfo,
    Progress,
    resolve_device,
    thread_split,
)
from translit.engines.profiles import (
    ModelProfile,
    ProfileError,
    folder_digest,
    load_profile,
    model_files,
    tokenizer_paths,
)
from translit.engines.tokenizer import Tokenizer, TokenizerError, load_tokenizer

Span = tuple[int, int]


class Loaded(NamedTuple):
    """A loaded model: its profile, the CTranslate2 translator and the tokenizer."""

    profile: ModelProfile
    translator: Any  # ctranslate2.Translator
    tokenizer: Tokenizer


class CT2Engine:
    """CTranslate2 + the model's own tokenizer and profile, batched per run."""

    def __init__(self, model: ModelInfo, options: EngineOptions | None = None) -> None:
        """Remember the model; it is loaded on first use (see `load`)."""
        self.model = model
        self.options = options or EngineOptions()
        self._profile: ModelProfile | None = None
        self._loaded: Loaded | None = None
        self._fingerprint = ""

    @property
    def profile(self) -> ModelProfile:
        """The model's profile (read from its folder once; imports nothing heavy)."""
        if self._profile is None:
            try:
                self._profile = load_profile(self.model.path)
            except ProfileError as err:
                raise ModelError(str(err)) from None
        return self._profile

    def load(self) -> Loaded:
        """Load the tokenizer and the CTranslate2 model (once)."""
        if self._loaded is None:
            import ctranslate2

            profile = self.profile
            source, target = tokenizer_paths(self.model.path, profile)
            for path in (source, target):
                if path is not None and not path.is_file():
                    raise ModelError(f"{self.model.path}: no tokenizer ({path.name} missing)")
            try:
                tokenizer = load_tokenizer(
                    source, target, languages=(profile.from_code, profile.to_code)
                )
            except TokenizerError as err:
                raise ModelError(str(err)) from None
            device = resolve_device(self.options.device)
            inter, intra = thread_split(self.options, device)
            try:
                translator = ctranslate2.Translator(
                    str(self.model.path / profile.model_dir),
                    device=device,
                    compute_type=self.options.compute_type,
                    inter_threads=inter,
                    intra_threads=intra,
                )
            except (RuntimeError, ValueError) as err:
                raise ModelError(f"{self.model.path}: cannot load the model ({err})") from None
            self._loaded = Loaded(profile, translator, tokenizer)
        return self._loaded

    @property
    def fingerprint(self) -> str:
        """Everything that changes this engine's output, as one signature string:
        translit and CTranslate2 versions, the model (name, version, a digest of its
        weights, vocabulary and tokenizer files), its profile, beam, length penalty,
        compute type and device. It keys the run cache and signs the PO header."""
        if not self._fingerprint:
            profile, opts = self.profile, self.options
            try:
                digest = folder_digest(model_files(self.model.path, profile))
            except OSError as err:
                raise ModelError(f"{self.model.path}: cannot read the model ({err})") from None
            parts = [
                f"translit:{__version__}",
                f"model:{self.model.name}",
                f"version:{self.model.version or '-'}",
                f"digest:{digest}",
                profile.signature(),
                f"beam:{opts.beam}",
                f"lp:{opts.length_penalty:g}",
                f"compute:{opts.compute_type}",
                f"device:{resolve_device(opts.device)}",
                f"ct2:{metadata.version('ctranslate2')}",
            ]
            self._fingerprint = "|".join(parts)
        return self._fingerprint

    def tokenize(self, text: str) -> list[str]:
        """The tokens the model reads for a sentence, the profile's special tokens included."""
        loaded = self.load()
        return loaded.profile.source_tokens(loaded.tokenizer.encode(text))

    def detokenize(self, tokens: list[str]) -> str:
        """The text of an output (the target prefix stripped)."""
        loaded = self.load()
        return loaded.tokenizer.decode(loaded.profile.output_tokens(tokens))

    def source_spans(self, text: str) -> tuple[list[str], list[Span | None]]:
        """The tokens the model reads for `text`, each with its character span in `text`
        (None for the profile's prefix and suffix tokens): what an attention weight on
        a source position points at."""
        loaded = self.load()
        pieces, found = loaded.tokenizer.encode_spans(text)
        spans: list[Span | None] = list(found)
        profile = loaded.profile
        none: list[Span | None] = [None]
        spans = none * len(profile.source_prefix) + spans + none * len(profile.source_suffix)
        return profile.source_tokens(pieces), spans

    def output_spans(self, tokens: list[str]) -> tuple[str, list[Span | None]]:
        """An output's text and each of its tokens' span in that text (None for the
        target prefix): what the English words behind output positions are."""
        loaded = self.load()
        own = loaded.profile.output_tokens(tokens)
        text, found = loaded.tokenizer.decode_spans(own)
        spans: list[Span | None] = [None] * (len(tokens) - len(own))
        return text, spans + list(found)

    def translate(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        num_hypotheses: int = 1,
        *,
        attention: bool = False,
        suppress: Sequence[Sequence[str]] | None = None,
    ) -> list[Hypotheses]:
        """Translate every text; identical texts are translated once, blank ones not at all.

        Every batch is queued at once, so CTranslate2's parallel workers (see
        `thread_split`) each take the next batch as soon as they are free; results are
        collected in queue order and progress is reported batch by batch. With
        `attention`, each hypothesis carries its word alignment (`Hypothesis.alignment`).
        `suppress` gives per text the English forms to ban; texts are batched with
        others that ban the same forms (CTranslate2 bans per batch).
        """
        bans = [_ban_key(suppress[i] if suppress else ()) for i in range(len(texts))]
        counts = Counter((t, ban) for t, ban in zip(texts, bans, strict=True) if t.strip())
        unique = list(counts)
        tokenized = [self.tokenize(t) for t, _ in unique]
        results: dict[tuple[str, tuple[str, ...]], Hypotheses] = {}
        if progress is not None and len(texts) > counts.total():
            progress(len(texts) - counts.total())
        budget = self.options.batch_budget(max(self.options.beam, num_hypotheses))
        groups: dict[tuple[str, ...], list[int]] = {}
        for i in sorted(range(len(unique)), key=lambda i: len(tokenized[i])):
            groups.setdefault(unique[i][1], []).append(i)
        queued = [
            (
                batch,
                self._submit([tokenized[i] for i in batch], num_hypotheses, budget, ban, attention),
            )  # fmt: skip
            for ban, order in groups.items()
            for batch in _token_batches(order, tokenized, budget)
        ]
        for batch, pending in queued:
            for i, future in zip(batch, pending, strict=True):
                text = unique[i][0]
                results[unique[i]] = self._hypotheses(future.result(), text if attention else None)
            if progress is not None:
                progress(sum(counts[unique[i]] for i in batch))
        empty = [Hypothesis("", 0.0, () if attention else None)]
        return [results.get(key, empty) for key in zip(texts, bans, strict=True)]

    def _submit(
        self,
        batch: list[list[str]],
        num_hypotheses: int,
        budget: int,
        ban: tuple[str, ...] = (),
        attention: bool = False,
    ) -> list[Any]:
        """Queue one batch for decoding; returns CTranslate2's async results."""
        opts = self.options
        profile, translator, tokenizer = self.load()
        longest = max(len(tokens) for tokens in batch)
        kwargs: dict[str, Any] = {}
        if profile.target_prefix:
            kwargs["target_prefix"] = [list(profile.target_prefix)] * len(batch)
        # the English as the model writes it: target tokens, no special tokens (a form
        # that is only a word-start mark bans nothing, not every word)
        banned = [tokens for form in ban if (tokens := tokenizer.encode_target(form))]
        banned = [tokens for tokens in banned if tokens != ["\u2581"]]
        if banned:
            kwargs["suppress_sequences"] = banned
        return translator.translate_batch(
            batch,
            asynchronous=True,
            beam_size=max(opts.beam, num_hypotheses),
            num_hypotheses=num_hypotheses,
            length_penalty=opts.length_penalty,
            replace_unknowns=True,
            return_scores=True,
            return_attention=attention,
            max_batch_size=budget,
            batch_type="tokens",
            max_input_length=profile.max_input_length,
            max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 16),
            **kwargs,
        )

    def _hypotheses(self, result: Any, source: str | None = None) -> Hypotheses:
        """The result's hypotheses; with `source` (the text translated), aligned."""
        if source is None:
            return [
                Hypothesis(self.detokenize(tokens), float(score))
                for tokens, score in zip(result.hypotheses, result.scores, strict=True)
            ]
        _, source_spans = self.source_spans(source)
        found = []
        for tokens, score, weights in zip(
            result.hypotheses, result.scores, result.attention, strict=True
        ):
            text, target_spans = self.output_spans(tokens)
            # one row of attention per output token (the target prefix included); a
            # model that gives none, or rows that do not match, gives no alignment
            aligned = len(weights) == len(tokens) and len(weights) > 0
            alignment = links(weights, target_spans, source_spans) if aligned else None
            found.append(Hypothesis(text, float(score), alignment))
        return found


def _ban_key(forms: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({f for f in forms if f.strip()}))


def _token_batches(order: list[int], tokenized: list[list[str]], budget: int) -> list[list[int]]:
    """Cut length-sorted indices into batches of at most `budget` tokens."""
    batches: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i in order:
        n = len(tokenized[i]) + 1
        if current and size + n > budget:
            batches.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        batches.append(current)
    return batches
