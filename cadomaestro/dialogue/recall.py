"""A follow-up answered from the assistant's last reply: « et c surtaxé ? » right after the
customer-service contacts, « c quoi le numero pour la reclamation ? » right after the checks of a
parcel marked delivered but not received.

The classifier may not know what such a fragment is about, but the reply it follows does: the
sentence of that reply which shares the most with the fragment answers it, the shared words
weighed by how rare they are. A word is rare when few of the FAQ's answers use it (« commande »,
« livraison » are everywhere) and few topics' customer examples do (« comment », « combien »,
« temps » are in every kind of question). The same reading picks, in a close topic's answer, the
sentence with a rare word of a question not understood (« et en corse ? »).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from cadomaestro.dialogue.signals import asks, fold, refers_back
from cadomaestro.nlu.normalize import split_elision

MIN_WORD_LENGTH = 4
# Shorter words that name something all the same (« et pour tnt c quel site ? »).
SHORT_NAMES = frozenset({"tnt", "sms", "tva", "ttc", "cgv"})
# The carriers' names, which single out their line in a list of carriers.
_NAMES = frozenset({"tnt", "coliss"})  # (stems)
STEM_LENGTH = 6  # « reclamation » and « reclamer », « remboursement » and « rembourser »
# A word of more than this many FAQ answers says too little to pick sentences out alone.
MAX_ANSWERS_WITH_WORD = 3
MAX_TOPICS_ASKING_WITH_WORD = 6  # of the 60 topics' customer examples
# A topic's customers ask with a word when at least this share of its examples has it: the
# count does not grow with the number of examples (a long example told with « photo » in a
# gift card's question does not make « photo » a word of every kind of question).
MIN_SHARE_ASKING = 0.03
MAX_SENTENCES = 2
# A word of more than this many answers (« commande », « client », « livraison ») counts for
# nothing at all.
MAX_ANSWERS_WITH_COMMON_WORD = 12
# A sentence answers a follow-up when the words they share weigh this much: a rare word (2), or
# two common ones (1 each); one common word is enough when the customer pointed back at what was
# said (« je la recois comment » and « vous recevez … dans votre boîte mail » share only
# « recevoir »).
RARE, COMMON, ENOUGH = 2, 1, 2
# Words about the conversation itself, whatever its subject (« j'ai une question sur… »), and
# words of every kind of question.
_ABOUT_ASKING = frozenset(
    "question reponse renseignement information besoin aide comment combien pourquoi quand "
    "quel quelle quels quelles faire fait peut peux pouvez pourrais veux voudrais voudrait "
    "sais savoir avoir etre est-ce cela merci bonjour alors aussi encore deja vraiment "
    "juste quoi "
    # Days said relative to today: an estimate's « demain, mardi 8 » does not answer « je bosse
    # demain si je suis pas la ca se passe comment ? ».
    "demain aujourd hui".split()
)
# Forms of the irregular verbs customers ask with, and the days of the week, as one word.
_FORMS = {
    form: infinitive
    for infinitive, forms in (
        ("recevoir", "recois recoit recoivent recevez recevons recevrai recevrez recevra "
                     "recevront recu recue recus recues arrive arrivera arriver arrivent"),
        ("envoyer", "envoie envoies envoient enverrai enverras enverra enverrons enverrez "
                    "enverront"),
        ("renvoyer", "renvoie renvoies renvoient renverrai renverras renverra renverrons "
                     "renverrez renverront"),
        ("revenir", "reviens revient reviennent revenez revenu revenue revenus reviendra "
                    "reviendront"),
        # What the answers say, in the customers' words: a return label « téléchargé » is
        # printed, a delivery note « supprimé » is taken off.
        ("telecharger", "imprimer imprime imprimes imprimez imprimante"),
        ("supprimer", "enlever enleve enleves enlevez oter"),
        # Points « périmés » expire: « ils perime ? » is about a « date d’expiration », or
        # points « valables jusqu’au … ».
        ("expirer", "expire expirent expireront expiration expires expiree expirees perime "
                    "perimes perimee perimees perimer periment perimera perimeront valable "
                    "valables validite"),
        # An engraved or embroidered item is a personalised one: « meme un truc grave a son
        # nom ? » after the returns' « les produits personnalisables … ».
        ("personnaliser", "grave gravee graves gravees graver gravure brode brodee brodes "
                          "brodees broder"),
        # Coming again is the answers' « relivraison »: « je peux lui dire de repasser ? ».
        ("relivrer", "repasser repasse repassera repassent relivraison"),
        # A day is answered by the sentence saying which days: « et le samedi ? » by « du lundi
        # au vendredi ».
        ("lundi", "mardi mercredi jeudi vendredi samedi dimanche weekend"),
    )
    for form in forms.split()
}  # fmt: skip
# Going to fetch a parcel is collecting it: « et si j y vais pas a temps ? » is about the
# « 3 jours pour retirer le colis ».
_COLLECTING = re.compile(r"\b(j ?y|y) (vais|va|aller|allez|passe|passer)\b|\b(aller )?chercher\b")
# Coming back to the customer is contacting them again: « vous revenez vers moi qd ? » is about
# « nous vous recontacterons sous 24 h ».
_CONTACTING_AGAIN = re.compile(
    r"\b(revenez|reviendrez|reviendrons|revenir|reviens|revient) vers (moi|vous|nous)\b|"
    r"\bvous (me |m )?(repondez|repondrez|rappelez|rappellerez)\b|\b(me|m) (rappelez|rappellerez|"
    r"rappeler|repondez|repondrez|contactez|contacterez)\b"
)
# Sending an e-mail is writing to the shop: « et par mail cest possible ? » is about « nous
# écrire … via notre formulaire de contact ».
_WRITING = re.compile(r"\bpar (e ?-?)?mails?\b|\bpar (courriel|mel|ecrit)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«(])|\n+")


# Endings of verbs, participles and plurals, taken off a long word before it is cut.
_ENDING = re.compile(r"(antes?|ants?|ees?|ers?|ez|ent|es|e|s)$")


def _stem(word: str) -> str:
    """The word without its ending, cut to its first STEM_LENGTH letters; irregular verbs'
    forms as their infinitive: « surtaxée » and « surtaxés », « montrer » and « montrant »,
    « recois » and « recevez » match."""
    word = _FORMS.get(word, word)
    bare = _ENDING.sub("", word)
    return (bare if len(bare) >= MIN_WORD_LENGTH else word)[:STEM_LENGTH]


def _stems(text: str) -> set[str]:
    folded = _COLLECTING.sub(" retirer ", fold(text).replace("'", " "))
    folded = _CONTACTING_AGAIN.sub(" recontacter ", folded)
    folded = _WRITING.sub(" ecrire ", folded)
    words = re.findall(r"[a-z0-9]+", folded)
    return {
        _stem(w)
        for w in words
        if (len(w) >= MIN_WORD_LENGTH or w in SHORT_NAMES) and w not in _ABOUT_ASKING
    }


def sentences(text: str) -> list[str]:
    """The sentences (and list items) of a reply."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


# What follows a question to show what may be asked (« Que souhaitez-vous savoir ou faire pour
# cette commande ? Par exemple : où en est mon colis, modifier ou annuler… ») answers nothing.
_EXAMPLES = "Par exemple"
_FEES = _stem("frais")  # what the answers say of costs: « frais de renvoi », « sans frais »
_FREE = _stem("gratuit")  # « venez la retirer gratuitement »
# Words said beside an item's name that add nothing to it (« ah non pardon la bougie »).
_ASIDE = frozenset(_stem(w) for w in "pardon plutot alors desole finalement oups".split())


def list_item_named(follow_up: str, reply: str) -> str | None:
    """The one list item (« - Plaque gravée : … ») of `reply` whose name (before « : ») the
    follow-up names and nothing else (« la plaque », « ah non pardon la bougie »; not « la
    plaque est abîmée »), without its dash; None when none or several are."""
    words = _stems(follow_up) - _ASIDE
    lines = (line.strip() for line in reply.splitlines())
    items = [line[2:].strip() for line in lines if line.startswith("- ")]
    named = [item for item in items if words and words <= _stems(item.split(" : ")[0])]
    return named[0] if len(named) == 1 else None


# What is said missing: the word after « manque » (and its article), or before it. « il manque
# le puzzle », « le puzzle manque »; not « il manque une aiguille a l horloge ».
_SAID_MISSING = (
    re.compile(r"\bmanqu(?:e|ent|ait|aient) (?:(?:le|la|l|les|mon|ma|mes|un|une|des|du|d) )?"
               r"([a-z0-9]+)"),
    re.compile(r"\b([a-z0-9]+) (?:manqu(?:e|ent|ant|ante|ait)|est manquant|n est pas la|absent)\b"),
)  # fmt: skip


def names_a_whole_item(text: str, names: Iterable[str]) -> bool:
    """Whether `text` says one of the items (`names`, an order's) is missing, by the first word
    of its name: « il manque le puzzle » for « Puzzle 3D en bois », not « il manque une aiguille
    a l horloge » (a part of the clock)."""
    plain = fold(text).replace("'", " ")
    said = {match[1] for pattern in _SAID_MISSING for match in pattern.finditer(plain)}
    heads = {_stem(fold(name).replace("-", " ").split()[0]) for name in names if name.split()}
    return any(_stem(word) in heads for word in said)


# The customer found nothing where the last reply said to look (« rien dans les spams », « ya
# rien dans mes commandes non plus »).
_FOUND_NOTHING = re.compile(
    r"\b(rien|pas trouve|trouve rien)( du tout)? (dans|sur|la dedans|non plus|nulle part)\b|"
    r"\b(vide|nada|que dalle)\b|\b(y est|y sont|apparait|trouve) (toujours )?pas\b"
)
# « Rien dans les indesirables. Dans mon espace par contre il y a bien une ligne »: found.
_FOUND_SOMETHING = re.compile(r"\b(y a bien|ya bien|par contre|mais)\b")
# The words of saying nothing was found, which name no place.
_NOTHING_WORDS = frozenset(
    _stem(w) for w in "rien dans plus tout vide nulle part dedans trouve apparait elle".split()
)
# A reply's sentence for the case where nothing was found: « Sinon, … », « Si elle n’apparaît
# pas, … », « Ils ne s’y trouvent pas, … ».
_NOTHING_CASE = re.compile(
    r"\bsinon\b|\bn (apparai\w*|y (est|sont|figure|figurent)|(s y )?trouve\w*|figure\w*) pas\b|"
    r"\bsans resultat\b"
)


def next_step(statement: str, last_reply: str) -> list[str]:
    """For a statement that nothing was found where `last_reply` said to look, the reply's
    sentence for that case, after the sentence that says where (and up to two after it):
    « rien dans les spams » gets « Sinon, allez dans … « Mes commandes » … »; then « ya rien
    dans mes commandes non plus » gets « Si elle n’apparaît pas, elle n’a pas été confirmée
    … ». None for a question, or when the reply has no such case."""
    plain = fold(statement).replace("'", " ")
    if asks(statement) or not _FOUND_NOTHING.search(plain) or _FOUND_SOMETHING.search(plain):
        return []
    words = _stems(statement) - _NOTHING_WORDS
    said = [s for s in sentences(last_reply) if not s.endswith("?")]
    cases = [i for i, s in enumerate(said) if _NOTHING_CASE.search(fold(s).replace("'", " "))]
    # The last place named that has such a case after it (« rien dans les spams et rien dans
    # mes commandes non plus »: the account's case).
    for where in reversed([i for i, s in enumerate(said) if words & _stems(s)]):
        case = next((i for i in cases if i > where), None)
        if case is not None:
            found = said[case : case + 3]
            # « Sinon, allez dans … » said alone: « Allez dans … ».
            first = re.sub(r"^Sinon,\s*", "", found[0])
            return [first[:1].upper() + first[1:], *found[1:]]
    return []


def _with_the_next(said: list[str], best: int, reply: str) -> list[str]:
    """`said[best]`, and the sentence after it (which often completes it: « …tant qu’il n’est
    pas revenu dans nos locaux. À sa réception, notre service client vous proposera… ») only if
    it came right after it in `reply`: not the rest of a prompt after its question (« Quelle
    est la référence… ? Elle compte 9 lettres… »)."""
    told = sentences(reply)
    found = said[best : best + MAX_SENTENCES]
    where = told.index(found[0])
    return [s for i, s in enumerate(found) if told[where + i : where + i + 1] == [s]]


class Recall:
    def __init__(self, topics: Iterable[tuple[str, Iterable[str]]]) -> None:
        """`topics`: each FAQ topic's answer and customer examples."""
        self.in_answers: Counter[str] = Counter()
        self.in_questions: Counter[str] = Counter()
        for answer, examples in topics:
            self.in_answers.update(_stems(answer))
            asked = Counter(w for e in examples for w in _stems(e))
            least = MIN_SHARE_ASKING * len(examples)
            self.in_questions.update(w for w, n in asked.items() if n >= least)

    def weight(self, stem: str) -> int:
        """RARE for a word few answers and few topics' questions use, COMMON for one of a few
        more answers, 0 for a word of most answers."""
        if self.in_answers[stem] > MAX_ANSWERS_WITH_COMMON_WORD:
            return 0
        rare = (
            self.in_answers[stem] <= MAX_ANSWERS_WITH_WORD
            and self.in_questions[stem] <= MAX_TOPICS_ASKING_WITH_WORD
        )
        return RARE if rare else COMMON

    def rare_words(self, text: str) -> set[str]:
        return {w for w in self._stems(text) if self.weight(w) == RARE}

    def _answers_say(self, word: str) -> bool:
        return bool(self.in_answers[_stem(word)])

    def _stems(self, follow_up: str) -> set[str]:
        """A follow-up's stems, an elision typed without its apostrophe read as its rest when
        the answers say the rest and not the whole (« je lenvoie ou la photo »: the « envoyez »
        of « Envoyez une photo… »), as the classifier reads it (cadomaestro/nlu/normalize.py)."""

        def unelided(word: str) -> str:
            parts = split_elision(
                word, lambda whole, rest: self._answers_say(rest) and not self._answers_say(whole)
            )
            return parts[1] if parts else word

        words = re.findall(r"[a-z0-9]+", fold(follow_up))  # « lenvoie? » as « lenvoie »
        return _stems(" ".join(unelided(word) for word in words))

    def answer(
        self,
        follow_up: str,
        last_reply: str,
        strict: bool = False,
        rare: bool = False,
        lenient: bool = False,
    ) -> list[str]:
        """For a question, the sentence of `last_reply` that shares the most with `follow_up`
        (ENOUGH at least), and the one after it, which often completes it (« …tant qu’il n’est
        pas revenu dans nos locaux. À sa réception, notre service client vous proposera… »);
        none when no sentence shares enough. Questions of the reply are left out: their offer
        is no longer open. `strict`: ENOUGH even when the customer pointed back; `rare`: only a
        sentence with a rare word of the follow-up."""
        # A statement that echoes the reply (« j ai deja demande aux voisins ») is no question
        # about it, and repeating the sentence would not help.
        if not asks(follow_up):
            return []
        said, scores = self._scores(follow_up, last_reply, rare)
        enough = COMMON if (refers_back(follow_up) and not strict) or lenient else ENOUGH
        if not scores or max(scores) < enough:
            return []
        # A tie goes to the sentence sharing a name: « et pour tnt c quel site ? » is TNT's
        # line, not the line before it about « le site du transporteur ».
        names = _stems(follow_up) & _NAMES
        best = max(range(len(said)), key=lambda i: (scores[i], len(names & _stems(said[i]))))
        found = _with_the_next(said, best, last_reply)
        if names & _stems(said[best]):
            # « et colissimo ? »: its line, not the next one about another carrier.
            found = found[:1] + [s for s in found[1:] if not (_stems(s) & _NAMES) - names]
        return found

    def fees(self, follow_up: str, last_reply: str) -> list[str]:
        """For a question on whether something costs (`signals.asks_cost`), the sentence of
        `last_reply` on its fees (« Les frais de renvoi sont à votre charge… » for « cest gratos
        ? »), the one sharing most with the question when several do, and the one after it; or,
        when another sentence says it is free, that one (« …vous évite les frais de livraison. »
        then « …venez la retirer gratuitement… »). None when the reply says nothing of fees."""
        said, scores = self._scores(follow_up, last_reply)
        on_fees = [(score, -i) for i, (s, score) in enumerate(zip(said, scores, strict=True))
                   if _FEES in _stems(s)]  # fmt: skip
        if not on_fees:
            return []
        best = -max(on_fees)[1]
        free = [s for s in said[best + 1 :] if _FREE in _stems(s)]
        return [said[best], free[0]] if free else _with_the_next(said, best, last_reply)

    def says_more(self, follow_up: str, last_reply: str, answer: str) -> bool:
        """Whether `last_reply` has a sentence sharing more with `follow_up` (ENOUGH at least)
        than any of `answer`'s: « je recois le code comment » after the PickUp Station's code
        « reçu par SMS » is about that code, not about using a promo code. A tie goes to the
        topic: « combien j'ai de points ? » after the programme's answer asks the balance."""
        if not asks(follow_up):
            return False
        best = max(self._scores(follow_up, last_reply)[1], default=0)
        return best >= ENOUGH and best > max(self._scores(follow_up, answer)[1], default=0)

    def _scores(self, follow_up: str, text: str, rare: bool = False) -> tuple[list[str], list[int]]:
        """The sentences of `text` that are no question, and the weight of the words each
        shares with `follow_up` (only its rare words if `rare`)."""
        words = self.rare_words(follow_up) if rare else self._stems(follow_up)
        said = [s for s in sentences(text) if not s.endswith("?") and not s.startswith(_EXAMPLES)]
        return said, [sum(self.weight(w) for w in words & _stems(s)) for s in said]
