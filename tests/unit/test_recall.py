"""A follow-up answered from the last reply's sentences (cadomaestro/dialogue/recall.py)."""

from __future__ import annotations

import pytest

from cadomaestro.dialogue.recall import (
    Recall,
    list_item_named,
    names_a_whole_item,
    next_step,
    sentences,
)
from cadomaestro.replies.reply import faq_answer
from tests.faq_entries import faq_entries

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
RETURNS_ANSWER = (
    "Vous avez 100 jours après réception pour nous retourner vos produits. Les frais de renvoi "
    "sont à votre charge, sauf si vous avez choisi le bon de retour à 1 € en commandant."
)
EXPRESS_ABSENCE = (
    "Express 24h via TNT : livraison contre signature, vous devez donc être présent. En cas "
    "d’absence, un avis de passage est déposé et vous pouvez choisir une relivraison."
)
NOT_RECEIVED = (
    "Votre commande FGHJKLMNB est au statut « Livré ». Vérifiez auprès de vos voisins. "
    "Sans résultat, vous pouvez porter réclamation auprès de La Poste au 3631."
)


@pytest.fixture(scope="module")
def recall() -> Recall:
    return Recall((entry.answer, entry.examples) for entry in faq_entries())


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
        # Whether it costs is asked without the answers' words: `Recall.fees` (below) reads it.
        ("cest gratos ?", RETURNS_ANSWER, []),
        # Coming again is the answers' « relivraison ».
        ("je peux lui dire de repasser un autre jour ?", EXPRESS_ABSENCE, ["En cas d’absence"]),
        # The answers' words in the customers' own: coming back to them is contacting them
        # again; a delivery note taken off is « supprimé ».
        ("et vous revenez vers moi qd", "C’est transmis. Nous vous recontacterons sous 24 h.",
         ["Nous vous recontacterons"]),
        ("vous repondez qd ?", "Sinon, répondez « plus tard ». Nous vous recontacterons sous 24 h.",
         ["Nous vous recontacterons"]),
        ("cmt je l'enleve", "Le prix n’y est pas. Vous pouvez supprimer le bon de livraison.",
         ["Vous pouvez supprimer"]),
        ("et le colis revient vers moi ?", "Le colis revient vers nos locaux.", []),
        # Points « périmés » expire: their date, or points « valables jusqu’au … ».
        ("ils perime?", "Vous avez 420 maestros, valables jusqu’au 21 octobre 2027. Merci.",
         ["Vous avez 420 maestros", "Merci."]),
        ("ca expire quand", "Vous y voyez leur date d’expiration.", ["Vous y voyez"]),
        # An engraved item is a personalised one.
        ("meme un truc grave a son nom ?", "Sous 100 jours. Les produits personnalisés ne sont "
         "pas repris. Merci.", ["Les produits personnalisés", "Merci."]),
        # Sending an e-mail is writing to us.
        ("et par mail cest possible ?", CONTACTS, ["Vous pouvez aussi"]),
        ("je peux vous contacter par e-mail ?", CONTACTS, ["Vous pouvez aussi"]),
        ("le mail de confirmation c possible ?", CONTACTS, []),
        # An elision typed without its apostrophe is read as its rest (« lenvoie »: envoie),
        # as the classifier reads it; a word of its own (« lorsque ») stays whole.
        ("je lenvoie ou la photo", "C’est transmis. Envoyez une photo du colis via notre "
         "formulaire de contact. Merci.", ["Envoyez une photo", "Merci."]),
        ("la photo je lenvoie?", "C’est transmis. Envoyez une photo du colis via notre "
         "formulaire de contact. Merci.", ["Envoyez une photo", "Merci."]),
        ("je le renvoie comment ?", "Le puzzle ? Nous vous renverrons la pièce. Nos conseillers "
         "vous écrivent.", ["Nous vous renverrons", "Nos conseillers"]),
        # The examples that follow the order's question answer nothing.
        ("et si jannule et je recommande ?", "Que souhaitez-vous faire pour cette commande ? Par "
         "exemple : où en est mon colis, modifier ou annuler, un retour.", []),
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


def test_lenient_takes_one_common_word(recall) -> None:
    """A short question read as out of scope (« faut imprimer un truc ? ») shares one word of
    several answers with the last reply: enough when nothing else answers it."""
    label = "Cochez les articles. Une fois la demande validée, téléchargez le bon de retour."
    assert recall.answer("faut imprimer un truc ?", label) == []
    assert recall.answer("faut imprimer un truc ?", label, lenient=True) == [
        "Une fois la demande validée, téléchargez le bon de retour."
    ]
    assert recall.answer("vous vendez des fleurs ?", label, lenient=True) == []


def test_rare_takes_only_a_rare_word(recall) -> None:
    answer = "TNT Express (hors Corse) : le lendemain. Vous recevez un code par mail."
    assert recall.answer("et en corse ?", answer, strict=True, rare=True)[0].startswith("TNT")
    assert recall.answer("le code je le recois comment", answer, strict=True)
    assert recall.answer("le code je le recois comment", answer, strict=True, rare=True) == []


PICKUP = (
    "Colissimo 48h : en PickUp Station (automate) : code de retrait reçu par SMS et 2 mails ; "
    "3 jours pour retirer le colis."
)
PROMO_CODE = (
    "Dans le panier, cliquez sur « Vous avez un bon de réduction ? », puis insérez votre code "
    "promo et validez-le."
)


@pytest.mark.parametrize(
    ("follow_up", "says_more"),
    [
        ("je recois le code comment", True),  # « code » and « reçu »: the PickUp's code
        ("comment j utilise mon code promo", False),  # « code promo »: the topic's answer
        ("le code", False),  # no question
        ("je recois la facture comment", False),  # one word shared: not enough
    ],
)
def test_says_more_than_the_topic_s_answer(recall, follow_up: str, says_more: bool) -> None:
    assert recall.says_more(follow_up, PICKUP, PROMO_CODE) is says_more


def test_a_tie_goes_to_the_topic(recall) -> None:
    # « prévenir » in both: the topic, sure, is what was asked.
    sent_back = "Prévenez ensuite notre service client de ce retour expéditeur."
    restock = "Pour être informé de la remise en stock, cliquez sur « Me Prévenir »."
    assert not recall.says_more("je dois prevenir qqun ?", sent_back, restock)
    assert recall.says_more("je dois prevenir qqun du retour ?", sent_back, restock)


def test_endings_do_not_keep_forms_of_a_word_apart(recall) -> None:
    photo = "Envoyez une photo montrant le produit abîmé et l’étiquette du colis."
    assert recall.answer("la photo doit montrer quoi ?", photo) == [photo]


def test_a_word_of_a_few_long_examples_is_not_a_word_of_every_question() -> None:
    # « photo » once in 40 examples of each of 10 topics: said in passing, still rare; in 10 of
    # the 40 examples of each: a word of every kind of question.
    plain = [f"question numero {i}" for i in range(39)]
    in_passing = Recall([("Une réponse.", [*plain, "avec une photo"])] * 10)
    assert in_passing.weight("photo") == 2
    asked = Recall([("Une réponse.", plain[:30] + ["avec une photo"] * 10)] * 10)
    assert asked.weight("photo") == 1


@pytest.mark.parametrize(
    "follow_up", ["et si jy vais pas a temps ?", "et si j y vais pas tout de suite"]
)
def test_going_there_is_collecting(recall, follow_up: str) -> None:
    modes = (
        "Colissimo : en PickUp Station, code de retrait reçu par SMS ; 3 jours pour retirer le "
        "colis, sinon il nous est retourné.\nTNT Express : le lendemain, à domicile."
    )
    assert recall.answer(follow_up, modes, strict=True)[0].startswith("Colissimo")


def test_a_day_is_answered_by_the_days(recall) -> None:
    assert recall.answer("ils sont dispo le samedi ?", CONTACTS)[0].startswith("Notre service")


PLAQUE = "Plaque gravée : article personnalisé, il ne peut pas être retourné"
BOUGIE = "Bougie parfumée : retour possible jusqu’au vendredi 12 mars 2027"
COFFRET = "Coffret chocolats : produit périssable, il ne peut pas être retourné"
RETURNS_REPLY = (
    "Votre commande FGHJKLMNB est au statut « Livré ». Reçue le mercredi 2 décembre :\n"
    f"- {COFFRET}\n- {PLAQUE}\n- {BOUGIE}\nLes frais de renvoi sont à votre charge."
)


@pytest.mark.parametrize(
    ("follow_up", "item"),
    [("la plaque", PLAQUE), ("ah non pardon les bougies", BOUGIE),
     ("et le coffret de chocolat ?", COFFRET), ("le mug", None),
     ("je peux renvoyer la bougie ou la plaque", None), ("ok", None),
     # More than the name: a damage, or words of the line other than the name.
     ("la plaque est abîmée", None), ("le produit défectueux", None), ("pas possible ?", None)],
)  # fmt: skip
def test_list_item_named(follow_up: str, item: str | None) -> None:
    assert list_item_named(follow_up, RETURNS_REPLY) == item
    assert list_item_named(follow_up, f"{PLAQUE}.") is None  # no list


ITEMS = ["Horloge murale en bois", "Puzzle 3D en bois", "Porte-clés gravé"]


@pytest.mark.parametrize(
    ("text", "whole"),
    [("NBVCXWQSD manque le puzzle", True), ("il manque l'horloge", True),
     ("le puzzle manque dans le colis", True), ("j ai tout deballe, il manque le porte cle", True),
     # a part of an item: the item came, incomplete
     ("il manque une piece du puzzle", False), ("il manque des pieces au puzzle", False),
     ("il manque une aiguille a l horloge", False), ("le puzzle est incomplet", False),
     # no item of the order said missing
     ("il manque le vase", False), ("jai pas recu lhorloge", False)],
)  # fmt: skip
def test_names_a_whole_item(text: str, whole: bool) -> None:
    assert names_a_whole_item(text, ITEMS) is whole


CHECKS = (
    "Vérifiez d’abord votre boîte spam : si nos mails s’y trouvent, ajoutez-nous à vos contacts.\n"
    "Sinon, allez dans votre espace client, rubrique « Mes commandes ». Si votre commande y "
    "apparaît, elle est bien confirmée. Si elle n’apparaît pas, elle n’a pas été confirmée : "
    "contactez le service client."
)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [("rien dans les spams", ["Allez dans votre espace client", "Si votre commande y apparaît",
                              "Si elle n’apparaît pas"]),
     ("ya rien dans mes commandes non plus", ["Si elle n’apparaît pas"]),
     ("rien dans les spams et rien dans mes commandes", ["Si elle n’apparaît pas"]),
     ("elle apparait pas dans mes commandes", ["Si elle n’apparaît pas"]),
     # found something, asks, or says nothing of where it looked
     ("rien dans les spams, par contre il y a bien une ligne dans mes commandes", []),
     ("c'est vide dans mes commandes ?", []), ("merci rien a ajouter", []),
     ("rien dans le garage", [])],
)  # fmt: skip
def test_next_step_after_nothing_found(statement: str, expected: list[str]) -> None:
    found = next_step(statement, CHECKS)
    assert [s[: len(e)] for s, e in zip(found, expected, strict=False)] == expected
    assert len(found) == len(expected)


@pytest.mark.parametrize(
    ("follow_up", "topic", "expected"),
    [("cest gratos ?", "produit_defectueux/retractation", "Les frais de renvoi"),
     ("faut payer le retour ?", "produit_defectueux/retractation", "Les frais de renvoi"),
     ("ok et cest gratuit du coup ?", "faq/demander_retrait_entrepot",
      "Le retrait entrepôt est proposé"),  # « vous évite les frais de livraison »
     ("ca coute combien ?", "faq/modes_livraison", None)],  # « gratuit » is no word on fees
)  # fmt: skip
def test_whether_it_costs_is_the_sentence_on_fees(recall, follow_up, topic, expected) -> None:
    """The FAQ's own answers: the sentence with « frais »."""
    found = recall.fees(follow_up, faq_answer(topic))
    if expected is None:
        assert found == []
    else:
        assert found[0].startswith(expected), found


def test_a_sentence_saying_it_is_free_comes_after_the_one_on_fees(recall) -> None:
    found = recall.fees("ca coute combien du coup", faq_answer("faq/demander_retrait_entrepot"))
    assert len(found) == 2 and "vous évite les frais" in found[0], found
    assert "gratuitement" in found[1], found


def test_the_sentence_after_it_only_if_it_came_right_after_it(recall) -> None:
    reply = (
        "Les produits personnalisables ne peuvent pas être retournés.\n"
        "Quelle est la référence de votre commande ? Elle compte 9 lettres."
    )
    assert recall.answer("meme un truc grave ?", reply) == [
        "Les produits personnalisables ne peuvent pas être retournés."
    ]


TRACKING_SITES = (
    "Muni de ce numéro, vous pouvez également suivre votre colis sur le site du transporteur :\n"
    "- Colissimo 48h (domicile, point de retrait, bureau de Poste) : "
    "www.laposte.fr/outils/suivre-vos-envois\n"
    "- Livraison express TNT : www.tnt.fr/public/suivi_colis/recherche/index.do"
)


@pytest.mark.parametrize(
    ("follow_up", "line"),
    [("et pour tnt c quel site ?", "www.tnt.fr"),
     ("et pour colissimo c quel site ?", "www.laposte.fr")],
)  # fmt: skip
def test_a_carrier_named_picks_its_line(recall, follow_up: str, line: str) -> None:
    assert line in recall.answer(follow_up, TRACKING_SITES)[0]


def test_a_carrier_named_gets_its_line_not_the_next_carrier_s(recall) -> None:
    found = recall.answer("et colissimo ?", faq_answer("faq/numero_suivi"))
    assert any("laposte.fr" in s for s in found), found
    assert not any("tnt.fr" in s for s in found), found
