import pytest

from cadomaestro.nlu.normalize import normalize_text, strip_accents


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("j’ai reçu", "j'ai reçu"),
        ("j‘ai", "j'ai"),
        ("l`entrepôt", "l'entrepôt"),
        ("c'est déjà normalisé", "c'est déjà normalisé"),
        ("livraison\u00a0?", "livraison ?"),  # non-breaking space
        ("délai\u202f:", "délai :"),  # narrow no-break space
        ("re\u200btour", "retour"),  # zero-width space
        ("\ufeffbonjour", "bonjour"),  # byte-order mark
        ("ﬁdélité", "fidélité"),  # ligature
        ("ＫＱＺＰＴＲＢＷＥ", "KQZPTRBWE"),  # full-width letters
        ("colis\u0007 perdu", "colis perdu"),  # control character
        ("  trop   d'espaces\n\tpartout  ", "trop d'espaces partout"),
        ("“cadeau”", '"cadeau"'),
        ("retour – remboursement", "retour - remboursement"),
        ("e\u0301te\u0301", "été"),  # decomposed accents are composed
        ("", ""),
        ("😀🎁", "😀🎁"),
        ("ah bon ? il est où alors", "ah ? il est où alors"),  # surprise, no voucher
        ("Ahh bon", "Ahh"),
        ("ah  bon ?", "ah ?"),
        ("oh bon anniversaire", "oh bon anniversaire"),
        ("ah bon d'achat", "ah bon d'achat"),
        ("un bon de réduction", "un bon de réduction"),
        ("bon ben merci", "bon ben merci"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_phone_and_plain_apostrophes_give_the_same_text() -> None:
    assert normalize_text("j’ai pas reçu mon colis") == normalize_text("j'ai pas reçu mon colis")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("délai d’expédition", "delai d’expedition"),
        ("Noël à Veauche", "Noel a Veauche"),
        ("ok", "ok"),
    ],
)
def test_strip_accents(raw: str, expected: str) -> None:
    assert strip_accents(raw) == expected
