"""A follow-up answered from the assistant's last reply: « et c surtaxé ? » right after the
customer-service contacts, « c quoi le numero pour la reclamation ? » right after the checks of a
parcel marked delivered but not received.

The classifier may not know what such a fragment is about, but the reply it follows does: the
sentences of that reply which contain one of the fragment's rare words answer it. A word is rare
when few of the FAQ's answers use it (« commande », « livraison » are everywhere) and few topics'
customer examples do (« comment », « combien », « temps » are in every kind of question).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from cadomaestro.dialogue.signals import fold

MIN_WORD_LENGTH = 4
# A word of more than this many FAQ answers says too little to pick sentences out.
MAX_ANSWERS_WITH_WORD = 3
MAX_TOPICS_ASKING_WITH_WORD = 6  # of the 60 topics' customer examples
MAX_SENTENCES = 2
# Words about the conversation itself, whatever its subject (« j'ai une question sur… »).
_ABOUT_ASKING = frozenset({"question", "reponse", "renseignement", "information", "besoin", "aide"})
# A follow-up asks: a statement that echoes the reply (« j ai deja demande aux voisins ») is no
# question about it, and repeating the sentence would not help.
_ASKS = re.compile(r"\?|\b(quoi|comment|quand|combien|pourquoi|quel|quelle|quels|quelles|ou)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«(])|\n+")


def _stem(word: str) -> str:
    """The word without a plural or feminine ending: « surtaxée » and « surtaxés » match."""
    return re.sub(r"(es|s|e|x)$", "", word) if len(word) > MIN_WORD_LENGTH else word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) >= MIN_WORD_LENGTH}


def sentences(text: str) -> list[str]:
    """The sentences (and list items) of a reply."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


class Recall:
    def __init__(self, topics: Iterable[tuple[str, Iterable[str]]]) -> None:
        """`topics`: each FAQ topic's answer and customer examples."""
        self.in_answers: Counter[str] = Counter()
        self.in_questions: Counter[str] = Counter()
        for answer, examples in topics:
            self.in_answers.update(_stems(answer))
            self.in_questions.update(set().union(*(_stems(e) for e in examples)))

    def rare_words(self, text: str) -> set[str]:
        return {
            w
            for w in _stems(text)
            if w not in _ABOUT_ASKING
            and self.in_answers[w] <= MAX_ANSWERS_WITH_WORD
            and self.in_questions[w] <= MAX_TOPICS_ASKING_WITH_WORD
        }

    def answer(self, follow_up: str, last_reply: str) -> list[str]:
        """For a question, the first sentence of `last_reply` that contains a rare word of
        `follow_up`, and the one after it, which often completes it (« …tant qu’il n’est pas
        revenu dans nos locaux. À sa réception, notre service client vous proposera… »); none
        when no rare word is in the reply. Questions of the reply are left out: their offer is
        no longer open."""
        if not _ASKS.search(fold(follow_up)):
            return []
        words = self.rare_words(follow_up)
        said = [s for s in sentences(last_reply) if not s.endswith("?")]
        for i, sentence in enumerate(said):
            if words & _stems(sentence):
                return said[i : i + MAX_SENTENCES]
        return []
