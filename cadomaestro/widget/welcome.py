"""What the widget shows before the conversation, sent with every `session_confirm` (never
stored): that this is an automatic assistant and how to reach a person, and what is kept for
how long (RETENTION_DAYS)."""

from __future__ import annotations

from typing import Any

from cadomaestro.channels.transcript import bubble
from cadomaestro.replies.topics import HANDOVER_BUTTON


def welcome(retention_days: int) -> list[dict[str, Any]]:
    return [
        bubble(
            "Bonjour ! Je suis l’assistant automatique de CadoMaestro : je réponds tout de suite "
            "à vos questions sur la livraison, le suivi de vos commandes, les retours, le "
            "paiement ou nos cadeaux. Pour joindre une personne de notre service client, "
            "écrivez « conseiller » à tout moment.",
            [HANDOVER_BUTTON],
        ),
        bubble(
            "Confidentialité : cette conversation et les photos que vous m’envoyez servent à "
            "traiter vos demandes et à améliorer nos réponses ; elles sont effacées "
            f"{retention_days} jours après votre dernier message. Ne m’écrivez pas vos "
            "coordonnées bancaires."
        ),
    ]
