"""The FAQ corpus, loaded once per test process: loading it reads and checks every entry's YAML
(3 s), which tests parametrised over topics would otherwise pay once per case."""

from __future__ import annotations

from functools import cache

from cadomaestro.faq.corpus import FaqEntry, load_corpus


@cache
def faq_entries() -> tuple[FaqEntry, ...]:
    return tuple(load_corpus())
