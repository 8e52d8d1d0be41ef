"""Word alignment from a model's attention, as character spans.

CTranslate2 returns, per output token, its attention over the source tokens. The
pipeline works on text, not tokens, so each output token becomes a `Link`: its span in
the detokenized English and the span of the source token it attends to most in the
text that was translated. The engine gives the spans of both sides for any model
profile (`CT2Engine.source_spans` / `output_spans`, through
`translit.engines.tokenizer.token_spans`): special tokens (a language code, `</s>`, the
target prefix) have no span.

Pure functions; nothing here imports ctranslate2 or a tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence

from translit.engines.base import Link

Span = tuple[int, int]


def links(
    attention: Sequence[Sequence[float]],
    target_spans: Sequence[Span | None],
    source_spans: Sequence[Span | None],
) -> tuple[Link, ...]:
    """One Link per output token with text: its span and the span of the source token
    with the most attention. Tokens without text (a special token, a lone `▁`), and
    those attending most to a source token without text (`</s>`, a language code) are
    left out."""
    import numpy as np

    rows = len(target_spans)
    if not rows or len(attention) < rows:
        return ()
    best = np.asarray(attention[:rows], dtype=np.float32).argmax(axis=1).tolist()
    found: list[Link] = []
    for target, j in zip(target_spans, best, strict=True):
        source = source_spans[j] if j < len(source_spans) else None
        if target is None or source is None or target[0] >= target[1] or source[0] >= source[1]:
            continue
        found.append(Link(target[0], target[1], source[0], source[1]))
    return tuple(found)
