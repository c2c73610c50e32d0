"""Tests of cadomaestro/replies/aftersales.py: a damaged, wrong or incomplete product, or a
missing gift wrap."""

from __future__ import annotations

from typing import Any

import pytest

from cadomaestro.replies.aftersales import after_sales, calls_back
from cadomaestro.replies.parcel import where_is_my_parcel
from cadomaestro.replies.reply import FollowUp
from cadomaestro.replies.topics import AFTER_SALES_TOPICS
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import RequestKind as K
from tests.unit.order_samples import (
    BOOK,
    CHOCOLATES,
    DELIVERED,
    MUG,
    NOW,
    SHIPPED_LATE,
    WRAPPED_BOOK,
    make_order,
    order_in,
    text_of,
)

S = OrderStatus
NOT_DELIVERED = [s for s in OrderStatus if s is not S.LIVRE]


@pytest.mark.parametrize("status", NOT_DELIVERED)
@pytest.mark.parametrize("topic", AFTER_SALES_TOPICS)
def test_after_sales_needs_a_delivered_order(topic: str, status: OrderStatus) -> None:
    # Not delivered yet (« tjs pas de lampe »): where the parcel is, then how to say it came.
    order = order_in(status, gift_wrap=True)
    reply = after_sales(topic, order, NOW)
    parcel = where_is_my_parcel("colis_perdu/colis_perdu", order, NOW)
    assert reply.messages[:-1] == parcel.messages
    assert (reply.follow_up, reply.kind, reply.photo) == (parcel.follow_up, parcel.kind, None)
    assert "pas encore indiquée comme livrée" in reply.messages[-1]


# (topic, order, follow-up, kind, text the photo instruction must contain; None: no photo)
AFTER_SALES_CASES = [
    ("produit_defectueux/emballage_manquant", {}, FollowUp.NONE, None, None),
    ("produit_defectueux/emballage_manquant", {"gift_wrap": True}, FollowUp.DETAILS, K.SAV, None),
    ("produit_defectueux/emballage_manquant", {"items": (WRAPPED_BOOK,)},
     FollowUp.DETAILS, K.SAV, None),
    ("produit_defectueux/produit_defectueux", {}, FollowUp.DETAILS, K.SAV,
     "étiquette de La Poste"),
    ("produit_defectueux/emballage_endommage", {"gift_wrap": True}, FollowUp.DETAILS, K.SAV,
     "étiquette de La Poste"),
    ("produit_defectueux/produit_non_conforme", {}, FollowUp.DETAILS, K.SAV,
     "étiquette de La Poste"),
    ("produit_defectueux/produit_manquant", {}, FollowUp.DETAILS, K.SAV,
     "carton de livraison ouvert"),
    ("produit_defectueux/article_incomplet", {}, FollowUp.DETAILS, K.SAV, None),
]  # fmt: skip


@pytest.mark.parametrize(("topic", "options", "follow_up", "kind", "photo"), AFTER_SALES_CASES)
def test_after_sales(
    topic: str,
    options: dict[str, Any],
    follow_up: FollowUp,
    kind: K | None,
    photo: str | None,
) -> None:
    order = make_order("livre", shipped=SHIPPED_LATE, delivered=DELIVERED, **options)
    reply = after_sales(topic, order, NOW)
    assert (reply.follow_up, reply.kind) == (follow_up, kind)
    if photo is None:
        assert reply.photo is None
    else:
        assert photo in (reply.photo or "")
    if follow_up is FollowUp.DETAILS:
        assert "« Livre de cuisine »" in (reply.question or "")
        # What the photo must show is said with the question, so it can be prepared.
        assert ("Il nous faudra ensuite" in (reply.question or "")) is (photo is not None)
        assert reply.photo is None or reply.photo in (reply.question or "")
    else:
        assert "aucun emballage cadeau" in text_of(reply)


@pytest.mark.parametrize(
    ("topic", "promised"),
    [("produit_defectueux/produit_defectueux", True),
     ("produit_defectueux/emballage_endommage", True),
     ("produit_defectueux/produit_non_conforme", False),
     ("produit_defectueux/produit_manquant", False)],
)  # fmt: skip
def test_only_damage_photos_come_with_the_faqs_24_hours(topic: str, promised: bool) -> None:
    """The FAQ promises a call back within 24 h after the photos of a damaged product or gift
    wrap, not after those of a wrong or missing product."""
    order = make_order("livre", shipped=SHIPPED_LATE, delivered=DELIVERED, gift_wrap=True)
    photo = after_sales(topic, order, NOW).photo
    assert calls_back(photo) is promised
    assert ("24 h" in (photo or "")) is promised


def test_after_sales_question_lists_every_line() -> None:
    order = make_order("livre", shipped=SHIPPED_LATE, delivered=DELIVERED,
                       items=(MUG, CHOCOLATES, BOOK))  # fmt: skip
    reply = after_sales("produit_defectueux/produit_defectueux", order, NOW)
    assert "(« Mug gravé », « Chocolats fins » et « Livre de cuisine »)" in (reply.question or "")


MISSING = "produit_defectueux/produit_manquant"
PHOTO_TOPICS = ["produit_defectueux/produit_defectueux", "produit_defectueux/emballage_endommage",
                MISSING, "produit_defectueux/produit_non_conforme"]  # fmt: skip


@pytest.mark.parametrize("topic", PHOTO_TOPICS)
@pytest.mark.parametrize(
    ("method", "label", "not_said"),
    [("colissimo_domicile", "l’étiquette de La Poste", "TNT"),
     ("pickup_station", "l’étiquette de La Poste", "TNT"),
     ("tnt_express_domicile", "l’étiquette de TNT", "La Poste"),
     ("tnt_express_relais", "l’étiquette de TNT", "La Poste"),
     ("retrait_entrepot", "pas d’étiquette de transport", "l’étiquette de")],
)  # fmt: skip
def test_the_photo_shows_the_label_the_parcel_has(
    topic: str, method: str, label: str, not_said: str
) -> None:
    order = make_order("livre", method=method, delivered=NOW, tracking=None)
    photo = after_sales(topic, order, NOW).photo or ""
    if topic == MISSING and method != "retrait_entrepot":
        label, not_said = "l’étiquette de transport", "La Poste"  # the FAQ names no carrier
    assert label in photo and not_said not in photo, photo
    # The call back within 24 h after the photos, for damage, whoever carried the parcel.
    by_la_poste = after_sales(topic, make_order("livre", delivered=NOW), NOW).photo
    assert calls_back(photo) is calls_back(by_la_poste)
