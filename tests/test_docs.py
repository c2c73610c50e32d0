"""The README and docs/ stay true to the tree: the layout names what exists and every package,
and every relative link leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cadomaestro import paths

PAGES = [paths.README, *sorted(paths.DOCS.glob("*.md"))]


def layout_block() -> str:
    readme = paths.README.read_text(encoding="utf-8")
    return readme.split("## Layout", 1)[1].split("```", 2)[1]


def layout_paths() -> list[str]:
    found = re.findall(
        r"(?<![\w`])((?:[\w.-]+/)+[\w.-]*|[\w-]+\.(?:yml|py|sh|txt))", layout_block()
    )
    return sorted(set(found))


@pytest.mark.parametrize("path", layout_paths())
def test_the_layout_names_what_exists(path: str) -> None:
    assert (paths.ROOT / path).exists(), f"README layout names {path}, which does not exist"


def test_the_layout_names_every_package() -> None:
    listed = set(layout_paths())
    packages = {f"cadomaestro/{p.name}/" for p in (paths.ROOT / "cadomaestro").iterdir()
                if (p / "__init__.py").exists()}  # fmt: skip
    modules = {f"cadomaestro/{p.name}" for p in (paths.ROOT / "cadomaestro").glob("*.py")}
    assert packages - listed == set()
    assert modules - listed - {"cadomaestro/__init__.py"} == set()


def links(page: Path) -> list[tuple[Path, str]]:
    text = page.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    return [(page, target) for target in targets if "://" not in target]


@pytest.mark.parametrize(
    ("page", "target"), [pair for page in PAGES for pair in links(page)], ids=str
)
def test_relative_links_lead_somewhere(page: Path, target: str) -> None:
    assert (page.parent / target).exists(), f"{page.name} links to {target}"
