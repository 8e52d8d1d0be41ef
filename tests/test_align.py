"""Character spans of SentencePiece pieces and links from attention (translit.engines.align)."""

from __future__ import annotations

from types import SimpleNamespace

from translit.engines.align import links, piece_spans
from translit.engines.base import Link


def pieces(*offsets: tuple[int, int]) -> list[SimpleNamespace]:
    return [SimpleNamespace(begin=b, end=e) for b, e in offsets]


def test_piece_spans_are_characters_without_the_leading_space():
    text = "Nga  nói"  # 'ó' is two bytes in UTF-8
    # ▁Nga (0-3), ▁n (3-6: two spaces and n), ó (6-8), i (8-9)
    spans = piece_spans(text, pieces((0, 3), (3, 6), (6, 8), (8, 9)))
    assert [text[s:e] for s, e in spans] == ["Nga", "n", "ó", "i"]


def test_bytes_of_one_character_share_its_span_and_shift_moves_spans():
    text = " 中x"
    # ▁ (0-1), <0xE4> (1-1), <0xB8> (1-1), <0xAD> (1-4), x (4-5)
    spans = piece_spans(text, pieces((0, 1), (1, 1), (1, 1), (1, 4), (4, 5)), shift=1)
    assert spans == [(0, 0), (0, 1), (0, 1), (0, 1), (1, 2)]


def test_links_take_the_most_attended_source_token_and_skip_the_end_token():
    target = [(0, 6), (7, 12), (12, 12)]  # "Russia" "talks" and a token without text
    source = [(0, 3), (4, 8)]  # "Nga" "đàm"
    attention = [[0.9, 0.1, 0.0], [0.0, 0.2, 0.8], [1.0, 0.0, 0.0]]  # the 2nd attends </s>
    assert links(attention, target, source) == (Link(0, 6, 0, 3),)
