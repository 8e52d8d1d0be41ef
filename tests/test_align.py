"""Character spans of SentencePiece pieces and links from attention (translit.engines.align)."""

from __future__ import annotations

from types import SimpleNamespace

from translit.engines.align import links, piece_spans
from translit.engines.base import Link


def pieces(*surfaces: str, begin: int = 0) -> list[SimpleNamespace]:
    """Pieces as SentencePiece describes them: where the first starts (a byte offset),
    and each one's text."""
    return [SimpleNamespace(begin=begin, surface=s) for s in surfaces]


def test_piece_spans_are_characters_without_the_leading_space():
    text = "  Nga  nói"  # the first piece starts after two spaces; "ó" is two bytes
    spans = piece_spans(text, pieces("Nga", "  n", "ó", "i", begin=2))
    assert [text[s:e] for s, e in spans] == ["Nga", "n", "ó", "i"]


def test_bytes_of_one_character_share_its_span_and_shift_moves_spans():
    text = "đ 中x"  # đ is two bytes: the first piece starts at byte 2 (the space)
    spans = piece_spans(text, pieces(" ", "", "", "中", "x", begin=2), shift=1)
    assert spans == [(1, 1), (1, 2), (1, 2), (1, 2), (2, 3)]


def test_links_take_the_most_attended_source_token_and_skip_the_end_token():
    target = [(0, 6), (7, 12), (12, 12)]  # "Russia" "talks" and a token without text
    source = [(0, 3), (4, 8)]  # "Nga" "đàm"
    attention = [[0.9, 0.1, 0.0], [0.0, 0.2, 0.8], [1.0, 0.0, 0.0]]  # the 2nd attends </s>
    assert links(attention, target, source) == (Link(0, 6, 0, 3),)
