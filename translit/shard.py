"""Splitting a folder's articles among N independent runs: `translit translate --shard K/N`.

An article belongs to shard `shard_of(id, N)`: a hash of its id (the name its outputs
take, see `translit.pipeline`), so the split depends on nothing but the id. Adding
articles to the folder never moves an article to another shard, every machine of a
Slurm array or Kubernetes indexed job computes the same split without talking to the
others, and the N runs together cover every article exactly once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from translit.io import InputError

MAX_SHARDS = 1_000_000
_SPEC = re.compile(r"\s*(\d{1,7})\s*/\s*(\d{1,7})\s*")


def shard_of(article_id: str, count: int) -> int:
    """The shard (1 to `count`) that translates the article with this id."""
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (both from 1, as Slurm's and the user's K/N)."""

    index: int
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """`K/N` → Shard(K, N); InputError with one line if it is not 1 ≤ K ≤ N."""
        match = _SPEC.fullmatch(spec)
        if not match:
            raise InputError(f"--shard {spec!r}: give K/N, such as 1/3 (the first of three)")
        index, count = int(match[1]), int(match[2])
        if not 1 <= count <= MAX_SHARDS:
            raise InputError(f"--shard {spec}: N must be 1 to {MAX_SHARDS:,}")
        if not 1 <= index <= count:
            raise InputError(f"--shard {spec}: K must be 1 to {count} (shards count from 1)")
        return cls(index, count)

    def holds(self, article_id: str) -> bool:
        """Whether this shard translates the article with this id."""
        return self.count == 1 or shard_of(article_id, self.count) == self.index

    @property
    def whole(self) -> bool:
        """1/1: every article (a run without --shard)."""
        return self.count == 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


WHOLE = Shard(1, 1)
