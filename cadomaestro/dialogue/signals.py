"""What a message says besides its topic: a greeting to mirror, anger to acknowledge, an insult,
English, a free yes or no, whether it is about the customer's own order, whether it asks about
"it" (an order already verified), whether it is a question at all or points back at what was
just said, a carrier's phone asked, a call to come, a general question, a payment to change.

Pure functions over the text as typed, read the way customers type in a chat: any case, with or
without accents and apostrophes, SMS abbreviations. Each table is the one place its words live.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cadomaestro.nlu.normalize import normalize_text, strip_accents
from cadomaestro.rules.carriers import carriers_named


def fold(text: str) -> str:
    """Lower case, no accents, plain apostrophes, single spaces."""
    return strip_accents(normalize_text(text)).casefold()


def _plain(text: str) -> str:
    """`fold(text)` with apostrophes as spaces (« j'ai » reads like « j ai »)."""
    return fold(text).replace("'", " ")


def _says(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(_plain(text)))


def said(text: str) -> list[str]:
    """The message's sentences, as typed (one, the whole message, without end marks)."""
    return re.split(r"(?<=[.!?])\s+", text.strip())


def words_of(text: str) -> list[str]:
    """The words of `text`, folded (lower case, no accents), without punctuation."""
    return re.findall(r"[a-z0-9]+", fold(text))


# The customer's greeting, mirrored: "bonsoir" gets "Bonsoir", any other greeting "Bonjour".
_GREETINGS = {
    "bonsoir": "Bonsoir",
    "bsr": "Bonsoir",
    "bonjour": "Bonjour",
    "bjr": "Bonjour",
    "salut": "Bonjour",
    "slt": "Bonjour",
    "coucou": "Bonjour",
    "cc": "Bonjour",
    "hello": "Bonjour",
    "bonjours": "Bonjour",
}


# The greetings the assistant mirrors (« Bonsoir ! » before its answer).
MIRRORED_GREETINGS = frozenset(_GREETINGS.values())


def mirrored(greeting: str) -> str:
    """The message mirroring a greeting before the answer: « Bonsoir ! »."""
    return f"{greeting} !"


_OPENING_GREETING = re.compile(r"(?i)^\s*(?:" + "|".join(_GREETINGS) + r")\b[\s,.!]*")


def without_greeting(text: str) -> str:
    """`text` without the greeting it opens with (« Bonjour, je voudrais… » -> « je
    voudrais… »); `text` itself when nothing would be left."""
    rest = _OPENING_GREETING.sub("", text, count=1)
    return rest or text


def greeting_in(text: str) -> str | None:
    """The greeting to answer with, when the message opens with one."""
    # Its first words, or the first of a sentence after (« ah ok sorry. bonjour alors, … »).
    later = [words_of(said)[:1] for said in re.split(r"[.!?]\s+", text)[1:]]
    words = words_of(text)[:3] + [word for first in later for word in first]
    for word in words:
        if word in _GREETINGS:
            return _GREETINGS[word]
    return None


_ANGER = re.compile(
    r"\b(inadmissible|inacceptable|honte|honteux|scandal\w*|lamentable|pas normal|"
    r"en ai marre|en a marre|ras le bol|j en ai assez|decu|decue|decevant|enerve\w*|furieu\w*|"
    r"agace\w*|exaspere\w*|n importe quoi|c est abuse|abuse|inadmissibl\w*|"
    r"(\d+\s*(e|eme|ieme)|troisieme|quatrieme|enieme|nieme)\s*fois|personne ne (me )?repond|"
    r"aucune reponse|plainte|arnaque\w*|voleur\w*|c est nul|c nul|pas serieux|"
    r"c est pas possible|n importe quoi|inadmissible|c est une blague|cest une blague|"
    r"vous (vous )?foutez|vous moquez|point barre|"
    r"(\d+|plus d une|deux|trois|quatre) (jours|semaines?|mois) que j (attends|attend)|"
    r"(ca|sa) fait (\d+|plus d une|deux|trois|quatre) (semaines?|mois) que)\b"
)
# Still nothing, exclaimed in the same sentence (« et toujours rien !! »).
_STILL_NOTHING = re.compile(r"(?i)\b(toujours|tjrs|tjr|tjs|tjours) (rien|pas)\b[^.?\n]*!")


def is_angry(text: str) -> bool:
    """Anger or exasperation, to acknowledge before the facts."""
    exclaimed = _STILL_NOTHING.search(text) is not None
    return _says(_ANGER, text) or text.count("!") >= 3 or exclaimed or _shouting(text)


def _shouting(text: str) -> bool:
    # (An e-mail or a postcode typed beside the capitals is no lower-case writing.)
    said = " ".join(w for w in text.split() if "@" not in w and not any(c.isdigit() for c in w))
    letters = [c for c in said if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8


_INSULTS = frozenset(
    "con cons conne connard connards connasse abruti abrutis debile debiles idiot idiots "
    "cretin cretins nul nuls nulle nulles incompetent incompetents incompetente merde merdique "
    "putain pute salaud salauds salope enfoire enfoires batard batards ntm tg "
    "escroc escrocs escroquerie voleurs minable minables pourri pourris incapable "
    "incapables guignol guignols bouffon bouffons clown clowns".split()
)
# Said to the assistant or the shop (« vous servez a rien franchement »).
_USELESS = re.compile(r"\b(vous|tu) (ne )?(servez|sers) a rien\b")
# "Nul", "pourri", "minable" are also plain words: insults only when aimed at someone.
_AIMED = re.compile(
    r"\b((vous|tu) (etes|es|etes vraiment|es vraiment|etes tous) (des |trop |vraiment )?|"
    r"(bande|espece) de? |quels? |quelles? |service )(nul|nuls|nulle|nulles|pourri|pourris|minable|"
    r"minables|incapable|incapables)\b"
)
_WEAK = frozenset(
    "nul nuls nulle nulles pourri pourris minable minables incapable incapables".split()
)
# « ah merde cest QSDFGHJKL », « merde pardon »: the customer's own slip, aimed at no one.
_OOPS = re.compile(r"\b(ah|oh|oups|zut|a) merde\b|\bmerde (pardon|dsl|desole|je me suis)\b")


# « bande de c*****s »: a word with its letters starred out.
_STARRED = re.compile(r"\b[a-zA-Z]\*{2,}[a-zA-Z]*")


def is_insult(text: str) -> bool:
    if _STARRED.search(text) or _says(_USELESS, text):
        return True
    words = words_of(text)
    oops = _says(_OOPS, text)
    found = [w for w in words if w in _INSULTS and not (oops and w == "merde")]
    if not found:
        return False
    if all(w in _WEAK for w in found):
        return _says(_AIMED, text)
    return True


# Not "the" (« thé » folds to it), nor "hello"/"hi" (French customers greet so too).
_ENGLISH = frozenset(
    "my is are do does did you your i im it can could would please where when what how "
    "why thanks thank order ordered ship shipping delivery package parcel refund "
    "return with have has not yet received help english speak to of for and".split()
)
_FRENCH = frozenset(
    "le la les un une des du de je tu il elle nous vous mon ma mes est et pas ne que qui quoi "
    "ou pour avec sur dans ce cette bonjour merci commande colis livraison oui non svp stp "
    "jai c est a au aux en".split()
)


def is_english(text: str) -> bool:
    """A message written in English (a few English function words, hardly any French). One
    that mixes in French (« ok merci et sorry for the anger. can I pay with paypal ? ») is from
    a customer who reads French: answered as French."""
    words = words_of(text)
    if len(words) < 2:
        return False
    english = sum(w in _ENGLISH for w in words)
    french = sum(w in _FRENCH for w in words)
    # (« a » is French and English: a few French-looking words among many English ones.)
    return english >= 3 and french <= max(1, english // 4) and english / len(words) >= 0.3


_YES = frozenset(
    "oui ouais ouai ouii ouiii yes ok okay oki okk dac daccord accord vas vasy allez volontiers "
    "bien sur carrement absolument evidemment parfait go".split()
)
_NO = frozenset("non nan nope no laisse laissez inutile".split())
# (« c'est bon ou pas ? » asks.)
_NO_PHRASES = re.compile(
    r"\b(pas besoin|(en fait|en faite|enfaite|finalement|tout compte fait) non(?=[^\w?]*$)|"
    r"non laiss(e|ez)(?![ -](le|la|les|l|moi|nous)\b)|pas la peine|"
    r"(c est bon|c bon|cest bon)(?! ou (pas|non)\b)|ca ira|"
    r"ca va aller|laisse tomber|"
    r"non merci|pas maintenant|sans facon|je ne veux pas|je veux pas|jveux pas|ne faites rien|"
    r"surtout pas|ca ne sert a rien)\b"
)
_SURELY_NOT = re.compile(r"\b(bien sur que non|surement pas|certainement pas|absolument pas)\b")
_YES_PHRASES = re.compile(
    r"\b(je veux bien|ca serait bien|ce serait bien|avec plaisir|faites le|allez y|"
    r"oui svp|merci de le faire|ouvrez|ouvrir une enquete|prevenez|signalez|transmettez|"
    r"vous pouvez faire|pouvez vous faire|(faire|faites) (qqch|quelque chose)|aidez moi|"
    r"je veux une enquete|lancez|envoyez|pas de souci|pas de probleme|pas de soucis|"
    r"(vous|que vous) (vous )?en (occupiez|occupez|chargiez|chargez)|occupez[ -]vous en)\b"
)


# Asked to pass something on to customer service (« faites remonter au sav svp », « pouvez-vous
# prévenir le service client ? », « vous pouvez faire la demande ? », « vous transmettez ? »);
# not « je vous signale que… », which tells the assistant.
_PASS_ON = re.compile(
    r"\b(transmettez|signalez|remontez|prevenez|informez|faites (remonter|suivre|passer)|"
    r"vous (le |la |les |l |lui |leur )?transmettez)\b|"
    r"\b(pouvez[ -]vous|vous pouvez|pourriez[ -]vous|vous pourriez|merci de|tu peux|peux[ -]tu)"
    r"( \w+){0,3} (transmettre|signaler|faire remonter|remonter|faire suivre|faire passer|"
    r"prevenir|informer|faire (la|une|cette) (demande|reclamation))\b|"
    r"\bfaites (la|une|cette|ma) (demande|reclamation)\b|"  # « bon en fait si, faites la demande »
    # « cest bon vous pouvez lancer le truc » (what was offered)
    r"\b(vous pouvez|pouvez[ -]vous|lancez|allez y|vas y)( \w+){0,2} (lancer )?"
    r"(le truc|la demande|la procedure|la reclamation)\b"
)


# An investigation asked for (« bon ok ouvrez l'enquete », « je veux une enquete », « finalement
# ouvrez lenquete svp »).
_INVESTIGATION = re.compile(
    r"\b(ouvr\w*|lanc\w*|fai\w*|demand\w*|veux|voudrais|exige|go|allez y|vas y|ok pour)\b"
    r".{0,20}\b(l|d)?enquete\b"
)
# What comes of the problem: another parcel or a refund (« vous pouvez pas juste men renvoyer
# un ?? », « et je serai remboursee ? »); not the customer sending it back.
_OUTCOME = re.compile(
    r"\b(m en|men|me le|me la|me les|nous en|me) (renvoy|reexpedi|rexpedi|renvoi|reenvoy)\w*|"
    r"\b(renvoyez|reexpediez|renvoyer|reexpedier) (moi|m en|men)\b|\brembours\w*|"
    r"\b(un autre|un nouveau|une autre|une nouvelle) (colis|envoi|commande|exemplaire|paquet)\b|"
    r"\bnouvel envoi\b"
)


# « je veux juste mon argent », « remboursez moi »: what customer service decides.
_MONEY_BACK = re.compile(
    r"\b(mon|mes|notre) (argent|fric|sous|thunes?)\b|\b(remboursez|rembourser|rembourse|"
    r"remboursee|rembourses|remboursement)\b"
)


def wants_money_back(text: str) -> bool:
    return _says(_MONEY_BACK, text)


def demands_investigation(text: str) -> bool:
    return _says(_INVESTIGATION, text) and yes_or_no(text) is not False


# How long the investigation takes (« ca va prendre combien de temps l'enquete ? », « et j'aurai
# des nouvelles quand ? »).
_HOW_LONG_IT_TAKES = re.compile(
    r"\b(combien de temps|cb de temps|combien de jours|cb de jours|ca prend|ca va prendre|"
    r"delai|duree|des nouvelles quand|reponse quand|quand (j aurai|aurai je|vous me))\b"
)


def asks_how_long_it_takes(text: str) -> bool:
    return asks(text) and _says(_HOW_LONG_IT_TAKES, text)


def asks_outcome(text: str) -> bool:
    """A question on what the shop will do about it: send another one, or refund."""
    return asks(text) and _says(_OUTCOME, text)


def asks_to_pass_on(text: str) -> bool:
    """The customer asks the assistant to pass something on to customer service."""
    return _says(_PASS_ON, text)


PLAIN_YES = frozenset({"oui", "ouais", "ouai", "yes"})  # a yes whatever follows it


_CHANGE_OF_MIND = re.compile(
    r"\b(en fait|finalement|bon|ah|oh|non) si\b(?! (je|j|on|vous|il|elle)\b)"
)


# Giving up what was asked of them (« bon c'est pas grave elle vous contactera elle meme », « je
# verrai avec elle »).
_GIVES_UP = re.compile(
    r"\b(c est |c |ce n est |cest )?pas (grave|la peine)\b|\btant pis\b|\blaiss(e|ez) tomber\b|"
    r"\b(elle|il|ils|elles) (vous )?(contactera|appellera|ecrira|rappellera|contacteront|"
    r"appelleront|ecriront)\b|\bje (verrai|vais voir|reviendrai|repasserai) (avec|plus tard)\b"
)


def gives_up(text: str) -> bool:
    return _says(_GIVES_UP, text)


def changes_mind(text: str) -> bool:
    return _says(_CHANGE_OF_MIND, text)


def declines(text: str) -> bool:
    """In words that only refuse (« non merci finalement », « laissez tomber »)."""
    return _says(_NO_PHRASES, text) or _says(_SURELY_NOT, text)


# Words that open a reply without saying yes or no.
_INTERJECTIONS = frozenset("ah oh bah ben bon euh eh alors hmm hum".split())


def yes_or_no(text: str) -> bool | None:
    """A reply to a yes/no offer, phrased freely: True, False, or None when it is neither."""
    words = words_of(text)
    # A yes after an interjection (« ah ouais carrément », « euh oui pourquoi pas »); a no after
    # one stays read as before (« euh non attendez … par contre vous pouvez … ? » asks on).
    opened = list(words)
    while len(opened) > 1 and opened[0] in _INTERJECTIONS:
        opened = opened[1:]
    if opened and (opened[0] in PLAIN_YES or opened[0] in _YES):
        words = opened
    if not words:
        return None
    first = words[0]
    if changes_mind(text):
        return True  # « ah non en fait si, annulez la finalement »
    if first in PLAIN_YES and "non" not in words[1:2]:
        return True  # « oui c'est bon », « oui, ça ira merci »
    if first in ("non", "nan", "nope") or _says(_NO_PHRASES, text) or _says(_SURELY_NOT, text):
        return False
    if first in _YES or _says(_YES_PHRASES, text) or asks_to_pass_on(text):
        return True
    if first in _NO or (first == "pas" and len(words) <= 3):
        return False
    if len(words) <= 4 and any(w in _YES for w in words) and not any(w in _NO for w in words):
        return True
    return None


_PERSONAL = re.compile(
    r"\b(ma|mon|mes|notre|nos)\s+(\w+\s+)?(commande|cmd|commandes|colis|coli|paquet|paquets|"
    r"achat|achats|article|articles|produit|produits|cadeau|cadeaux|livraison|points|point|"
    r"solde|mug|coffret|box|plaque|bougie|chocolats|lampe|horloge|puzzle|coussin|cadre|bijou|"
    r"tasse|peluche|jouet|parfum|montre|vase)\b|\b(j|je|g)\s?(attends|attend)\b|"
    r"\bou (est|sont|en est|en sont) (ma|mon|mes)\b|"  # « ou est mon jeu de molkky »
    r"\bj\s?ai\s+(commande|achete|recu|pas recu|toujours pas|rien recu|passe commande|"
    r"passe une commande|un colis|une commande|paye)|\bjai\s+(commande|recu|pas|rien|passe|paye)|"
    r"\b(je n ai|j ai|jai|g) (pas|toujours pas|rien|jamais) (encore )?recu|\bpas recu\b|"
    r"\b(toujours|tjr|tjrs|tjs) rien\b|\b(combien|cb) (j ai|jai|ai je|de points|j en ai|jen ai)|"
    r"\b(j en ai|jen ai|en ai je) (combien|cb)\b|"
    r"\b(souci|soucis|probleme|problemes) (avec|sur|concernant) (ma|mon|une|un|la|le) "
    r"(commande|cmd|colis|paquet|livraison|achat)\b|"
    r"\bquestion (avec|sur|concernant) (ma|mon) (commande|cmd|colis|paquet|livraison|achat)\b|"
    r"\bje (voudrais|veux|souhaite) "
    r"(annuler|modifier|changer|retourner|renvoyer|rendre)( (ma|mon|mes|la|le|les|l|un|une|cette|"
    r"ce) ?(commande|cmd|colis|article|produit|cadeau|achat|adresse)|\W*$)|\bm a ete livre|"
    r"\bme (l|les) (a|ont)\b"
)


def is_personal(text: str) -> bool:
    """About the customer's own order (« ma commande », « j'ai reçu », « combien j'ai de
    points »), rather than a general question (« combien de temps pour renvoyer un article »)."""
    return _says(_PERSONAL, text)


# Where the order is (« il est où ? », « ou en est mon colis »).
_WHERE = (
    r"\bou en est\b|\bou est\b(?![ -]ce\b)|\bou (elle|il|ca|ma commande|mon colis) en (est|sont)\b|"
    r"\ben est ou\b|\bou (il|elle) est\b|\bderniere? position\b|"
    r"\b(il|elle|ca|colis|commande|paquet) (est|sont) ou\b"  # « et il est ou la ? »
)
_WHERE_IT_IS = re.compile(_WHERE)
_ABOUT_IT = re.compile(
    r"\b(elle|il|ca|le colis|la commande|ma commande|mon colis)\b.*\b(arrive|arriver|arrivera|"
    r"livre|livree|livrer|expedie|expediee|part|partie)\b|\bquand\b|"
    r"\bsuivi\b|\btracking\b|\bretard\b|\bdelai\b|\brembours\w*\b|\bstatut\b|"
    r"\bsuivre\b|\bderniere? (fois|etape|nouvelle)\b|"
    r"\b(zero|aucune|pas de|pas eu de|plus de|pas une|sans) nouvelles?\b|"  # « jai zero nouvelle »
    r"\betat\b|"
    r"\b(est|a ete|sera|etre|pas ete|deja ete)\s+(livre|livree|expedie|expediee|partie?)\b|"
    r"\bsi c (parti|partie|expedie|expediee|livre|livree)\b|"  # « juste me dire si c parti »
    # « jamais recu cette commande »: the order itself, not its confirmation e-mail
    r"\b(jamais|toujours pas|pas encore) (eu|recue?) (la |ma |cette |mon |le |ce )?"
    r"(commande|colis|paquet|cmd|cde)\b|" + _WHERE
)


# What comes next, asked after an answer (« il se passe quoi mnt », « et maintenant ? »).
_WHAT_NEXT = re.compile(
    r"\b(il |ca |qu est ce qui |que )?se passe (quoi|comment)\b|\bqu est ce qui se passe\b|"
    r"\bcomment (ca |il |elle )?se passe\b|"
    r"^(et )?(maintenant|mnt|now|apres|ensuite)\W*$|"
    r"\b(je|on|j) ?(fais|fait|dois faire|doit faire) quoi\b|\bque (dois|doit)[ -]?(je|on) faire\b|"
    r"\bquelle est la suite\b|\bla suite\W*$"
)


def asks_what_next(text: str) -> bool:
    """What happens next, or what to do (« il se passe quoi mnt », « on fait quoi ? »)."""
    return _says(_WHAT_NEXT, after_acknowledgement(text) or text)  # « ok et maintenant ? »


# The checks an answer asked for are done, to no avail (« jai deja demande aux voisins, rien »,
# « personne na rien pris », « jai tout fouille »), or what the shop will do is asked (« vous
# faites quoi la concretement », « vous pouvez faire qqch ? »).
_CHECKS_DONE = re.compile(
    r"\bdeja (demande|regarde|verifie|cherche|fouille|appele|contacte|fait le tour)\b.*"
    r"\b(rien|personne|sans resultat|nada|que dalle|pas trouve|pas la)\b|"
    r"\b(j ai|jai|on a) (tout|partout) (fouille|regarde|verifie|cherche)\b|"
    r"\b(demande|regarde|verifie|cherche)e?s? (a|aux|au|chez|dans|partout)\b.*\b(rien|personne)\b|"
    r"\bpersonne (n a|na|a) (rien )?(pris|recu|vu|recupere)\b|"
    r"\bvous (pouvez|pourriez|allez) (pas )?(faire|faites) (qqch|quelque chose|quoi)\b|"
    r"\bvous (pouvez|pourriez) (pas )?(faire )?(qqch|quelque chose)\b|"
    r"\bvous faites quoi\b(?! comme)|"
    r"\bqu est ce que vous (faites|pouvez faire|allez faire)\b(?! comme)|"
    # « j'ai deja demandé a tout le monde »
    r"\bdeja (demande|regarde|verifie|cherche|fouille|appele)\w* (a tout le monde|partout|"
    r"aux voisins|a mes voisins|au gardien|a la gardienne|au concierge)\b|"
    # « NON J'AI PAS DE VOISINS QUI ONT PRIS MON COLIS »
    r"\b(j ai|jai|ya|il y a|y a) (pas|aucun|aucune|personne)( de)? (voisins?|concierge|gardien)\b"
)


def says_checks_done(text: str) -> bool:
    """The checks are done and found nothing, or the shop is asked to act (see _CHECKS_DONE)."""
    return _says(_CHECKS_DONE, text)


# How long is left (« j ai combien de temps encore », « et jai jusqua quand ? »), not how long
# the parcel takes.
_UNTIL_WHEN = re.compile(r"\bjusqu ?(a|au)? ?(quand|qd|quelle date)\b|\bdate limite\b|"
                         r"\b(combien|cb) de (temps|jours)\b|\b(j ai|jai|ai je|il me reste|"
                         r"reste t il) (encore )?(combien|cb)\b")  # fmt: skip
_DELIVERY_WORD = re.compile(r"\b(livr|arriv|expedi|recoi|recev|part|express)\w*")


# Whether it costs, and for whom (« cest gratos ? », « c a mes frais ? », « ca coute
# combien ? », « c combien ? », « et les frais de retour c pour qui ? »); not how to pay (« je
# dois payer comment ? »).
_COST = re.compile(
    r"\b(gratuite?s?|gratos|gratis|payante?s?|frais|tarifs?|surtaxee?s?)\b|"
    r"\b(ca|ce|c|cela) (va |vas )?(me |nous )?(coute|coutera|couter|revient (a combien|cher))\b|"
    r"\b(me|nous|m en) (coute|coutera|coutent|couterait)\b|"  # « un retour me coute combien ? »
    r"\b(c est|cest|c|ca fait) combien\b|\bcombien (ca|ce|c) (coute|fait)\b(?! de)|"
    r"\bfacture\w* combien\b|"
    r"\b(faut|dois|doit|faudra)( je| il|-il| t il)? (payer|repayer|regler)\b"
    r"(?! (par|en|avec|comment|via))|"
    r"\bqui (les |le |la )?(paie|paye|paient|payent|payera|regle|prend en charge)\b|"
    r"\b(pour|a) qui\b.*\bfrais\b|\bfrais\b.*\b(pour|a) qui\b"
)


# Mainland France named to compare with (« les memes que pr la metropole ? », « comme en
# france »): the place the customer asks about is still the one named before.
_MAINLAND_COMPARED = re.compile(
    r"\b(que|qu|comme|qu en)\s+(pour |pr |en |a |dans )?(la )?(metropole|france|france "
    r"metropolitaine)\b"
)


def compares_with_mainland(text: str) -> bool:
    """Mainland France named only to compare the place asked about with it."""
    return _says(_MAINLAND_COMPARED, text)


def asks_cost(text: str) -> bool:
    """A question on whether something costs, in any words."""
    return asks(text) and _says(_COST, text)


# A tracking number (Colissimo's 6A23918475260, an international one RR123456785FR, TNT's
# GE481273650), typed where the order's reference is expected.
_TRACKING_NUMBER_TYPED = re.compile(r"\b(\d[A-Z]\d{11}|[A-Z]{2}\d{9}(?:[A-Z]{2})?)\b", re.I)


def gives_a_tracking_number(text: str) -> bool:
    return bool(_TRACKING_NUMBER_TYPED.search(text))


_A_CALL = re.compile(r"\b(appel|appeler|appelle|numero|num|tel|telephone|coup de fil)\b")


# « Et cela va me coûter cher ? », « ça coute qqch ? »: the cost of what was just said, no
# other subject named.
_IT_COSTS = re.compile(
    r"^(et |mais |bon |du coup )?(ca|cela|c|ce) (va |vas )?(me |nous )?"
    r"(coute|coutera|couter|est payant|est gratuit)\b"
)


def asks_call_cost(text: str) -> bool:
    """« ça coute combien l'appel ? », « leur numero est payant ? »"""
    return asks_cost(text) and _says(_A_CALL, text)


def asks_what_it_costs(text: str) -> bool:
    """The cost of what was just said (« et cela va me couter cher ? »), nothing else named
    (« ca coute combien la livraison ? »)."""
    named = _says(_DELIVERY_NAMED, text) or _says(_RETURN_WORD, text) or _says(_POINTS, text)
    return asks(text) and _says(_IT_COSTS, text) and not named


# The delivery named (« et la livraison express c est combien ? »).
_DELIVERY_NAMED = re.compile(
    r"\b(livr\w*|express|relais|colissimo|tnt|pick ?up|la poste|expedi\w*)\b"
)


def names_delivery(text: str) -> bool:
    return _says(_DELIVERY_NAMED, text)


_RETURN_WORD = re.compile(r"\b(renvoi|retour|renvoyer|retourner|renvoie|retourne)s?\b")


def asks_return_cost(text: str) -> bool:
    """What sending an item back costs (« les frais de port pr le renvoi cest combien ? »)."""
    return asks_cost(text) and _says(_RETURN_WORD, text)


# A faster way (« bof. rien de plus rapide ? », « ya pas plus vite ? »).
_FASTER = re.compile(r"\bplus (rapide\w*|vite|tot)\b")
# When it comes (« et en tnt ca arrive qd du coup »).
_WHEN = re.compile(
    r"\b(quand|qd|quel jour|quelle date|combien de temps|cb de temps|combien de jours|cb de jours|"
    r"delai)\b"
)


def names_express(text: str) -> bool:
    return "express" in _plain(text)


def asks_faster(text: str) -> bool:
    """A question on a faster way to get it."""
    return asks(text) and _says(_FASTER, text)


# When the order itself arrives (« il arrive qd du coup », « elle part quand ? »).
_IT_ARRIVES = re.compile(
    r"\b(elle|il|ca|le colis|la commande|ma commande|mon colis|ma cmd|le mug|le paquet)\b"
    r"(?! ne)(?! n ).*\b(arrive|arrivera|arriver|part|partira|partir|sera livree?|"
    r"sera expediee?)\b"
)


# Sending the order back (« et si je le renvoie quand il arrive ? », « et si je renvoie toute
# la commande plutot ? »); not the shop sending another one (`asks_outcome`).
_ADVERBS = " pas| juste| simplement| plutot| encore| toujours"  # « je peux encore rendre … »
_SEND_IT_BACK = re.compile(
    r"\b(je|j|on)\s+(le|la|les|l)\s*(renvoi\w*|renvoy\w*|retourn\w*|rend\w*)\b|"
    rf"\b(peux|peut|pourrais|pourrai|pourra|puis)({_ADVERBS})* (le|la|les|l) ?"
    r"(renvoyer|retourner|rendre)\b|"
    rf"\b(peux|peut|pourrais|puis)({_ADVERBS})+ (renvoyer|retourner|rendre)\b|"
    r"(?<!\bm )(?<!\bme )(?<!\bm en )(?<!\bmen )"
    r"\b(renvoie|renvoyer|renvoi|retourne|retourner|rendre)\s+((toute|tout) )?(la |le |les |l |"
    r"ma |mon |mes |cette |ce |un |une |des )?(commande|colis|article|articles|produit|produits|"
    r"cmd|tout|truc|trucs|chose|choses|cadeau|cadeaux|objet|objets)\b|"
    # « si je peux renvoyer une partie des trucs »
    r"\b(renvoyer|retourner|rendre)\s+(une partie|certains|certaines|quelques|un des|une des)\b"
)


def asks_to_send_it_back(text: str) -> bool:
    return asks(text) and _says(_SEND_IT_BACK, text)


_WISH = re.compile(r"\b(voudrais|voudrai|veux|aimerais|souhaite|souhaiterais|voulais|compte)\b")


def wants_to_send_it_back(text: str) -> bool:
    """Asks, or wishes (« je voudrais rendre un article … ref DFGTRHYJK »), to send it back."""
    return (asks(text) or _says(_WISH, text)) and _says(_SEND_IT_BACK, text)


def asks_when_it_arrives(text: str) -> bool:
    """A question on when the order itself arrives or ships (not « et si je le renvoie quand il
    arrive ? », nor what comes of it: « et je serai remboursée quand il arrivera ? »)."""
    back = _says(_SEND_IT_BACK, text) or _says(_OUTCOME, text)
    return asks(text) and _says(_WHEN, text) and _says(_IT_ARRIVES, text) and not back


def asks_when_it_comes(text: str) -> bool:
    """A question on when it comes or how long it takes to come (not when to call or how
    long a relay keeps it)."""
    return asks(text) and _says(_WHEN, text) and _says(_DELIVERY_WORD, text)


# When someone can be reached (« vous etes la jusqu'a quelle heure ? », « et le samedi ? »).
_HOURS = re.compile(
    r"\b(jusqu (a|à) quelle heure|a quelle heure|quelles? heures?|horaires?|ouverts?|fermes?|"
    r"samedi|dimanche|week ?end|jours? ferie?s?)\b|"
    r"\b(apres|avant|vers|a partir de|passe) \d{1,2} ?(h|heures?)\b"  # « si jappelle apres 17h »
)


# Reaching the shop (« on peut vous joindre », « je peux vous appeler »; « telephone c'est
# quelle heures ? » said of the phone), not a parcel's hour.
_REACH_US = re.compile(
    r"\bvous (joindre|appeler|contacter|telephoner|avoir au tel\w*)\b|\bjoignables?\b|"
    r"\b(je peux|jpeux|j peux|on peut|puis je|peut on) (vous )?(appeler|telephoner|joindre)\b|"
    r"\b(j ?prefere|je prefererais) (quand meme |plutot )?(appeler|telephoner)\b|"
    r"\bvous (repondez|decrochez) (le |la |les |au |a )?(samedi|dimanche|week.?end|midi|soir|"
    r"matin|tel\w*|jusqu)|"
    r"^(merci\W+|ok\W+|et\W+)*(le |par |au )?(tel|telephone)\b(?! (de|du|d) )"
)


# Where the shop's people are (« vous êtes où vous d'abord, encore une plateforme à l'autre bout du
# monde ? », « je vais tomber sur un centre d'appel a l'etranger ? »).
_WHERE_THEY_ARE = re.compile(
    r"\b(vous etes|vous etes situes?|vous etes bases?|vous vous trouvez|vos locaux sont) ou\b|"
    r"\bou (etes vous|vous etes|sont vos (locaux|conseillers|bureaux))\b|"
    r"\b(centre d appels?|call ?center|plate ?forme (d appels?|telephonique))\b|"
    # (not « vous livrez a l'etranger ? » nor « la plateforme de paiement »)
    r"\b(tomber sur|parler a|parle a|vous etes)\b.{0,40}\b(plate ?forme|bout du monde|"
    r"a l etranger|en inde|au maroc|delocalis\w*)\b"
)


def asks_where_they_are(text: str) -> bool:
    return asks(text) and _says(_WHERE_THEY_ARE, text)


_WHEN_WORD = re.compile(r"\b(quand|qd|jusqu)\b")


# « ils répondent jusqu'à quelle heure au téléphone ? » right after the shop's contacts.
_THEY_ANSWER = re.compile(
    r"\b(ils|elles|on) (vous )?(repondent|decrochent|sont joignables|sont la|travaillent|bossent|"
    r"repond|decroche)\b"
)


# « le service pro on peut l'appeler quand ? »: our service named, then a pronoun.
_OUR_SERVICE_BY_PRONOUN = re.compile(
    r"\bservice (pro|professionnel|client|clients|sav|apres vente)\b.*"
    r"\b(je peux|jpeux|on peut|peut on|puis je|faut|il faut) (l|le|la|les) ?(appeler|joindre|"
    r"contacter|avoir)\b"
)


def asks_when_to_reach_us(text: str, ours_named: bool = False) -> bool:
    """« on peut vous joindre a quelle heure ? », « je peux vous appeler le samedi ? », « c'est
    joignable jusqu'à quand ? »; « ils répondent jusqu'à quelle heure ? » too right after the
    shop's contacts and no carrier's (`ours_named`)."""
    hours = _says(_HOURS, text) or _says(_WHEN_WORD, text)
    other = carriers_named(_plain(text))
    reach = (
        _says(_REACH_US, text)
        or (_says(_OUR_SERVICE_BY_PRONOUN, text) and not other)
        # (« ils répondent quand à ma demande ? » asks about the request, not the hours)
        or (ours_named and _says(_THEY_ANSWER, text) and _says(_HOURS, text) and not other)
    )
    return asks(text) and hours and reach


# A PickUp Station's code (« le code pour ouvrir le casier je le recois comment ? »), not a promo
# code nor a postcode.
_PICKUP_PLACE = r"(ouvr\w*|casiers?|automates?|consignes?|stations?|pick ?up|retir\w*|retrait)"
_PICKUP_CODE = re.compile(
    rf"\bcodes?\b(?!\s*(promo|postal|de (reduc|promo)))\W+(\w+\W+){{0,6}}{_PICKUP_PLACE}\b|"
    rf"\b{_PICKUP_PLACE}\W+(\w+\W+){{0,6}}codes?\b(?!\s*(promo|postal))"
)
_PROMO_WORDS = re.compile(r"\b(promo\w*|reduc\w*|remise|parrain\w*|panier)\b")


# The code's SMS named (« jai effacé le sms avec le code »), the station named in the message.
_CODE_BY_SMS = re.compile(
    r"\b(sms|texto)\b(\W+\w+){0,4}\W+codes?\b|\bcodes? (de retrait|par sms)\b"
)


def asks_pickup_code(text: str) -> bool:
    """« et le code pour ouvrir il arrive comment ? », « le code du casier on le recoit ou »: the
    PickUp Station's code, sent by SMS; « devant la pickup station … jai effacé le sms avec le
    code, je fais comment »."""
    by_sms = names_pickup_station(text) and _says(_CODE_BY_SMS, text)
    return asks(text) and (_says(_PICKUP_CODE, text) or by_sms) and not _says(_PROMO_WORDS, text)


# What to bring (« et faut que j'amene quoi ? », « je dois ramener quoi ? », « il faut quels
# papiers ? »).
_WHAT_TO_BRING = re.compile(
    r"\b(j )?([ae]mm?[eè]n\w*|ramen\w*|apport\w*)\b.{0,20}\bquoi\b|"
    r"\bqu est.?ce (que|qu) (je|j|il) (dois |faut )?([ae]mm?en\w*|ramen\w*|apport\w*)\b|"
    r"\b(quels?|quelles?) (papiers?|documents?|pieces?)\b|\bbesoin de quoi\b"
)
# Around lunch (« je passerai sur ma pause dej vers 12h45 »).
_LUNCHTIME = re.compile(r"\b(midi|dej|dejeuner|dejeune|pause|12 ?h\d*|13 ?h\d*)\b")


def asks_what_to_bring(text: str) -> bool:
    """« et faut que j'amene quoi ? », « je dois ramener quoi ? »"""
    return _says(_WHAT_TO_BRING, text)


def says_lunchtime(text: str) -> bool:
    """« je passerai sur ma pause dej vers 12h45 », « le midi »."""
    return _says(_LUNCHTIME, text)


def asks_hours(text: str) -> bool:
    """« vous etes la jusqu'a quelle heure ? », « Donnez-moi les horaires de ce service. »"""
    return (asks(text) or any(asks_for(sentence) for sentence in said(text))) and \
        _says(_HOURS, text)  # fmt: skip


def asks_until_when(text: str) -> bool:
    """How long is left to do something (after an answer giving a deadline)."""
    return _says(_UNTIL_WHEN, text) and not _says(_DELIVERY_WORD, text)


def asks_about_the_order(text: str) -> bool:
    """A question about "it" once an order is verified (« elle arrive quand ? », « c quoi le num
    de suivi », « et le remboursement ? »)."""
    return _says(_ABOUT_IT, text)


# A question however typed: a question mark, or a question word anywhere (« je la recois
# comment », « c quoi une pickup station », « cb de temps »).
# Question words that ask wherever they stand; « ou » (or), « quand » (when I opened it), « quoi »
# and « si » may also not ask.
_ASKING_WORDS = "comment|cmt|combien|cb|pourquoi|pk"
_ASKS_BY_ITS_WORDS = re.compile(
    rf"\b({_ASKING_WORDS})\b|"
    # « je voudrais savoir si mes points ont une date limite »
    r"\b(voudrais|voulais|voudrions|aimerais|souhaite|souhaiterais|veux|veut) savoir\b|"
    r"\b(pouvez|pourriez)[ -]vous me dire\b"
)
_QUESTION = re.compile(
    rf"\b({_ASKING_WORDS}|quoi|quand(?! meme\b)|qd|ou|quel|quelle|quels|quelles)\b|"
    r"^(et )?si\b|"  # « et si j y vais pas tout de suite »
    r"\b(voulais|voudrais|aimerais|souhaiterais|souhaite) savoir si\b|\bje me demandais si\b"
)


def asks_where_it_is(text: str) -> bool:
    """Where the order is (« il est où ? », « ou en est mon colis »), one of the questions about
    it (`asks_about_the_order`)."""
    return _says(_WHERE_IT_IS, text)


# A question mark dictated to a phone (« c'est payant votre numéro point d'interrogation »).
_DICTATED_QUESTION = re.compile(r"\bpoint d ?interrogation\b")


def asks(text: str) -> bool:
    """A question, wherever its question word is."""
    return "?" in text or _says(_QUESTION, text) or _says(_DICTATED_QUESTION, text)


# Something asked for in the imperative, at the start of a sentence: « et filez moi quand meme
# le tel », « donnez-moi le numero », « dites moi ou il est »; not « donnez lui » nor « filez ».
_ASKS_FOR = re.compile(
    r"^(et |sinon |aussi |bon |ah )?(filez|file|donnez|donne|redonnez|envoyez|passez|indiquez|"
    r"dites|dis|rappelez|communiquez)[ -](moi|nous)\b"
)


def asks_for(text: str) -> bool:
    """A sentence asking for something in the imperative (« et filez moi le tel du service
    client »), a question without its question mark."""
    return _says(_ASKS_FOR, text)


def asks_by_its_words(text: str) -> bool:
    """A question however punctuated, by words that only ask (« si ca plait pas je le renvoie,
    jai combien de temps »), not by « ou » or « quand » (« un échange ou un remboursement »)."""
    return "?" in text or _says(_ASKS_BY_ITS_WORDS, text)


# Words that point back at what was just said: a follow-up starting with « et », « du coup »,
# « meme si » (once any acknowledgement is set aside: `after_acknowledgement`); a pronoun
# standing for the thing (« je la recois comment », « elle est ou cette option », « on peut y
# aller »); « là-bas », « dessus ».
_REFERS_BACK = re.compile(
    r"^(et|du coup|dc|sinon|meme|pareil)\b|"
    r"\b(je|j|on|vous|tu|il|faut|peut|peux|pouvez)\s+(ne\s+|n\s+)?(la|le|les|l|y|en|lui)\s+\w|"
    r"\b(pour|de|d|a)\s+y\s+\w|^(elle|il|ils|elles)\b|"
    r"\b(cette|cet|ces|celle|celui|celle ci|celui ci)\b|\b(la bas|labas|dessus|dedans)\b"
)


# Another subject announced (« … au fait », « autre question : … », « rien à voir mais … »).
_ANOTHER_SUBJECT = re.compile(
    r"^\W*((ok|et|bon|sinon|ah)\W+)*au fait\b|\bau fait\W*$|\bautre question\b|"
    r"\brien a voir mais\b|\bchangement de sujet\b|\bquestion (differente|a part)\b"
)


def changes_subject(text: str) -> bool:
    return _says(_ANOTHER_SUBJECT, text)


def refers_back(text: str) -> bool:
    """A message about what was just said (« et en corse ? », « je la recois comment ? »)."""
    return _says(_REFERS_BACK, after_acknowledgement(text) or text)  # « ok et pour la belgique »


# Words that acknowledge what was said before a question (« ok et je declare ca ou », « oui
# daccord mais je fais comment pour le retour »), alone or in pairs.
_ACKNOWLEDGING_WORDS = frozenset(
    "ok oki okay oui ouais ah bon daccord dac parfait super top merci entendu".split()
)
_ACKNOWLEDGING_PAIRS = frozenset(
    {("d", "accord"), ("tres", "bien"), ("ca", "marche"), ("je", "vois")}
)


def after_acknowledgement(text: str) -> str | None:
    """The words after those acknowledging the last answer (« ok, et je declare ca ou » ->
    « et je declare ca ou »), as typed; None when the message does not start so or says
    nothing more."""
    words = text.split()
    plain = [fold(word).replace("'", "").strip(".,;:!?…-") for word in words] + ["", ""]
    i = 0
    while i < len(words):
        if plain[i] == "bon" and plain[i + 1] in ("d", "de", "dachat"):
            break  # « bon d'achat »
        if not plain[i] or plain[i] in _ACKNOWLEDGING_WORDS:
            i += 1
        elif (plain[i], plain[i + 1]) in _ACKNOWLEDGING_PAIRS and plain[i + 2] != "pas":
            i += 2  # « ça marche », not « ça marche pas »
        else:
            break
    return " ".join(words[i:]) if 0 < i < len(words) else None


# Without the order's number (« sans le numero »), not another one (« sans numero de rue »).
_WITHOUT_A_NUMBER = (
    r"\bsans (le |la |mon |ma |son |sa |leur |de |d |aucun |aucune )?(reference|ref|numero|num)\b"
    r"(?! (de |du |d )?(suivi|tracking|colis|tel\w*|portable|carte|rue|appart\w*))"
)
_NO_REFERENCE = re.compile(
    r"\b(pas sous la main|l ai pas|l ai plus|la trouve pas|le trouve pas)\b|"
    r"\b(pas|plus|perdu|trouve pas|retrouve pas|sais pas|connais pas|jsp|aucune idee|supprime|"
    r"efface|jete)\b.*"
    r"\b(reference|ref|numero|num|mail|email)\b|"
    r"\b(reference|ref|numero|num|mail|email)\b.*\b(pas|plus|perdu|trouve pas|sais pas|"
    r"sous la main|efface|supprime)\b|\bpas (encore )?commande\b|\bpas de compte\b|"
    r"\bj ai pas (encore )?passe commande\b|\bpas encore achete\b|" + _WITHOUT_A_NUMBER
    # « on fait comment sans le numero ? »
)


# A request said again otherwise (« hmm en fait non, juste retirer le mug »).
_CORRECTS = re.compile(
    r"^((hm+|euh+|ah|oh|bon|non|nan|ok|oups|pardon|ha)\W+)*(en fait|plutot|finalement|"
    r"je me suis trompee?|non pardon|pardon)\W+(\w+\W+){2,}"
)


# A change ordered in the imperative (« annulez carrement la commande svp »).
_ORDERS_A_CHANGE = re.compile(
    r"\b(annulez|modifiez|changez|corrigez|mettez|remplacez|retirez|enlevez|ajoutez|rajoutez)\b"
)


def orders_a_change(text: str) -> bool:
    return _says(_ORDERS_A_CHANGE, text)


# « je veux annuler ma commande », « annulez la svp »: a cancellation wanted, said as such.
_WANTS_TO_CANCEL = re.compile(
    r"\b(je veux|je voudrais|jveux|jvoudrais|j aimerais|je souhaite|je souhaiterais|"
    r"merci d|pouvez vous|vous pouvez)( \w+){0,2} annuler\b|\bannulez\b"
)


def wants_to_cancel(text: str) -> bool:
    return _says(_WANTS_TO_CANCEL, text)


# A means of payment named (« je peux payer avec paypal a la place ? »).
_PAYMENT_METHOD = re.compile(
    r"\b(paypal|pay pal|cb|carte bancaire|carte bleue|carte|virement|en [34] fois|"
    r"en (trois|quatre) fois|cheque|apple pay|google pay)\b"
)


def names_payment_method(text: str) -> bool:
    return _says(_PAYMENT_METHOD, text)


# When customer service answers (« ils me repondent qd », « vous me recontactez quand ? »).
_WHEN_THEY_ANSWER = re.compile(
    r"\b(repond\w*|recontact\w*|rappel\w*|reviendr\w*|revenir|revien\w*|contact\w*|"
    r"nouvelles|reponse)\b"
)


def asks_when_they_answer(text: str) -> bool:
    return asks(text) and _says(_WHEN, text) and _says(_WHEN_THEY_ANSWER, text)


# A correction of what was typed (« ah non pardon c'est julien.bernard@example.fr »).
_CORRECTS_ITSELF = re.compile(
    r"^((ah|oh|euh+|hm+|non|nan|oups|ha)\W+)*(pardon|dsl|desole|oups|je me suis trompee?|"
    r"erreur|faute de frappe)\b"
)


def corrects_itself(text: str) -> bool:
    return _says(_CORRECTS_ITSELF, text)


# What a correction asks instead (« hmm en fait non, juste retirer le mug »), which a refusal
# has not (« hmm en fait non laissez, je l'emballerai moi même »).
_INSTEAD_WORDS = re.compile(
    r"\b(retirez|enlevez|ajoutez|rajoutez|annulez|modifiez|changez|corrigez|mettez|remplacez)\b|"
    r"\b(juste|plutot|seulement) (\w+ )?(retir|enlev|ajout|rajout|annul|modifi|chang|corrig|"
    r"mettre|remplac)\w*"
)


def corrects_request(text: str) -> bool:
    """The customer says what they want instead of what was just offered to be passed on."""
    return _says(_CORRECTS, text) and (not declines(text) or _says(_INSTEAD_WORDS, text))


_NO_ACCOUNT = re.compile(r"\b(pas|plus|jamais eu|jamais cree) (de |d |mon |d un )?(compte|espace "
                         r"client)\b|\bsans compte\b")  # fmt: skip


def has_no_account(text: str) -> bool:
    """The customer says they have no customer account (« j ai pas de compte je crois »)."""
    return _says(_NO_ACCOUNT, text)


def has_no_reference(text: str) -> bool:
    """The customer says they do not have the reference (or have not ordered yet)."""
    return _says(_NO_REFERENCE, text)


_REFERENCE_WORD = re.compile(r"\b(reference|ref|numero|num)\b")
_EMAIL_WORD = re.compile(r"\b(mail|email|courriel)\b")
_TRACKING_NUMBER = re.compile(
    r"\b(numero|num|n|no) (de |du |d )?(suivi|tracking|colis|colissimo)\b"
)


def _tracking_number_named(text: str) -> str:
    """`fold(text)` with the tracking number named « suivi » (« le num du colis »), which is no
    order reference."""
    return _TRACKING_NUMBER.sub(" suivi ", fold(text))


_ORDER_WORD = re.compile(r"\b(reference|ref|numero|num|commande|compte)\b")


def has_no_email(text: str) -> bool:
    """The customer says they do not have the order's e-mail, and nothing of the reference
    (« je connais pas son mail, elle habite a nantes »)."""
    about = _TRACKING_NUMBER.sub(" ", fold(text))  # « le num de suivi » is no order reference
    return has_no_reference(text) and _says(_EMAIL_WORD, text) and not _says(_ORDER_WORD, about)


def says_no_reference(text: str) -> bool:
    """Out of the identification, the customer names the reference they do not have (« je veux
    annuler … mais jai pas le num »); « je ne l'ai pas reçu » is about the parcel, « je trouve pas
    mon numéro de suivi » about its tracking number."""
    about = _tracking_number_named(text)
    return has_no_reference(about) and _says(_REFERENCE_WORD, about)


# « ou je la trouve ? » right after the reference is asked: its place, said with a pronoun.
WHERE_IS_IT_MAX_WORDS = 7
_WHERE_IS_THE_REFERENCE = re.compile(
    r"\bou (je|j|on) (trouve|vois|recupere|cherche)\w* (la|le|ma|mon|cette|ce|cet) "
    r"(reference|ref|numero|num)\b"
)


# How to go on without the reference (« on fait comment sans le numero ? »).
_WITHOUT_IT = re.compile(
    r"\b(comment|on fait|je fais|jfais|je peux faire|on peut faire|possible|moyen)\b.*"
    + _WITHOUT_A_NUMBER
)


def asks_how_without_reference(text: str) -> bool:
    return _says(_WITHOUT_IT, text)


# What the reference looks like (« il ressemble a quoi ce numero ? », « c'est des lettres ou des
# chiffres ? »), right after it is asked for.
_LOOKS_LIKE = re.compile(
    r"\b(ressemble|ressemblent) a quoi\b|\bc est quoi (comme|ce) (numero|num|ref\w*)\b|"
    r"\b(quel|quelle) (format|forme|tete)\b|\bcombien de (lettres|chiffres|caracteres)\b|"
    r"\b(lettres|chiffres) ou (des )?(chiffres|lettres)\b|\bcommence par\b"
)


def asks_what_the_reference_looks_like(text: str) -> bool:
    about = _tracking_number_named(text)
    named = _says(_REFERENCE_WORD, about) or _says(_IT_OR_THIS, about) or len(words_of(about)) <= 8
    other = _says(_A_FILE, about)  # « quel format pour la photo ? »
    return (
        "suivi" not in words_of(about)
        and asks(text)
        and _says(_LOOKS_LIKE, about)
        and named
        and not other
    )


_A_FILE = re.compile(r"\b(photos?|fichiers?|images?|logos?|pdf|jpe?g)\b")


_IT_OR_THIS = re.compile(r"^(et )?(il|elle)\b|\b(ce|cette) (numero|num|ref\w*|code)\b")


# The order's own number named (« mon numero de commande », « la ref »), not the parcel's.
_ORDER_NUMBER = re.compile(
    r"\b(numero|num|n|no) (de |d )?(la |ma )?(commande|cmd|cde)\b|\b(reference|ref)\b"
)
_WHERE_OR_SAME_PLACE = re.compile(
    r"\bou\b(?!\s+(pas|non|de|du|des|la|le|les|en est|un|une)\b)|"
    r"\b(au|a un) (meme|autre) endroit\b|\bla ou\b|\bdans quel\w*\b"
)


_FOUND_OR_IS = re.compile(
    r"\b(re)?trouv\w*|\bvoi[rst]\b|\bvoit\b|\bcherch\w*|\best\b|\bfigure\w*|\bse trouve\b|"
    r"\bc est\b"
)


def asks_where_the_order_number_is(text: str) -> bool:
    """Where the order's reference is, named as such (« ou je trouve mon numero de commande ? »,
    « et le numéro de commande je le retrouve au même endroit ? »); not the tracking number."""
    about = _tracking_number_named(text)
    return (
        "suivi" not in words_of(about)
        and _says(_ORDER_NUMBER, about)
        and asks(text)
        and (_says(_WHERE_OR_SAME_PLACE, about) or asks_where_to_find(about))
        and _says(_FOUND_OR_IS, about)
    )


def asks_where_the_reference_is(text: str) -> bool:
    """Where to find the reference just asked for (« ou je le trouve ce numero ?? », « je la
    trouve ou ? », « ou je trouve la ref »); not the tracking number's place (« ou je trouve le
    num de suivi »)."""
    about = _tracking_number_named(text)
    if "suivi" in words_of(about):
        return False
    if _says(_WHERE_IS_THE_REFERENCE, about):
        return True
    named = _says(_REFERENCE_WORD, about) or len(words_of(about)) <= WHERE_IS_IT_MAX_WORDS
    return asks_where_to_find(about) and named


# « jsp ou il est », « je le trouve pas »: the customer cannot find it (the reference they were
# just told where to find).
_CANNOT_FIND = re.compile(
    r"\b(jsp|jsais pas|je sais pas|je ne sais pas|j sais pas|sais pas|sait pas) (ou|du tout ou)\b|"
    r"\b(le|la|l) (trouve|retrouve|vois) (pas|toujours pas|nulle part)\b|\bintrouvable\b|"
    r"\bj?trouve (rien|pas)\b"
)


def cannot_find_it(text: str) -> bool:
    return _says(_CANNOT_FIND, text)


_POSTCODE_WORD = re.compile(r"\b(code postal|cp|code)\b")
# « et l'autre de mon mari QSDFGHJKL ? meme code »: the proof given for the order before.
_SAME_PROOF = re.compile(
    r"\b(meme|pareil|identique) (code postal|code|cp|mail|email|adresse)\b|"
    r"\b(code postal|code|cp|mail|email|adresse) (identique|pareil)\b"
)


def names_postcode(text: str) -> bool:
    return _says(_POSTCODE_WORD, text)


def same_proof(text: str) -> bool:
    return _says(_SAME_PROOF, text)


# After « Je ne trouve aucune commande avec cette référence… »: the customer stands by what they
# gave, or does not understand (« bah si cest ce qui est marqué sur le papier jsp moi »).
_STANDS_BY_IT = re.compile(
    r"\b(c est|cest|c) (bien )?(ce qui est|ce qu il y a|ce que j ai|marque|ecrit|note)\b|"
    r"\bpourtant\b|\bj?e? ?(ne )?comprends? (rien|pas)\b|\bjcomprends (rien|pas)\b|"
    r"\bbizarre\b|\b(c est|cest|c) (bien )?(ca|le bon|la bonne)\b"
)


def stands_by_it(text: str) -> bool:
    return _says(_STANDS_BY_IT, text) or insists_on_proof(text)


# Nothing came (« jai fait ca mais jai rien recu », « rien dans ma boite »), without naming a
# parcel: after an answer that sends an e-mail, about that e-mail.
_NOTHING_CAME = re.compile(
    r"\b(rien|pas|toujours pas|jamais) (encore )?recue?s?\b|\btoujours rien\b|"
    r"\brien (n )?(est )?(encore )?(arrive|venu)\b|"
    r"\brien (dans|sur) (ma|la|mes|mon) (boite|bal|mails?|messagerie|spams?)\b"
)
_PARCEL_WORD = re.compile(r"\b(colis|coli|paquet|commande|cmd|cde|livr\w*|article|cadeau|produit|"
                          r"facteur|livreur|carton)\b")  # fmt: skip


_NOT_A_PARCEL = re.compile(
    r"\b(mails?|e ?mails?|sms|codes?|factures?|remboursements?|"
    r"confirmations?|reponses?|messages?)\b"
)


# A letter of the reference said missing or wrong (« pardon DFGTRHYJK, il manquait le J »,
# « j'avais oublié un K »): the reference corrected, not an item missing from the parcel.
_A_LETTER_MISSED = re.compile(
    r"\b(manquait|manque|oublie|oubliee|zappe|saute|inverse)( juste)? (le|la|un|une|l) ?"
    r"[a-z](?=\s*([.,;:!)]|$|a la fin|au debut|dans (la |le )?(ref|num)|de la ref|pardon|"
    r"desole|dsl))"
)


def names_a_missed_letter(text: str) -> bool:
    return _says(_A_LETTER_MISSED, text)


# The parcel found or arrived after all (« c'est bon la gardienne l'avait gardé !! merci », « je
# l'ai retrouvé chez le voisin », « finalement il est arrivé ce matin »); not a question.
_FOUND_IT = re.compile(
    r"\b(je|j|on|il|elle|la gardienne|le gardien|le voisin|la voisine|ma voisine|mon voisin|"
    r"ils|elles) ?(l|les) ?(ai|a|avait|avaient|avons) (bien )?(re)?(trouve|garde|pris|recupere|"
    r"eu|recu|rentre)e?s?\b|"
    r"\b(finalement|enfin)\b.*\b(il|elle|colis|paquet|commande) (est |a ete )?(arrive|arrivee)\b|"
    r"\b(il|elle|le colis|mon colis|le paquet|ma commande|la commande|il est|elle est) "
    r"(est |a ete |vient d )?(finalement |enfin |bien )(arrive|arrivee|retrouve|retrouvee|"
    r"arriver|retrouver)\b|"
    r"\b(je|j) ?(viens de |ai )(finalement |enfin |bien )?(le |la |l )?(recevoir|recu|trouver|"
    r"retrouver|trouve|retrouve)\b(?! (de|d|le|la|un|une|aucun|rien|pas)\b)"
)


def found_the_parcel(text: str) -> bool:
    """The parcel found or arrived (see _FOUND_IT), said rather than asked."""
    return (
        _says(_FOUND_IT, text)
        and "?" not in text
        and not _says(_NOTHING_CAME, text)
        and not _says(_BUT, text)
        and not describes_a_defect(text)
        and not says_missing(text)
    )


# What turns good news (« il est arrivé mais le mug est cassé », « c'est pas le bon article »).
_BUT = re.compile(r"\b(mais|par contre|sauf que|pas le bon|pas la bonne|mauvais\w*)\b")


def says_nothing_received(text: str) -> bool:
    """« il dit qu'il a rien reçu », « toujours rien recu »: nothing came, and not an e-mail,
    a code or a refund."""
    return _says(_NOTHING_CAME, text) and not _says(_NOT_A_PARCEL, text)


def nothing_came(text: str) -> bool:
    """« fait, mais rien dans ma boite »: nothing received, no parcel named."""
    return _says(_NOTHING_CAME, text) and not _says(_PARCEL_WORD, text)


_LATER = re.compile(r"\b(plus tard|apres|tout a l heure|demain|pas de photo|pas maintenant|"
                    r"pas possible|je peux pas|j arrive pas|par mail|formulaire)\b")  # fmt: skip


def photo_later(text: str) -> bool:
    """The customer will send the photo later (or cannot send one here)."""
    return _says(_LATER, text)


_WHERE_TO_SEND = re.compile(
    r"\b(ou|ici|envoi\w*|envoy\w*|joindre|mettre|transmettre)\b.*\bphotos?\b|"
    r"\bphotos?\b.*\b(ou|ici|par ici|par mail)\b"
)


def asks_where_to_send_photo(text: str) -> bool:
    """« Je l'envoie où la photo ? », « je peux vous envoyer la photo ici ? » (not what the photo
    must show: « faut quoi sur la photo ? »)."""
    return asks(text) and _says(_WHERE_TO_SEND, text)


_AMOUNT = re.compile(
    r"(\d{1,3}(?:[ .]\d{3})+(?:,\d{1,2})?|\d{1,6}(?:[.,]\d{1,2})?)\s*"
    r"(?:€|eur\b|euros?\b|balles\b|e\b)"
)


def amount_in(text: str) -> Decimal | None:
    """An amount in euros (« 80 € », « 35,50 euros », « 100 balles »)."""
    found = _AMOUNT.search(fold(text))
    if not found:
        return None
    number = found.group(1)
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d{1,2})?", number):
        number = number.replace(" ", "").replace(".", "")  # « 1 000 € », « 1.000 € »
    return Decimal(number.replace(",", "."))


_HOW_MANY = re.compile(r"\b(combien|cb|cbn|ca fait|ca donne|ca rapporte|ca me fait)\b")


# Using points (« je les depense ou ? », « on peut les utiliser pr quoi », « j en fais quoi »);
# « ça sert à quoi ? » asks what they are: the programme.
_SPENDING = re.compile(
    r"\b(utilis\w*|depens\w*|echang\w*|convert\w*)\b|"
    r"\b(j|on|je|vous|jen) ?(en )?(fais|fait|faites) quoi\b|\bquoi faire avec\b|"
    r"\ben faire quoi\b"  # « jpeux en faire quoi »
)
# Earning them (« combien de points par euro dépensé ? », « je gagne des points sur tout ? »).
_EARNING = re.compile(r"\b(gagn\w*|cumul\w*|rapport\w*|par euro)\b")


# As money off an order (« on peut les utiliser en reduction ? », « donc pas de reduc sur ma cmd »,
# « je peux m'en servir pour payer une partie de ma prochaine commande ? »).
_AS_A_DISCOUNT = re.compile(
    r"\b(reduc|reduction|reductions|remise|rabais|deduire|deduit|deduits|en euros?|bon d achat|"
    r"payer avec|regler avec|(payer|regler) (une partie|un bout|en partie))\b"
)


# How long they last (« et ca expire ? », « ils sont valables combien de temps »).
_EXPIRY = re.compile(r"\b(expir\w*|perim\w*|valable\w*|validite|perdre|perd|perdus?)\b")


def asks_expiry(text: str) -> bool:
    return _says(_EXPIRY, text)


def as_a_discount(text: str) -> bool:
    return _says(_AS_A_DISCOUNT, text)


_PROMO_CODES = re.compile(r"\b(codes?|promos?)\b")
# A change asked for (« et jpeux changer l adresse aussi ? »).
_TO_CHANGE = re.compile(r"\b(chang\w*|modifi\w*|corrig\w*|mettre une autre|autre adresse)\b")


def asks_to_change(text: str) -> bool:
    return _says(_TO_CHANGE, text)


def names_promo_codes(text: str) -> bool:
    """« avez-vous des codes de reduction en ce moment ? »: promo codes, not loyalty points."""
    return _says(_PROMO_CODES, text)


def asks_how_to_spend(text: str) -> bool:
    """Asks what to do with something, or where to use it, not what earns it: after the
    loyalty programme, where the points are spent."""
    return (
        _says(_SPENDING, text)
        and not _says(_EARNING, text)
        and not asks_how_many(text)
        and asks(text)
    )


# Shipping's own words: « et vous livrez en suisse ? », « frais de port pour la belgique ? »
# ask about delivery there, whatever was said before.
_SHIPPING = re.compile(
    r"\b(livr\w*|envo\w*|expedi\w*|frais|port|delai\w*|arriv\w*|recoi\w*|combien|cb)\b"
)


def asks_about_shipping(text: str) -> bool:
    """Names shipping (delivering, sending, its costs or delays)."""
    return _says(_SHIPPING, text)


_HOW_TO_DO = re.compile(r"\b(comment|(je|j|on) (fais|fait|procede|m y prends)|procedure|marche a "
                        r"suivre|les etapes)\b")  # fmt: skip


_HOW_COME = re.compile(r"\bcomment (ca|cela|ce) se (fait|peut)\b")


def asks_how_to_do(text: str) -> bool:
    """Asks how to do it (« et pour lautre je fais comment », « jfais comment ? »), not why
    (« comment ca se fait ? »)."""
    return _says(_HOW_TO_DO, text) and not _says(_HOW_COME, text)


_CARRIER_KNOWS_NOTHING = re.compile(
    r"\bs (ils|eux|elle|ils ne|ils n)\b.{0,25}\b(savent|sait|trouvent|trouve|retrouvent|"
    r"peuvent|repondent|repond|ont)\b.{0,20}\b(rien|pas|aucune?)\b|"
    r"\bsi (eux|ils|elle|la poste|tnt|le transporteur|colissimo)\b.{0,25}\b(savent|sait|trouvent|"
    r"trouve|retrouvent|peuvent|repondent|repond|ont|a)\b.{0,20}\b(rien|pas|aucune?)\b"
)


# « et si demain tjrs rien vous faites quoi », « et s'il arrive pas mercredi ? »: what then, if the
# parcel does not come by the date given.
_STILL = "toujours|tjrs|tjr|tjs"
_IF_IT_DOES_NOT_COME = re.compile(
    rf"\b(s|si) (il|elle|le colis|la commande|ca) (n )?(arrive|est|vient) (({_STILL}) )?"
    r"(pas|jamais)\b|"
    r"\bsi (demain|apres demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|ce soir|d ici la|la)? ?"
    rf"(j ai |jai |j |je recois )?({_STILL}|encore) (rien|pas)\b"
)


# The day an order would be placed (« et si je commande un samedi ? », « une commande passée le
# week-end, elle part quand ? »).
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_ORDERING_DAY = re.compile(
    r"\b(si (je |j |on |vous |tu )?(command\w*|pass\w*|achet\w*)|commander|en commandant|"
    r"commandes? passees?)\b(\W+\w+){0,3}?\W+(le |un |ce |en )?"
    rf"({'|'.join(_WEEKDAYS)}|week.?end)\b"
)


def ordering_day(text: str) -> int | None:
    """The weekday (Monday 0) an order would be placed on, as said (« si je commande un
    samedi ? »; the week-end is its Saturday); None when no day is said with ordering."""
    found = _ORDERING_DAY.search(_plain(text))
    if not found:
        return None
    day = found.group(6)
    return _WEEKDAYS.index(day) if day in _WEEKDAYS else 5


_HOUR = re.compile(r"\b(apres |vers |a )?(\d{1,2}) ?h ?(\d{2})?\b")


def ordering_hour(text: str) -> tuple[int, int] | None:
    """The hour an order would be placed at (« vendredi apres 16h » -> (16, 30): after it),
    None when no hour is said."""
    found = _HOUR.search(_plain(text))
    if not found or int(found.group(2)) > 23:
        return None
    hour, minute = int(found.group(2)), int(found.group(3) or 0)
    return (hour, 30) if found.group(1) == "apres " and not minute else (hour, minute)


# The days parcels come (« vous livrez le samedi ? », « et ils livrent le dimanche ? »).
_DELIVERY_DAYS = re.compile(
    r"\b(livr\w*|passe\w*|arrive\w*)\b (aussi |meme )?(le |les )?(samedis?|dimanches?|"
    r"week.?ends?|jours? feries?)\b"
)


def asks_delivery_days(text: str) -> bool:
    """« vous livrez le samedi ? », « ca arrive le dimanche ? »: on which days parcels come."""
    return _says(_DELIVERY_DAYS, text) and ordering_day(text) is None


# Waiting for one's parcel (« 9 jours que j'attends mon colis », « j'attends toujours ma
# commande »).
_WAITS = re.compile(
    r"\b(j|je|g) ?(attends|attend)\b.{0,25}\b(colis|coli|commande|cmd|cde|paquet|livraison)\b|"
    r"\b(jours|semaines?) que j (attends|attend)\b"
)
# An order already placed by phone (« J'ai passé une commande par téléphone la semaine
# dernière »), not a question on ordering so.
_ORDERED_BY_PHONE = re.compile(
    r"\b(j ai|jai|j avais|on a|ma (fille|femme|mere|soeur)|mon (fils|mari|pere|frere)) "
    r"(passe (une |ma )?commande|commande)\b.{0,60}\bpar (tel|telephone|tel\.)\b"
)


def waits_for_the_parcel(text: str) -> bool:
    """« 9 JOURS !!! 9 jours que j'attends mon colis »."""
    return _says(_WAITS, text)


def ordered_by_phone(text: str) -> bool:
    """« J'ai commandé un coffret pour mon petit fils par téléphone la semaine passée »."""
    return _says(_ORDERED_BY_PHONE, text)


def if_it_does_not_come(text: str) -> bool:
    return _says(_IF_IT_DOES_NOT_COME, text) and not _says(_CARRIER_KNOWS_NOTHING, text)


def if_the_carrier_knows_nothing(text: str) -> bool:
    """« et si eux savent rien ? », « Et s'ils ne savent rien, vous faites quoi ? »: what the
    shop does when the carrier has no news."""
    return _says(_CARRIER_KNOWS_NOTHING, text)


_POINTS = re.compile(r"\b(points?|maestros?)\b")


def names_points(text: str) -> bool:
    return _says(_POINTS, text)


def asks_how_many(text: str) -> bool:
    """Asks for a quantity (« ça fait combien ? », « cb de points »): with an amount after the
    loyalty programme, the points it earns."""
    return _says(_HOW_MANY, text)


# A carrier (named as `carriers_named` knows them, or « ils » after a reply about one) and a way
# to call it: « et je peux appeler tnt moi meme ? », « et le numero de la poste ? », « ils sont
# joignables par tel ? ». A tracking number (« le num de suivi tnt ») is another question.
_SOME_CARRIER = re.compile(r"\b(transporteur|livreur|ils|eux)\b")
_CALL = re.compile(
    r"\b(appeler|appelle|appel|telephoner|joindre|joignable|joignables|contacter|tel|telephone|"
    # not the order's number (« le transporteur lui dit qu elle repart. Voici le numero de
    # commande : … »)
    r"(numero|num)(?!\s+(de|d)\s+(la\s+|ma\s+)?(commande|cmd|cde)\b))\b"
)


def _names_a_carrier(text: str) -> bool:
    plain = _plain(text)
    return bool(carriers_named(plain) or _SOME_CARRIER.search(plain))


def asks_carrier_phone(text: str, carrier_named: bool = False) -> bool:
    """Asks how to call the carrier; « c quoi leur numero » too right after one was named
    (`carrier_named`)."""
    if carrier_named and (_says(_THEIR_PHONE, text) or asks_whom_to_call(text)):
        return True
    return _names_a_carrier(text) and _says(_CALL, text) and "suivi" not in _plain(text)


_THEIR_PHONE = re.compile(r"\b(leur|leurs) (numero|num|tel|telephone|coordonnees)\b")


_WHOM = (
    r"\b(j|je|on) (appelle|contacte|joins|joint|dois appeler|dois contacter) qui\b|"
    r"\bqui (dois.?je|je dois|faut.?il|il faut|on doit) (appeler|contacter|joindre)\b"
)
_WHOM_TO_CALL = re.compile(_WHOM)


def asks_whom_to_call(text: str) -> bool:
    """« j'appelle qui ? », « qui dois-je appeler maintenant ? »"""
    return _says(_WHOM_TO_CALL, text)


# A person asked for, whatever else the message says (« un article est arrive casse, je voudrais
# parler a quelqu un svp pas a un robot »): a wish to speak to one, or « pas à un robot »; not
# a question whether one is (« est ce que je parle a une vraie personne ? »), a past call
# (« jai deja parle a un conseiller hier »), nor the carrier's people.
_WANTS_A_PERSON = re.compile(
    r"\b(veux|voudrais|voudrai|souhaite|souhaiterais|aimerais|besoin de|faut que je|puis je|"
    r"je peux|on peut|pourrais je|pouvez vous me passer|possible|moyen)\b.{0,30}\b(parler|parle|"
    r"discuter|"
    r"echanger|avoir affaire) (a|avec) (un |une |quelqu ?)(un|une )?(vrai |vraie )?"
    r"(humain|conseill\w*|personne|agent|operat\w*|etre humain|commercia\w*|responsable|un)\b|"
    r"\b(avoir|joindre|appeler) (qqn|qq1|quelqu ?un|un conseill\w*|une personne|un humain) "
    r"(au|par) (tel|telephone|fil)\b|"
    # « je veux un humain tout de suite », « passez-moi un responsable »
    r"\b(veux|voudrais|exige|besoin d|passez moi|passez-moi|passer) (un|une) (vrai |vraie )?"
    r"(humain|conseill\w*|etre humain|operat\w*|responsable|personne reelle|interlocut\w*)\b|"
    # « pouvez-vs me rappeler svp ? », « je peux avoir qqn de competent ? »
    r"\b((pouvez|pourriez)([ -](vous|vs))?|(vous|vs) (pouvez|pourriez)) "
    r"(me|nous) (rappeler|recontacter|telephoner)\b(?! (le|la|les|l|mon|ma|mes|votre|vos|ce|"
    r"cette|ou|quand|comment|combien|quel|quelle|pourquoi|ce que|si)\b)|"
    r"\brappelez[ -]?(moi|nous)\b(?! (le|la|les|l|mon|ma|mes|votre|vos|ce|cette)\b)|"
    r"\b(je peux|on peut|puis je|pourrais je|je pourrais|est ce que je peux) avoir (qqn|qq1|"
    r"quelqu ?un|un conseill\w*|une personne|un humain|un vrai)\b|"
    # « je peux appeler qqn plutot ? », « on peut joindre quelqu un ? »
    r"\b(je peux|on peut|puis je|peut on|possible d|moyen d|je prefere|je prefererais|"
    r"j aimerais mieux|je voudrais|je veux|(je peux|jpeux|on peut) pas)( plutot)? ?"
    r"(appeler|joindre|contacter) "
    r"(qqn|qq1|quelqu ?un|un conseill\w*|une personne|un humain)\b|"
    r"\bpas (a|avec) (un |une )?(robot|bot|machine|ia)\b|"
    # « et si ca passe toujours pas j'appelle qui », « je dois contacter qui ? »
    f"{_WHOM}|"
    # « je voudrais que quelqu'un me rappelle svp », « conseiller svp »
    r"\bque (qqn|qq1|quelqu ?un|un conseill\w*|une personne|un humain) (me|nous) "
    r"(rappelle|recontacte|contacte|telephone|appelle)\b|"
    r"^\W*(un |une )?(conseill\w*|humain|operat\w*|agent) (svp|stp|s il vous plait|please)\b"
)
_PAST_OR_ASKED = re.compile(r"\b(deja|hier|ai parle|avais parle|est ce que je parle)\b")


# The shop's phone or contacts (« le tel du service client »), a way to a person when asked for;
# « donnez moi juste un numero de tel », « filez moi votre numero »: a phone, none named.
_SHOP_CONTACTS = re.compile(
    r"\b(tel|telephone|numero|num|coordonnees|contact)( de telephone| de tel)? "
    r"(du|de votre|de ton|de vot) (service client|sav|service apres vente|magasin)\b|"
    r"\b(n ?°|n|no|num|numero|tel)( du| de)? (sc|sav)\b|"  # « n° SC ? »
    r"\b(un|le|votre|vos) (numero|num) (de )?(tel|telephone)\b|"
    r"\b(votre|vos) (tel|telephone|numero|num|coordonnees)\W*$"
)
# Asked as a question (« c'est quoi votre numero qu'elle vous appelle »), or a phone in the
# imperative with no other word (« donnez moi un numero »); not an order's or parcel's number.
_YOUR_PHONE = re.compile(
    r"\b(votre|vos) (tel|telephone|numero|num|coordonnees)\b"
    r"(?! (de |d )?(commande|cmd|suivi|colis|ref\w*|client|compte))"
)
_A_PHONE_ALONE = re.compile(r"\b(un|le) (numero|num|tel|telephone)\W*$")
_YOU_HAVE_A_PHONE = re.compile(
    r"\bvous (avez|auriez) (un|une) (numero|num|tel|telephone|ligne)\b"
    r"(?! (de |d )?(commande|cmd|suivi|colis|ref\w*))"
)


# The shop's e-mail asked for (« Avez-vous une adresse électronique ? », « c quoi votre mail »).
_SHOP_EMAIL = re.compile(
    r"(\b(votre|vos) (adresse (e ?mail|mail|electronique|courriel)|e ?mail|mail|courriel)|"
    r"\b(avez|auriez|disposez|possedez)[ -]vous (d )?(une|un) (adresse (e ?mail|mail|"
    r"electronique|courriel)|e ?mail|"
    r"mail|courriel))\b(?! (de |d )?(commande|confirmation|compte))"
)


def asks_shop_email(text: str) -> bool:
    """An address to write to, not the order's e-mail (« c'est quoi le mail du compte »)."""
    return asks(text) and _says(_SHOP_EMAIL, text) and not is_personal(text)


# A business buyer (« je bosse pour un comité d'entreprise on voudrait commander 200 coffrets »,
# « je tiens une boutique de cadeaux », « pour ma boîte, une soixantaine de coffrets »).
_PROFESSIONAL = re.compile(
    r"\b(comite d entreprise|mon entreprise|notre entreprise|ma societe|notre societe|ma boite|"
    r"notre boite|pour la boite|professionnel\w*|revendeur\w*|revendre|revente|ma boutique|"
    r"notre boutique|une boutique|devis|grosse commande|commande groupee|"
    r"(\d{2,}|une (vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine)) (de )?"
    r"(coffrets|articles|cadeaux|unites|exemplaires|produits|paniers))\b"
)


# The 1 € return option not taken (« et si je prends pas l'option », « sans l'option »).
_WITHOUT_THE_OPTION = re.compile(
    r"\bsans (l |cette |votre )?option\b|"
    r"\b(prends|prend|prenais|choisis|coche|pris|prise) pas (l |cette )?option\b"
)


def without_the_option(text: str) -> bool:
    return _says(_WITHOUT_THE_OPTION, text)


_QUOTE = re.compile(r"\bdevis\b")


def asks_for_a_quote(text: str) -> bool:
    """« un devis de 150 mugs, vous faites des prix ? »"""
    return _says(_QUOTE, text)


def is_professional(text: str) -> bool:
    return _says(_PROFESSIONAL, text)


# Whether a real person is there (« wsh y a qqn de vrai ici ou c que des bots »): asked of the
# assistant, the way to one given with the answer.
_A_REAL_ONE = re.compile(
    r"\b(qqn|qq1|quelqu ?un|une personne|un humain) de (vrai|reel)\b|"
    r"\b(vrai|vraie|vrais|vraies) (humains?|personnes?|gens)\b|\bque des (bots|robots|machines)\b"
)


def asks_for_a_real_one(text: str) -> bool:
    return _says(_A_REAL_ONE, text)


def wants_a_person(text: str) -> bool:
    """A person is asked for (see _WANTS_A_PERSON), or the shop's phone in the imperative
    (« ouais ouvrez une enquete. et filez moi quand meme le tel du service client »)."""
    sentences = re.split(r"(?<=[.!?,])\s+", text)
    asks_for_the_phone = (
        (_says(_SHOP_CONTACTS, text) or _says(_A_PHONE_ALONE, text))
        and any(asks_for(sentence) for sentence in sentences)
    ) or (
        (_says(_YOUR_PHONE, text) or _says(_YOU_HAVE_A_PHONE, text) or _says(_SHOP_CONTACTS, text))
        and asks(text)
        and not _says(_SOME_CARRIER, text)  # « c quoi le numero de tel du livreur ? »
    )
    return (
        (_says(_WANTS_A_PERSON, text) or asks_for_the_phone)
        and not _says(_PAST_OR_ASKED, text)
        and not _names_a_carrier(text)
    )


# What to write instead, said as a correction of a short text, the whole message: « cest Lea pas
# Lena », « c est Mathilde avec un h, pas Matilde », « pas Lena mais Lea »; not « cest bon pas
# la peine », « cest urgent je ne peux pas attendre ».
_INSTEAD = re.compile(
    r"^(non |mais |en fait |pardon |ah )*c ?(est)? (?P<right>\w+)( avec (un |une )?\w+)? ?,? "
    r"(pas|et non|et pas|au lieu de) \w+\W*$|^pas (?P<wrong>\w+) mais \w+\W*$"
)
_NOT_A_TEXT = frozenset(
    "bon ok okay pas moi nul nulle urgent gentil bien rien ca possible grave normal vrai faux "
    "fini mort sur sure clair juste dommage trop tout la ici".split()
)


def says_what_instead(text: str) -> bool:
    """A correction: the right text, and the wrong one (see _INSTEAD)."""
    found = _INSTEAD.search(re.sub(r"[^\w\s,]", " ", _plain(text)).strip())
    return bool(found) and (found.group("right") or found.group("wrong")) not in _NOT_A_TEXT


# The customer will call the shop instead (« bon tant pis jvais appeler », « jvais vous
# appeler »); « je vais les appeler » too, unless a carrier to reach was just named.
_WILL_CALL = re.compile(
    r"\b(je vais|jvais|j vais|je prefere|je vais plutot) (?:(vous )|(les |leur ))?"
    r"(appeler|telephoner)\b|\b(j|je) ?(vous )?(appellerai|telephonerai)\b|"
    # « bon bah je vous appelle alors »; not « ca fait 3 fois que je vous appelle »
    r"(?<!\bque )(?<!\bqu )(?<!\bsi )\b(j|je) ?vous (appelle|telephone)"
    r"( alors| donc| demain| plus tard| tout de suite)*[^\w?]*$"
)


def will_call(text: str, carrier_named: bool = False) -> bool:
    """Will call the shop (a carrier's phone is `asks_carrier_phone`); « les » is the shop unless
    the last reply named a carrier to reach (`carrier_named`)."""
    plain = _plain(text)
    calls = [m for m in _WILL_CALL.finditer(plain) if not (carrier_named and m.group(3))]
    return bool(calls) and not _names_a_carrier(text)


# Whom to tell, asked while the assistant offers to tell customer service (« je dois prevenir
# qqun ? », « faut que j appelle le service client ? »): that offer is the answer.
_WHOM_TO_TELL = re.compile(
    r"\b(je dois|j dois|dois je|faut il|il faut|faut|faut que je|faut que j|je devrais|"
    r"devrais je|je dois aller) ?(les |le |vous |l |la )?(preven|previen|avert|contact|appel|"
    r"inform|signal|ecri)\w*|\bqui (je dois|dois je|faut il|il faut|faut) ?(preven|avert|"
    r"contact|appel|inform)\w*"
)


def asks_whom_to_tell(text: str) -> bool:
    """Asks whether or whom to tell about a problem (not how to call a carrier)."""
    return asks(text) and _says(_WHOM_TO_TELL, text) and not _names_a_carrier(text)


# A general question even once an order is verified (« et le bon de retour en general on le
# telecharge ou ? »): the FAQ's answer, not the order's.
_IN_GENERAL = re.compile(
    r"\b(en general|generalement|en regle generale|d une maniere generale|de maniere generale|"
    r"en theorie|sans commande|pas pour cette commande|pas pour ma commande)\b|"
    # Another order, to come: « et si jen recommande un et quil plait pas ? »
    r"\bsi (je |j |on |j)(en |l |la |le |les )?(re)?command|\b(une|la|ma) prochaine commande\b|"
    r"\b(pour|pr) (une|un|d) autres? commandes?\b|"
    # Any product, not theirs: « et si un produit arrive casse je fais comment »
    r"^(\w+\W+){0,2}(et )?si (un|une) (produit|article|objet|colis|paquet)\b"
)


# Whether the order has its gift wrap (« et l'emballage cadeau est bien compris ? »); not a
# damaged or missing one, nor adding one.
_GIFT_WRAP = re.compile(r"\bl?(emballage|paquet|papier) cadeau\b")  # « lemballage cadeau »
_INCLUDED = re.compile(r"\b(compris|inclus|prevu|dessus|pris|bien|dedans|mis|il y a|ya|y a)\b")
_NOT_INCLUDED = re.compile(
    r"\b(abim\w*|dechir\w*|manqu\w*|absent|ajout\w*|rajout\w*|mettre|combien|prix|coute\w*|"
    r"tarif|payant|gratuit|recu|pas d emballage|pas de paquet|sans)\b"
)


_MAKE_SURE = re.compile(r"\b(etre sure?s?|m assurer|confirmer|savoir si)\b")


def asks_if_gift_wrapped(text: str) -> bool:
    """(« je voulais vérifier que l'emballage cadeau est bien pris en compte », « je veux etre
    sur que l'emballage cadeau est bien prévu » ask too.)"""
    asked = asks(text) or asks_to_check(text) or _says(_MAKE_SURE, text)
    return asked and _says(_GIFT_WRAP, text) and _says(_INCLUDED, text) and \
        not _says(_NOT_INCLUDED, text)  # fmt: skip


# The proof insisted on (« MAIS CEST LE BON CODE LA », « c'est bien mon mail »).
_INSISTS_ON_PROOF = re.compile(
    r"\b(le bon|la bonne|les bons|mon|ma|bien le|bien la|bien mon|bien ma) (code postal|code|cp|"
    r"mail|email|e mail|adresse mail|adresse email|adresse|reference|ref|numero|num)\b"
)


def insists_on_proof(text: str) -> bool:
    return _says(_INSISTS_ON_PROOF, text)


def asks_to_check(text: str) -> bool:
    """« vous pouvez pas verifier ? », « revérifiez »"""
    return "verifi" in _plain(text)


# A case put to the shop (« si je recup pas mon colis a la pickup station tout de suite il se
# passe quoi ? »): before any order is checked, what happens in general.
_HYPOTHETICAL = re.compile(
    r"^(\w+\W+){0,2}(et )?si (je|j|on|jamais|j(ai|vais|veux|peux|dois|suis|recup\w*|recois)|"
    r"la personne|le destinataire|la destinataire|personne ne|le colis)\b"
)


def hypothetical(text: str) -> bool:
    return _says(_HYPOTHETICAL, text)


# A question on what was said before (« c'etait combien de jours deja ? », « vous avez dit
# combien ? »).
_ASKS_AGAIN = re.compile(r"\bdeja\W*$|\b(c etait|vous avez dit|vous disiez|tu disais)\b")


def asks_again(text: str) -> bool:
    return asks(text) and _says(_ASKS_AGAIN, text)


# Why the postcode is not enough (« pk le code postal suffit pas ?? c ma commande quand meme »,
# « pourquoi il vous faut le mail ? »).
_WHY_THE_EMAIL = re.compile(
    r"\b(pk|pq|pourquoi|pourkoi)\b.*\b(code postal|cp|suffi\w*|mail|email|adresse)\b|"
    r"\b(ca|ce|cela|il|le code postal|le cp) (ne )?(suffit|suffira|marche|va) pas\b"
)


def asks_why_the_email(text: str) -> bool:
    return _says(_WHY_THE_EMAIL, text)


# A fault in the item received (« le texte est a moitié effacé », « il a un defaut »).
_DEFECT = re.compile(
    r"\b(defaut|defauts|defectueux|defectueuse|abime|abimee|casse|cassee|efface|effacee|raye|rayee|"
    r"fissure|fissuree|fendu|fendue|fendre|fend|tache|tachee|ne marche pas|marche pas|"
    r"fonctionne pas)\b"
)


# A delivery instruction (« le livreur peut le laisser au gardien ? », « deposez le chez ma
# voisine »), not what happens when nobody is in.
_LEAVE_WITH = re.compile(
    r"\b(laiss\w*|depos\w*|confi\w*|mettre|mette|donner) (le |la |les |l )?(colis |paquet )?"
    r"(a|au|aux|chez|devant|dans) (la |le |l |ma |mon |mes |les )?(gardien\w*|concierge|"
    r"voisin\w*|porte|loge|accueil|mairie|garage|jardin)\b"
)


def leaves_with_someone(text: str) -> bool:
    return _says(_LEAVE_WITH, text)


# Something said to be missing (« il manque la bougie », « pas dans le carton »).
_MISSING = re.compile(
    r"\b(manque|manquent|manquait|manquant\w*|pas dedans|pas dans le (colis|carton|paquet)|"
    r"oublie\w*|pas recu (le|la|les|l|un|une))\b"
)


def says_missing(text: str) -> bool:
    return _says(_MISSING, text)


def describes_a_defect(text: str) -> bool:
    return _says(_DEFECT, text)


# Why the proof, when the reference was given (« et vous pouvez pas le trouver vous meme avec le
# numero ?? c'est quoi le probleme »).
_WHY_THE_PROOF = re.compile(
    r"\b(pk|pq|pourquoi|pourkoi)\b|\b(pouvez|pourriez|peux) (pas|vous pas) (le|la|l) ?"
    r"(trouver|retrouver|chercher|voir)\b|\bc ?(est|etait) quoi le (probleme|souci)\b"
)


def asks_why_the_proof(text: str) -> bool:
    return asks(text) and _says(_WHY_THE_PROOF, text)


# A PickUp Station named (« si jvais pas chercher mon colis dans la pickup station a temps »).
_PICKUP_STATION = re.compile(r"\bpick ?up( station)?\b|\bautomate\b")


# Not collecting a parcel in time (« j'ai pas eu le temps d'aller chercher mon colis », « et si
# jarrive pas a le recuperer a temps ca fait quoi »).
_MISSES_THE_PICKUP = re.compile(
    r"\bpas (eu le temps|encore ete) (d |de |a )?(aller )?"
    r"(le |la |les |l )?(chercher|recuperer|retirer|prendre)\b|"
    r"\b(aurai|aurais|ai) pas le temps (d |de )(aller )?(le |la |les |l )?"
    r"(chercher|recuperer|retirer|prendre)\b|"
    r"\b(chercher|recuperer|retirer|prendre) (a temps|trop tard|dans les temps)\b|"
    r"\b(recupere|retire|cherche|recup)\w* pas (a temps|dans les temps)\b|"
    r"\bpas (encore )?(recupere|retire|ete (le |la |les )?chercher|alle (le |la |les )?chercher)\b"
)


# Not about the time to collect it (« le code marche pas », « la station est en panne »).
_NOT_THE_TIME = re.compile(
    r"\b(code|panne|marche pas|ouvre pas|points?|promo|entrepot|mot de passe|rembours\w*)\b"
)


def misses_the_pickup(text: str) -> bool:
    return _says(_MISSES_THE_PICKUP, text) and not _says(_NOT_THE_TIME, text)


# How long a parcel waits to be collected (« on a combien de temps pour aller le chercher ? »).
_HOW_LONG_TO_COLLECT = re.compile(
    r"\b(combien de (temps|jours)|cb de (temps|jours)|jusqu a quand|delai)\b.*"
    r"\b(chercher|recuperer|retirer|recup)\b|"
    r"\b(chercher|recuperer|retirer|recup)\b.*\b(combien de (temps|jours)|cb de (temps|jours)|"
    r"jusqu a quand)\b"
)


def asks_how_long_to_collect(text: str) -> bool:
    return _says(_HOW_LONG_TO_COLLECT, text) and not _says(_NOT_THE_TIME, text)


# Not ordered yet (« jai pas encore commandé », « avant de commander »): no order to find.
_NOT_ORDERED = re.compile(
    r"(?<!\bque )(?<!\bqu )\b(j ai|jai|j|on a|je n ai|n ai) (pas|rien) (encore )?(commande|achete|"
    r"passe (de )?commande)\b|"
    r"\bpas encore (commande|achete|passe commande)\b|\bavant de (commander|passer "
    r"commande)\b"
)


def has_not_ordered(text: str) -> bool:
    return _says(_NOT_ORDERED, text)


# An invoice to be made out otherwise (« elle peut être établie au nom de mon entreprise ? »).
_INVOICE_CHANGE = re.compile(
    r"\b(au nom d|a l ordre d|modifi\w*|changer|corrig\w*|refaire|etablie?s? (au|a l|pour)|"
    r"libelle\w*|"
    r"raison sociale|adresse de facturation|siret|tva intra\w*)\b"
)


def asks_invoice_change(text: str) -> bool:
    return asks(text) and _says(_INVOICE_CHANGE, text)


def names_pickup_station(text: str) -> bool:
    return _says(_PICKUP_STATION, text)


def in_general(text: str) -> bool:
    return _says(_IN_GENERAL, text)


# What a thing is or how it works (« l'option retour à 1€ ça sert à quoi exactement ? »): the
# FAQ's answer, even with an order verified (not « c quoi le num de suivi », its own).
_WHAT_IT_IS = re.compile(
    r"\b(sert a quoi|servir a quoi|comment (ca|cela|elle|il) (marche|fonctionne)|"
    r"consiste en quoi|qu est ce que c est|c est quoi exactement|c quoi exactement|"
    r"cest quoi exactement|ca veut dire quoi|que veut dire)\b"
)


def asks_what_it_is(text: str) -> bool:
    return _says(_WHAT_IT_IS, text)


# The customer's own payment fails or is to be changed (« ma cb passe pas, je peux payer
# autrement ? », « je peux payer par paypal plutot ? »), rather than which means the shop takes
# (« vous prenez paypal ? »).
_PAY_OTHERWISE = re.compile(
    r"\b(payer|regler|paiement|paye)\b.*\b(autrement|autre|changer|change|plutot|a la place)\b|"
    r"\b(changer|modifier) (de |le |mon )?(mode de |moyen de )?(paiement|carte)\b|"
    r"\bpasser (en|par|au) (carte|cb|virement|paypal|cheque|paiement)\b|"
    r"\b(passe pas|refuse|refusee|bloque|bloquee|marche pas|fonctionne pas)\b"
)


def pays_otherwise(text: str) -> bool:
    return _says(_PAY_OTHERWISE, text)


# The customer's own delivery to be changed (« jpeux changer de point relais ? »), rather than
# which delivery methods the shop offers.
_DELIVER_OTHERWISE = re.compile(
    r"\b(changer|modifier|passer|je passe|on passe|si je passe) (de |le |la |mon |ma |en |au |a )?"
    r"(mode de livraison|"
    r"point relais|relais|livraison|transporteur|colissimo|tnt|express|domicile)\b|"
    r"\b(plutot|au lieu) (en|au|a|par) (point relais|relais|domicile|express|tnt|colissimo)\b"
)


def delivers_otherwise(text: str) -> bool:
    return _says(_DELIVER_OTHERWISE, text)


# Thanks, an acknowledgement, a bare yes or no, a greeting or a goodbye: words that answer
# nothing an open question asked (« merci bcp », « ok super », « d'accord merci beaucoup »).
_COURTESY = frozenset(
    "merci mercii merciii mrc mci bcp beaucoup bien infiniment mille fois encore ok okay oki okk "
    "dac daccord d accord accord super parfait genial top cool nickel impec impeccable "
    "excellent great tres oui ouais ouai ouii yes non nan c est cest sympa gentil vraiment "
    "vous me sauvez sauve la vie bonne journee soiree au revoir a bientot bye ciao salut "
    "bonjour bonsoir bjr bsr cc coucou hello entendu compris note tant pis dommage ah ha oh "
    "ben bon hum hmm euh et alors donc lol mdr".split()
)


# Where or how to find something (« jai pas mon numero de commande, ou je le trouve ? »).
_WHERE_TO_FIND = re.compile(
    r"\b(je|j|on) ?(les|le|la|l) ?(vois|voit|trouve|consulte)\w* (ou|where)\b|"
    r"\bou( est ce que| est ce qu)?( je| j| on| peut on| puis je| je peux)? ?(le|la|l) ?"
    r"(trouv|retrouv|recup|vois|voir|cherch)\w*|"
    r"\b(comment|ou) (le|la|l) (trouver|retrouver|voir|recuperer)\b|"
    r"\bou (est|se trouve|figure)\w* (il|elle|le numero|la reference|le num)\b"
)
# The order looked up by something else than its reference (« vous pouvez pas la retrouver avec
# mon nom ? »).
_BY_SOMETHING_ELSE = re.compile(
    r"\b(retrouv|trouv|cherch|recherch|identifi|(pouvez|pourriez|possible de|vous) (pas )?"
    r"(regard|verifi))\w*\b.*"
    r"\b(avec|par|a partir de|grace a|via)\s+"
    r"(mon|mes|ma|le|les)\s+(nom|noms|prenom|nom de famille|adresse|adresse postale|telephone|tel|"
    r"numero de tel\w*|numero de portable|portable|identite|date)\b"
)


_HOW_TO_USE = re.compile(
    r"\b(comment|ou|quoi)\b.*\b(utilis\w*|depens\w*|echang\w*|servir|sert|en faire)\b|"
    r"\b(utilis\w*|depens\w*|echang\w*) (les|mes|ces)\b"
)


def asks_how_to_use(text: str) -> bool:
    """How to use them (« comment puis-je les utiliser ? »)."""
    return _says(_HOW_TO_USE, text)


def asks_where_to_find(text: str) -> bool:
    return _says(_WHERE_TO_FIND, text)


def looks_up_by_something_else(text: str) -> bool:
    """The order to be found by the customer's name, address or phone, not its reference."""
    return _says(_BY_SOMETHING_ELSE, text)


_GOODBYE = re.compile(
    r"\b((bonne|excellente|belle|tres bonne) (journee|soiree|fin de journee|nuit|semaine|"
    r"continuation)|au revoir|a bientot|"
    r"bye|ciao)\b"
)


_LONE_QUESTION = re.compile(
    r"^((hein|quoi|comment|c est a dire|cad|pardon|euh|pk|pq|pourquoi|ah bon|mais)\s?)*$"
)


def only_asks(text: str) -> bool:
    """A question mark and hardly a word (« ? », « ?? », « hein ? »): the last answer
    was not understood."""
    return "?" in text and bool(_LONE_QUESTION.match(" ".join(words_of(text))))


def says_goodbye(text: str) -> bool:
    """« merci beaucoup, bonne journée », « au revoir »."""
    return _says(_GOODBYE, text)


# The evening's wishes, mirrored in the goodbye (the day's is the goodbye's own).
_EVENING_WISHES = {"soiree": "Bonne soirée", "nuit": "Bonne nuit"}


def evening_wish(text: str) -> str | None:
    """« Bonne soirée » for « merci, bonne soiree », to say it back; None for any other."""
    found = _GOODBYE.search(_plain(text))
    last = found.group().split()[-1] if found else ""
    return _EVENING_WISHES.get(last)


def is_courtesy(text: str) -> bool:
    """Thanks, an acknowledgement, a bare yes or no, a greeting: not an answer to an open
    question (what to change, what happened), however it is typed."""
    words = _plain(text).replace("'", " ").split()
    words = [w.strip(".,;:!?()…-") for w in words]
    words = [w for w in words if w]
    return bool(words) and len(words) <= 8 and all(w in _COURTESY for w in words)


# What names a personalisation (its text, an engraving, a name, a typo in it); a question about
# changing the order that names none is about the order itself, not its personalisation.
_PERSONALISATION = re.compile(
    r"\b(perso\w*|personnalis\w*|grav\w*|texte|prenoms?|noms?|inscriptions?|message|mots?|"
    r"lettres?|faute|fautes|erreur|erreurs|coquille|orthograph\w*|ecrit\w*|date|dedicace|"
    r"brod\w*|imprim\w*|impression|marque\w*|trompe\w*)\b|\bau lieu de\b"
)


def names_personalisation(text: str) -> bool:
    """Whether the message speaks of a personalisation (« le texte gravé », « une faute sur le
    prénom »), not only of changing the order (« je peux encore la modifier ? »)."""
    return _says(_PERSONALISATION, text)


_PERSONALISED_ITEM = re.compile(
    r"\b(avec|a) (mon|ma|son|sa|ton|ta|notre|leur|le|la|un|une|nos|mes|ses) (prenom|nom|photo|"
    r"initiales|date)s?\b|\b(prenom|nom|photo|initiales|date)s? (dessus|dedans|grave\w*)\b|"
    r"\bavec (photo|prenom|initiales)\b|\b(brode|brodee|brodes|brodees|au prenom)\b|"
    r"\b(grave|gravee|graves|gravees|personnalise|personnalisee|personnalises|personnalisees|"
    r"perso)\b"
)


# Something instead of the item (« je peux au moins avoir un bon d'achat a la place ? »).
_INSTEAD_OF_THE_ITEM = re.compile(
    r"\bbons? (d )?achat\b|\b(un|en|mon) avoir\b|\bechang\w*|\brembours\w*"
)


def asks_something_instead(text: str) -> bool:
    return asks(text) and _says(_INSTEAD_OF_THE_ITEM, text)


# Food, which cannot be returned (« et si c des chocolats ? », « un coffret de confitures et de
# terrines »).
_PERISHABLE_ITEM = re.compile(
    r"\b(chocolats?|confitures?|terrines?|bonbons?|biscuits?|gateaux?|vins?|champagnes?|"
    r"foie gras|fromages?|miel|caramels?|nougats?|macarons?|saucissons?|epicerie|gourmand\w*|"
    r"perissables?|denrees?|nourriture|alimentaires?|chocolat\w*)\b"
)


def describes_a_perishable_item(text: str) -> bool:
    """« et si c des chocolats ? », « des confitures et des terrines »."""
    return _says(_PERISHABLE_ITEM, text)


# Where or how a request is made (« ok et la demande je la fais ou », « concretement je fais
# comment »).
_WHERE_TO_DO_IT = re.compile(
    r"\b(je|j|on) (la |le |les |l )?(fais|fait|faire|demande|envoie|trouve)\w* ou\b(?! bien)|"
    r"\bou (je|j|on|est ce qu on|est ce que je) (la |le |les |l )?(fais|fait|faire|demande)\w*\b"
)


def asks_how_or_where_to_do(text: str) -> bool:
    """« ok et concretement je fais comment », « et la demande je la fais ou »."""
    return asks_how_to_do(text) or _says(_WHERE_TO_DO_IT, text)


def describes_a_personalised_item(text: str) -> bool:
    """« c'est un mug avec mon prénom dessus », « une plaque gravée »: an item that is
    personalised (not a mistake in a personalisation: `names_personalisation`)."""
    return _says(_PERSONALISED_ITEM, text)


# Adding something to an order, or taking it off (« je peux rajouter un papier cadeau », « et
# lemballage cadeau je peux lenlever ? »); the elided forms typed without apostrophe too. Not
# « mettre » (« on peut mettre combien de caractères sur la carte ? ») nor « retirer » (a parcel
# is « retiré » at a relay point).
_ADDS = re.compile(
    r"\b[lj]?(ajout\w*|rajout\w*)\b|\boublie\w*\b|"
    r"\b(il (faudrait|faut)|j aimerais|je voudrais|je veux)\b.{0,40}\bdessus\b"  # « il faudrait un
)  # papier cadeau dessus »
_TAKES_OFF = re.compile(r"\b[lj]?(enlev\w*|supprim\w*)\b|\bplus besoin\b")


def adds_or_takes_off(text: str) -> bool | None:
    """True when the message speaks of adding something to an order, False of taking it off,
    None of neither (or both)."""
    adds, takes_off = _says(_ADDS, text), _says(_TAKES_OFF, text)
    return None if adds == takes_off else adds
