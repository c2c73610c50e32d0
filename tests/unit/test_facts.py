import pytest

from cadomaestro.faq.facts import extract_facts, missing_facts


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("appelez le 04 81 64 00 80", {"phone:0481640080"}),
        ("au 0481640080", {"phone:0481640080"}),
        ("Service Clients : (+33) 04 81 64 00 80", {"phone:0481640080"}),
        ("TNT au 0 825 033 033 (0,20€/min + prix appel)", {"phone:0825033033", "number:0,20"}),
        ("La POSTE au 3631", {"phone:3631"}),
        ("avant 16h00", {"number:16"}),
        ("avant 16h", {"number:16"}),
        ("en 48 heures", {"number:48"}),
        ("entre 12h30 et 13h30", {"time:12h30", "time:13h30"}),
        ("voir /idee/36-code-promo-cadomaestro.", {"path:/idee/36-code-promo-cadomaestro"}),
        (
            "https://www.cadomaestro.com/idee/1-livraison-rapide-de-vos-cadeaux",
            {"path:www.cadomaestro.com/idee/1-livraison-rapide-de-vos-cadeaux"},
        ),
        ("1. Avez-vous consulté votre boîte spam ?", set()),  # list numbering is not a fact
        ("réduction de 20% (5,5% sur les livres)", {"number:20", "number:5,5"}),
        ("aucun chiffre", set()),
    ],
)
def test_extract_facts(text: str, facts: set[str]) -> None:
    assert extract_facts(text) == facts


def test_missing_facts_tolerates_formatting_but_not_loss() -> None:
    source = "du lundi au vendredi de 9h à 17h au 0481640080"
    assert missing_facts(source, "De 9h00 à 17h00 en semaine, au 04 81 64 00 80.") == set()
    assert missing_facts(source, "De 9h à 18h au 04 81 64 00 80.") == {"number:17"}
