"""Headless Chromium for the HTML tests: run it on a page from disk (fresh profile, no
network, background services off) and read back the DOM it built as a small tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=5000",  # let the page's script run, then stop waiting
    "--enable-logging=stderr",  # the page's console (CSP refusals, script errors)
    "--v=0",
)


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install chromium)")


def chromium(workdir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium with a fresh profile under workdir."""
    profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)  # fresh: no state carried over
    home = workdir / "home"
    home.mkdir(exist_ok=True)
    result = subprocess.run(
        [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result


# --- a small DOM, from what Chromium serialized ---------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.classes):
                    found.append(child)
                found += child.all(tag, cls)
        return found


VOID = {"meta", "input", "col", "br", "link", "img", "hr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def dom(serialized: bytes) -> Node:
    builder = _Builder()
    builder.feed(serialized.decode("utf-8"))
    return builder.root
