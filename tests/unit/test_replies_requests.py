"""Tests of cadomaestro/replies/requests.py: what the customer is told once a request is
recorded."""

from __future__ import annotations

import pytest

from cadomaestro.console.conversations import REQUEST_NUMBER
from cadomaestro.replies.reply import PHOTO_CALL_BACK
from cadomaestro.replies.requests import WHAT_IT_IS, request_confirmation, when_answered
from cadomaestro.rules.requests import RequestKind as K

# What the FAQ asks the photos to show, said again when they are to be sent later.
PHOTO = "une photo du colis avec l’étiquette de transport bien visible"


@pytest.mark.parametrize(
    ("kind", "required", "sent", "calls_back", "present", "absent"),
    [
        (K.SAV, True, False, True, [f"Envoyez {PHOTO} via notre formulaire de contact",
                                    "numéro de demande 42", "sous 24 h (jours ouvrés) après leur"],
         []),
        (K.SAV, True, True, True, ["Nous vous recontacterons sous 24 h (jours ouvrés) pour la"],
         ["Envoyez"]),
        # Missing or wrong products: photos too, but the FAQ promises no 24 h for them.
        (K.SAV, True, False, False, [f"Envoyez {PHOTO}", "numéro de demande 42",
                                     "revient vers vous par email après leur réception"], ["24 h"]),
        (K.SAV, True, True, False, ["étudie votre photo"], ["24 h", "Envoyez"]),
        (K.SAV, False, False, False, ["Notre équipe SAV"], ["24 h", "photo"]),
        (K.ENQUETE_TRANSPORTEUR, False, False, False, ["ouvre l’enquête auprès du transporteur"],
         ["24 h", "Envoyez"]),
        (K.MODIFICATION, False, False, False, ["vous confirme la suite par email"],
         ["24 h", "enquête"]),
        (K.ANNULATION, False, False, False, ["vous confirme la suite par email"], ["24 h"]),
        (K.PRECISIONS_LIVRAISON, False, False, False, ["vous confirme la suite par email"],
         ["Envoyez"]),
    ],
)  # fmt: skip
def test_request_confirmation(
    kind: K, required: bool, sent: bool, calls_back: bool, present: list[str], absent: list[str]
) -> None:
    text = request_confirmation(
        kind,
        42,
        "KQZPTRBWE",
        photo=PHOTO if required else None,
        photo_sent=sent,
        calls_back=calls_back,
    )
    assert text.startswith(
        f"C’est transmis : votre demande n° 42 ({WHAT_IT_IS[kind]}) pour la commande KQZPTRBWE "
        "est enregistrée"
    )
    for expected in present:
        assert expected in text
    for unexpected in absent:
        assert unexpected not in text


def test_a_damage_photo_s_call_back_is_said_once() -> None:
    """The damaged product's instruction ends with the FAQ's 24 h (replies/aftersales.py): the
    confirmation says what to send, then the call back, once."""
    text = request_confirmation(K.SAV, 42, "KQZPTRBWE", photo=PHOTO + PHOTO_CALL_BACK,
                                photo_sent=False, calls_back=True)  # fmt: skip
    assert text.count("24 h") == 1, text
    assert f"Envoyez {PHOTO} via notre formulaire de contact" in text, text


def test_every_kind_is_named_and_the_console_still_reads_the_number() -> None:
    assert set(WHAT_IT_IS) == set(K)
    text = request_confirmation(K.ANNULATION, 7, "KQZPTRBWE", photo=None, photo_sent=False)
    assert "(annulation)" in text
    assert REQUEST_NUMBER.findall(text) == ["7"]


@pytest.mark.parametrize("kind", list(K))
def test_every_confirmation_says_when_customer_service_answers(kind: K) -> None:
    text = request_confirmation(kind, 7, "KQZPTRBWE", photo=None, photo_sent=False)
    said = when_answered(text)
    assert said is not None and said in text and "demande n°" not in said
