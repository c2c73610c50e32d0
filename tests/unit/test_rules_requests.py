"""Tests of cadomaestro/rules/requests.py: the kinds of request, and which kind a request is
recorded as."""

from __future__ import annotations

import pytest

from cadomaestro.rules.requests import RequestKind as K
from cadomaestro.rules.requests import request_kind_for


@pytest.mark.parametrize(
    ("kind", "details", "expected"),
    [
        (K.MODIFICATION, "je veux annuler ma commande", K.ANNULATION),
        (K.MODIFICATION, "ANNULATION svp", K.ANNULATION),
        (K.MODIFICATION, "Annulez tout", K.ANNULATION),
        (K.MODIFICATION, "changer l'adresse : 3 rue des Lilas", K.MODIFICATION),
        (K.MODIFICATION, "", K.MODIFICATION),
        (K.ANNULATION, "", K.ANNULATION),
        (K.ANNULATION, "finalement je préfère changer l'adresse", K.MODIFICATION),
        (K.ANNULATION, "livrer plutôt au 12 rue des Lilas", K.ANNULATION),
        (K.MODIFICATION, "Comment modifier ou annuler ma commande ?", K.MODIFICATION),
        (K.ANNULATION, "Comment modifier ou annuler ma commande ?", K.ANNULATION),
        (K.MODIFICATION, "il faut corriger le code postal", K.MODIFICATION),
        (K.PERSONNALISATION, "annulez la gravure", K.PERSONNALISATION),  # only these two kinds
        (K.SAV, "annulation ?", K.SAV),
    ],
)
def test_request_kind_for(kind: K, details: str, expected: K) -> None:
    assert request_kind_for(kind, details) is expected
