"""A follow-up answered from the last reply's sentences (cadomaestro/dialogue/recall.py)."""

from __future__ import annotations

import pytest

from cadomaestro.dialogue.recall import Recall, sentences
from cadomaestro.faq.corpus import load_corpus

CONTACTS = (
    "Notre service client vous répond au 04 81 64 00 80 (numéro non surtaxé), du lundi au "
    "vendredi de 9h à 17h, directement depuis nos locaux de Veauche.\n"
    "Vous pouvez aussi nous écrire à tout moment via notre formulaire de contact."
)
GIFT_CARD = (
    "CadoMaestro propose une carte cadeau numérique, que vous personnalisez en quelques clics. "
    "Une fois votre commande validée, vous recevez instantanément la carte cadeau numérique dans "
    "votre boîte mail."
)
NOT_RECEIVED = (
    "Votre commande FGHJKLMNB est au statut « Livré ». Vérifiez auprès de vos voisins. "
    "Sans résultat, vous pouvez porter réclamation auprès de La Poste au 3631."
)


@pytest.fixture(scope="module")
def recall() -> Recall:
    return Recall((entry.answer, entry.examples) for entry in load_corpus())


@pytest.mark.parametrize(
    ("follow_up", "reply", "expected"),
    [
        # The sentence, and the one after it, which often completes it.
        ("et c surtaxé ?", CONTACTS, ["Notre service client vous répond", "Vous pouvez aussi"]),
        ("c quoi le numero pour faire une reclamation ?", NOT_RECEIVED, ["Sans résultat"]),
        # An offer of the last reply is not repeated: it is no longer open.
        ("et pour la reclamation ?", NOT_RECEIVED + " Souhaitez-vous une enquête ?",
         ["Sans résultat"]),
        # Pointing back at the reply (« la »), one common word is enough: « recevoir », whatever
        # its form; without, it is not.
        ("je la recois comment ?", GIFT_CARD, ["Une fois votre commande validée"]),
        ("on la reçoit comment", GIFT_CARD, ["Une fois votre commande validée"]),
        ("je recois comment ?", GIFT_CARD, []),
        # Words of every kind of question, or of many answers, pick nothing out.
        ("et ca prend combien de temps ?", CONTACTS, []),
        ("et pour ma commande ?", NOT_RECEIVED, []),
        ("j ai une question sur la livraison express", "Posez-moi vos questions.", []),
        # A statement echoing the reply asks nothing about it.
        ("j ai deja fait une reclamation", NOT_RECEIVED, []),
        # A rare word the last reply does not have: nothing to recall.
        ("et en corse ?", CONTACTS, []),
        ("et c surtaxé ?", "", []),
    ],
)  # fmt: skip
def test_the_sentences_about_the_follow_up(recall, follow_up, reply, expected) -> None:
    found = recall.answer(follow_up, reply)
    assert [s[: len(e)] for s, e in zip(found, expected, strict=False)] == expected
    assert len(found) == len(expected)


def test_sentences_split_at_full_stops_and_lines() -> None:
    assert sentences("Un. Deux ? « Trois ».\nQuatre (04 81 64 00 80) fin") == [
        "Un.", "Deux ?", "« Trois ».", "Quatre (04 81 64 00 80) fin",
    ]  # fmt: skip


def test_strict_asks_enough_even_when_pointing_back(recall) -> None:
    """Pointing back lowers the bar, unless the classifier was sure of another topic."""
    assert recall.answer("je la recois comment ?", GIFT_CARD)
    assert recall.answer("je la recois comment ?", GIFT_CARD, strict=True) == []
    assert recall.answer("et en corse ?", "TNT Express (hors Corse) : le lendemain.", strict=True)


def test_rare_takes_only_a_rare_word(recall) -> None:
    answer = "TNT Express (hors Corse) : le lendemain. Vous recevez un code par mail."
    assert recall.answer("et en corse ?", answer, strict=True, rare=True)[0].startswith("TNT")
    assert recall.answer("le code je le recois comment", answer, strict=True)
    assert recall.answer("le code je le recois comment", answer, strict=True, rare=True) == []
