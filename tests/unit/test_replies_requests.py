"""Tests of cadomaestro/replies/requests.py: what the customer is told once a request is
recorded."""

from __future__ import annotations

import pytest

from cadomaestro.replies.requests import request_confirmation
from cadomaestro.rules.requests import RequestKind as K


@pytest.mark.parametrize(
    ("kind", "required", "sent", "present", "absent"),
    [
        (K.SAV, True, False, ["Envoyez les photos via notre formulaire de contact",
                              "numéro de demande 42", "sous 24 h (jours ouvrés) après leur"],
         []),
        (K.SAV, True, True, ["sous 24 h (jours ouvrés) pour la mise en place"], ["Envoyez"]),
        (K.SAV, False, False, ["Notre équipe SAV"], ["24 h", "photo"]),
        (K.ENQUETE_TRANSPORTEUR, False, False, ["ouvre l’enquête auprès du transporteur"],
         ["24 h", "Envoyez"]),
        (K.MODIFICATION, False, False, ["vous confirme la suite par email"], ["24 h", "enquête"]),
        (K.ANNULATION, False, False, ["vous confirme la suite par email"], ["24 h"]),
        (K.PRECISIONS_LIVRAISON, False, False, ["vous confirme la suite par email"], ["Envoyez"]),
    ],
)  # fmt: skip
def test_request_confirmation(
    kind: K, required: bool, sent: bool, present: list[str], absent: list[str]
) -> None:
    text = request_confirmation(kind, 42, "KQZPTRBWE", photo_required=required, photo_sent=sent)
    assert text.startswith(
        "C’est transmis : votre demande n° 42 pour la commande KQZPTRBWE est enregistrée"
    )
    for expected in present:
        assert expected in text
    for unexpected in absent:
        assert unexpected not in text
