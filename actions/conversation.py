"""The dialogue: what the assistant answers to a message, given what the conversation holds.

One message, one call to `Conversation.respond`, which reads the message's understanding (the
NLU's intent and topic, the identifiers it carries, signals such as anger or a free yes) in the
context of the conversation's `State` (a problem waiting for its order, the order verified, an
offer waiting for a yes or a no, failed proofs…), calls the order backend when it must, and
returns the messages to send. The state lives in the conversation's slots (actions/respond.py),
so it survives a restart of the action server.

What the conversation remembers, and why (issue "the assistant keeps the thread"):
- the customer's problem and their own words, from the first message to the answer, whatever
  comes between (the reference, the proof, a question);
- the order once verified: questions about "it" are answered from it;
- the reference while the proof is corrected;
- the failed proofs: after three, no order is verified any more in this conversation;
- the last prompt: the same prompt is never sent three times in a row (the contacts instead).

A customer logged in on the shop's site (their e-mail in the message's metadata, verified by the
channel) is never asked for a proof: their e-mail is the proof of every order, so the order is
chosen among their recent orders (buttons) or given by its reference, and their points are
answered from their account. Another customer's order is not found, as with a wrong proof.

The rules (statuses, deadlines) are applied by cadomaestro.replies; the texts are the domain's
responses or the replies' sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Protocol

from actions.orders_client import (
    BackendUnavailable,
    CustomerNotFound,
    OrderNotFound,
    TooManyAttempts,
)
from cadomaestro.dialogue import signals, slots
from cadomaestro.dialogue.recall import (
    Recall,
    list_item_named,
    names_a_whole_item,
    next_step,
    sentences,
)
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.proofs import proof_in, without_identifiers
from cadomaestro.replies.account import NO_ORDERS, choose_order, not_in_account, order_buttons
from cadomaestro.replies.aftersales import WHERE_TO_SEND_THE_PHOTO, calls_back
from cadomaestro.replies.changes import (
    EMAIL_NEEDED,
    NO_EMAIL,
    NO_EMAIL_YET,
    NOTED,
    TRACKING_NUMBER_GIVEN,
    WHY_THE_EMAIL,
    WHY_THE_PROOF,
    details_reminder,
    email_confirmed,
    email_still_needed,
    gift_wrap_of,
    nothing_sent,
)
from cadomaestro.replies.estimates import (
    ESTIMATE_TOPICS,
    PRICES_TOPIC,
    TNT_NEXT_DAY_RULE,
    delivery_estimates,
    methods_to,
    prices_in,
)
from cadomaestro.replies.loyalty import loyalty_balance, maestros_for
from cadomaestro.replies.order import CustomerAccount, Loyalty, Order
from cadomaestro.replies.parcel import (
    AFTER_THE_INVESTIGATION,
    INVESTIGATION_IF_NO_NEWS,
    LATE_TOPIC,
    PARCEL_FOUND,
    carrier_phones,
    gave_carrier_phone,
)
from cadomaestro.replies.places import IN_COUNTRY, in_country
from cadomaestro.replies.reply import (
    WHAT_IS_UNCLEAR,
    FollowUp,
    Reply,
    faq_answer,
    faq_paragraph,
    starts_with_status,
)
from cadomaestro.replies.requests import (
    AFTER_THE_REQUEST,
    CUSTOMER_SERVICE_DOES_IT,
    INVESTIGATION_LATER,
    INVESTIGATION_TIME,
    PROFESSIONAL_CONTACTS,
    REFUND_WITH_THEM,
    SAY_YES,
    WE_CAN_TELL_THEM,
    WHAT_IT_IS,
    WHERE_WE_ARE,
    request_confirmation,
    when_answered,
)
from cadomaestro.replies.returns import how_to_return, item_line, return_cost
from cadomaestro.replies.topics import (
    AFTER_SALES_TOPICS,
    CHANGE_PAYMENT_TOPIC,
    DEFECT_TOPIC,
    GIFT_WRAP_TOPIC,
    HANDOVER_BUTTON,
    INCOMPLETE_ITEM_TOPIC,
    LOST_TOPIC,
    LOYALTY_TOPICS,
    MISSING_ITEM_TOPIC,
    MODIFY_TOPIC,
    NOT_RECEIVED_TOPIC,
    PARCEL_TOPICS,
    PERSONALISATION_TOPIC,
    POINTS_TOPIC,
    RECEPTION_TOPIC,
    RETURNED_TOPIC,
    RETURNS_TOPIC,
    STATUS_TOPIC,
    answer_about_order,
    change_kind,
    needs_order,
)
from cadomaestro.rules.calendar import PARIS, paris_time
from cadomaestro.rules.carriers import (
    CUSTOMER_SERVICE_PHONE,
    HOW_TO_RECEIVE,
    LA_POSTE,
    PICKUP_CODE,
    TNT,
    carriers_named,
)
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import STILL_TO_RECEIVE, OrderStatus
from cadomaestro.rules.requests import CHANGE_KINDS, RequestKind, request_kind_for
from cadomaestro.rules.returns import RETURN_WINDOW_DAYS

MAX_FAILED_PROOFS = 3
# How many of a logged-in customer's orders are offered as buttons (the most recent).
RECENT_ORDERS = 5
# A prompt sent this many times in a row gives way to customer service's contacts.
MAX_SAME_PROMPT = 2
# « jai pas le num de commande » says only that; a longer message may ask something besides.
NO_REFERENCE_MAX_WORDS = 8
# « c'est livré au 69003 », « mon mail c'est … »: a proof in a few words, nothing more.
PROOF_WORDS_MAX = 3
# The weight of an order problem's topics that makes it the likely problem of a message the
# classifier is unsure of (« la bougie est fendue, jai pas de numero de commande »: 0.48 for a
# damaged item, 0.31 for all the FAQ's topics together).
LIKELY_PROBLEM = 0.4
OFFER_AGAIN = "offre"  # a yes/no offer asked again after a message that answered neither
LATER = "à envoyer"  # the photo's value when the customer will send it later
CLARIFY_MIN_SCORE = 0.05  # a topic offered as a clarification button must be at least this likely
CLARIFY_TOPICS = 3
# The question of a message that also carries identifiers (which the NLU reads as "giving order
# details"): its topic is taken when it has this share of the topics' likelihood.
TOPIC_BESIDE_IDENTIFIERS = 0.4
# A request whose first message already says this much is confirmed, not asked again.
DETAILED_WORDS = 6
# How likely a follow-up question's topic, in the category just answered, must be.
FOLLOW_UP_MIN_SCORE = 0.02
FOLLOW_UP_MAX_WORDS = 14
# « ET CA ARRIVE QUAND ALORS » once an order is verified: that order, whatever the topic read.
WHEN_IT_ARRIVES_MAX_WORDS = 8
PLACE_FOLLOW_UP_MAX_WORDS = 6  # « et en belgique alors ? » names a place and little else
ESTIMATES_FOLLOW_UP_MAX_WORDS = 8  # « et en tnt ca arrive qd du coup »
ITEM_NAMED_MAX_WORDS = 5  # « ah non pardon la bougie »: one item of the order's returns named
ITEM_DESCRIBED_MAX_WORDS = 12  # « c'est un mug avec mon prénom dessus » after the returns
CARRIER_FOLLOW_UP_MAX_WORDS = 5  # « Et pour la Poste ? » after a carrier's phone
HOW_WITH_ITEM_MAX_WORDS = 14  # « trop bien. et le puzzle aussi tant qua faire, jfais comment ? »
SHORT_QUESTION_WORDS = 6  # a question read as out of scope that may still be about the last reply
COUNTRIES_TOPIC = "faq/pays_livraison"  # a country named in a message not understood
CONTACTS_TOPIC = "faq/contacter_service_client"
WAREHOUSE_HOURS_TOPIC = "faq/horaires_entrepot"
PHONE_ORDER_TOPIC = "faq/commande_telephone"
ENGLISH_ANSWER = "utter_anglais"  # one English sentence: it answers in French, and the contacts
CONFIRMATION_MAIL_TOPIC = "faq/mail_confirmation"
# Topics a request for a person is read as when it asks how to reach us, which its contacts
# answer (« je veux un humain, vous etes ouverts quand ? », « je peux avoir quelqu'un au
# telephone pour passer ma commande ? »).
REACHING_US = frozenset({CONTACTS_TOPIC, WAREHOUSE_HOURS_TOPIC, PHONE_ORDER_TOPIC})
# The hour an order is taken to be placed on a day said without one (« si je commande un
# samedi »): the middle of the morning, well before the 16h cut-off.
DEFAULT_ORDER_HOUR = (11, 0)
# How sure the topic of a message that also asks for a person must be to be answered too.
QUESTION_BESIDE_A_PERSON = 0.6
DELIVERY_TIMES_TOPIC = "faq/delais_frais_livraison"
DISCOUNT_FAQ = frozenset({"faq/utiliser_code_promo", "faq/bons_reduction"})
ADDRESSES_TOPIC = "faq/gerer_adresses"  # the account's address book
DELIVERY_INSTRUCTIONS_TOPIC = "modifier_commande/precisions_livraison"  # « laissez-le au gardien »
# Topics a faulty item's description may read as (its personalisation, its return, its reception).
FAULT_TOPICS = frozenset({PERSONALISATION_TOPIC, RETURNS_TOPIC, "colis_perdu/livre_non_recu"})
INVOICE_TOPIC = "faq/facture"
RETURN_OPTION_TOPIC = "faq/option_retour_1_euro"
LOYALTY_PLACE_TOPIC = "points_fidelite/points_fidelite"  # where the points show, how to use them
# utter_sans_reference's words: the last reply said where the reference is.
_WHERE_THE_REFERENCE_IS = re.compile(r"La référence de votre commande \(9 lettres")
NOT_FOUND = "utter_commande_introuvable"  # no order with this reference and this proof
# A short follow-up whose rare words are in the last reply is answered from it rather than by a
# topic less likely than this (« et une fois qu'il est revenu ? » after a parcel going back).
RECALL_BEFORE_TOPIC = 0.8
# FAQ topics that, about the customer's own order, are answered from it: by its status and
# tracking, or (the « retour à 1 € » option) by what the order allows to return.
ORDER_RELATIVE_FAQ = {
    "faq/numero_suivi": STATUS_TOPIC, "faq/delai_expedition": STATUS_TOPIC,
    "faq/delais_frais_livraison": STATUS_TOPIC, CONFIRMATION_MAIL_TOPIC: STATUS_TOPIC,
    RETURN_OPTION_TOPIC: RETURNS_TOPIC, "faq/modes_livraison": STATUS_TOPIC,
}  # fmt: skip
# FAQ topics on where or how an order is delivered that, once an order is verified, ask to change
# that order's delivery (« vous pouvez pas le renvoyer direct chez moi ? »): answered by what can
# still be changed. Before, « je peux venir chercher ma commande chez vous ? » asks how it works.
DELIVERY_CHANGE_FAQ = frozenset({"faq/livrer_un_proche", "faq/demander_retrait_entrepot"})
# FAQ topics on the shop's delivery methods that, once an order is verified, ask to change that
# order's when the customer says so (« jpeux changer de point relais ? »).
DELIVERY_METHODS_TOPIC = "faq/modes_livraison"
DELIVERY_METHOD_FAQ = frozenset({DELIVERY_METHODS_TOPIC, "faq/delais_frais_livraison"})
# The topics a place named after the delivery times may be read as: the estimates there answer
# (not the countries served: « vous livrez en belgique ? » asks those).
PLACE_FOLLOW_UP_TOPICS = ESTIMATE_TOPICS | DELIVERY_METHOD_FAQ
# What a change of the order is said with (« modifier », « annulez », « rajouter », « plus
# besoin »).
_CHANGE_WORDS = re.compile(
    r"\b(modif\w*|annul\w*|chang\w*|ajout\w*|rajout\w*|retir\w*|enlev\w*|supprim\w*|"
    r"remplac\w*|corrig\w*|erreur|tromp\w*|plus besoin|adresse|rectifi\w*)"
)
ABSENCE_TOPIC = "faq/absence_livraison"
# FAQ topics about receiving a parcel that, once an order is verified, are about how that order
# will reach the customer (« faut une piece d identite pour la recuperer la bas ? »).
RECEPTION_FAQ = frozenset({"faq/recuperer_commande_entrepot", WAREHOUSE_HOURS_TOPIC, ABSENCE_TOPIC})
# The FAQ's answers on collecting an order at the warehouse.
WAREHOUSE_FAQ = frozenset(
    {"faq/demander_retrait_entrepot", "faq/recuperer_commande_entrepot", WAREHOUSE_HOURS_TOPIC}
)
# FAQ topics on gift wrap and message cards that, once an order is verified, ask to add them to
# that order or take them off (« et lemballage cadeau je peux lenlever au moins ? »).
GIFT_WRAP_FAQ = frozenset({"faq/emballages_cadeaux", "faq/message_commande"})
INSULT_ONLY = frozenset({"out_of_scope", "greet", "goodbye", "thanks", "bot_challenge"})
# A payment question about a verified order is about changing its payment method.
PAYMENT_FAQ = frozenset({"faq/modes_paiement", "faq/paiement_refuse"})
LOYALTY_CATEGORY_TOPICS = frozenset({POINTS_TOPIC, "points_fidelite/programme_fidelite"})
# FAQ answers that send an e-mail: « rien reçu » right after one is about that e-mail.
MAIL_SENDING_FAQ = frozenset({"faq/mot_de_passe_oublie", CONFIRMATION_MAIL_TOPIC})
# FAQ topics whose answer, once an order is verified or spoken of, is that order's.
ORDER_SENSITIVE_FAQ = (
    frozenset(ORDER_RELATIVE_FAQ) | DELIVERY_CHANGE_FAQ | DELIVERY_METHOD_FAQ | RECEPTION_FAQ
    | GIFT_WRAP_FAQ | PAYMENT_FAQ
)  # fmt: skip


class Awaiting(Enum):
    """What the assistant's last message asked for."""

    NOTHING = ""
    REFERENCE = slots.AWAITING_REFERENCE
    PROOF = "preuve"
    EMAIL = "email"  # a change to the order needs the order's e-mail, not only its postcode
    DETAILS = "details"
    PHOTO = "photo"
    CONFIRMATION = "confirmation"  # a yes/no offer to pass a request on
    ORDER_OFFER = slots.AWAITING_ORDER_OFFER  # after a general answer: "shall I check your order?"


@dataclass
class State:
    """The conversation as the dialogue needs it (one slot each, see actions/respond.py)."""

    problem: str | None = None  # the topic waiting for an order
    problem_text: str | None = None  # the customer's words about it
    reference: str | None = None  # the reference given (verified when == verified)
    proof: str | None = None  # the proof given: e-mail (lower case) or postcode
    verified: str | None = None  # the reference whose proof succeeded…
    verified_proof: str | None = None  # …with this proof (the e-mail once a change asked it)
    failures: int = 0
    awaiting: Awaiting = Awaiting.NOTHING
    request_kind: str | None = None
    request_follow_up: str | None = None  # FollowUp.DETAILS or FollowUp.CONFIRMATION
    request_question: str | None = None
    photo_instruction: str | None = None
    details: str | None = None
    last_prompt: str | None = None
    repeats: int = 0
    misses: int = 0  # messages not understood in a row
    last_topic: str | None = None  # the last topic answered, for follow-up questions
    country: str | None = None  # the last country named (« et ca met cmb de temps a arriver »)

    @property
    def locked(self) -> bool:
        return self.failures >= MAX_FAILED_PROOFS

    @property
    def investigation(self) -> bool:
        """The request pending is an investigation with the carrier."""
        return self.request_kind == RequestKind.ENQUETE_TRANSPORTEUR.value

    def clear_request(self) -> None:
        self.request_kind = self.request_follow_up = self.request_question = None
        self.photo_instruction = self.details = None
        if self.awaiting in (Awaiting.DETAILS, Awaiting.PHOTO, Awaiting.CONFIRMATION,
                             Awaiting.EMAIL):  # fmt: skip
            self.awaiting = Awaiting.NOTHING


@dataclass(frozen=True)
class Understanding:
    """One message as the NLU and the signals read it."""

    text: str
    intent: str | None
    topic: str | None  # `faq/pays_livraison`, for retrieval intents
    ranked_topics: tuple[tuple[str, float], ...] = ()
    # Another FAQ topic a second question of the message asks (« vous livrez en belgique ? et
    # la livraison coute combien ? »; cadomaestro/nlu/topic_classifier.py).
    second_topic: str | None = None
    reference: str | None = None
    other_reference: str | None = None  # a second order's, in the same message
    proof: str | None = None
    attachment: str | None = None
    country: str | None = None
    carrier: str | None = None
    client: str | None = None  # the channel's pseudonym of the customer's client
    conversation_id: str = ""
    last_reply: str = ""  # what the assistant said just before this message
    earlier_reply: str = ""  # what it said before the customer's previous message
    previous_text: str = ""  # the customer's message before this one
    earlier_proof: str | None = None  # the last e-mail or postcode given before this message
    # The e-mail of a customer logged in on the shop's site (verified by the channel), else None.
    customer_email: str | None = None

    @property
    def fallback(self) -> bool:
        return self.intent == "nlu_fallback"

    @property
    def retrieval(self) -> bool:
        return self.intent in RETRIEVAL_INTENTS and self.topic is not None


@dataclass
class Message:
    """One message to send: a domain response (with its template values) or a text."""

    response: str | None = None
    text: str | None = None
    buttons: list[dict[str, str]] | None = None
    values: dict[str, Any] = field(default_factory=dict)
    # What a repeat is counted by, for messages that are not domain prompts (an order's answer).
    key: str | None = None


class Orders(Protocol):
    """The order backend as the dialogue uses it (actions/orders_client.py)."""

    async def find_order(self, reference: str, proof: str, client: str | None = None) -> Order: ...

    async def loyalty(self, reference: str, proof: str, client: str | None = None) -> Loyalty: ...

    async def customer_account(
        self, email: str, *, limit: int, client: str | None = None
    ) -> CustomerAccount: ...

    async def create_request(
        self, reference: str, proof: str, *, kind: str, conversation_id: str, details: str,
        attachments: list[str], client: str | None = None,
    ) -> dict[str, Any]: ...  # fmt: skip


@dataclass(frozen=True)
class Topic:
    """A topic of the corpus as the clarification shows it."""

    title: str
    question: str
    category: str


class Conversation:
    def __init__(
        self,
        orders: Orders,
        now: Callable[[], datetime],
        topics: dict[str, Topic],
        recall: Recall | None = None,
    ) -> None:
        self.orders = orders
        self.now = now
        self.topics = topics
        self.recall = recall

    async def respond(self, state: State, u: Understanding) -> list[Message]:
        out: list[Message] = []
        u = _reread(state, u)
        if not (state.country and signals.compares_with_mainland(u.text)):
            # « les prix cest les memes que pr la metropole ? » after Martinique: still Martinique.
            state.country = u.country or state.country
        if state.verified and u.reference in (None, state.verified) and u.proof and \
                "@" not in u.proof:  # fmt: skip
            u = replace(u, proof=None)  # a new address's postcode, not a proof: already verified
        self._forget_orders_of_others(state, u)
        if state.last_prompt == ENGLISH_ANSWER:
            # The answer in English (« Sorry, I can only answer in French… ») is nothing a
            # follow-up in French (« sorry... vous livrez en Angleterre ? ») is about.
            u = replace(u, last_reply="")
        if signals.is_english(u.text):
            if u.reference and not state.verified and not state.locked:
                # « Hi, where is my order KQZPTRBWE? »: kept for the French that follows (its
                # proof asked then, nothing said of it now).
                state.reference = u.reference
            state.last_prompt, state.repeats = ENGLISH_ANSWER, 0  # (read above, next time)
            return [Message(response=ENGLISH_ANSWER)]
        insult = signals.is_insult(u.text)
        if insult:
            out.append(Message(response="utter_insulte"))
            # Nothing else to answer, unless it is about their order (« voleurs, jai payé et
            # tjr rien »); « vous etes des incompetents » may read as asking what it is.
            about_an_order = signals.is_personal(u.text) or bool(u.reference)
            out.append(Message(response="utter_parler_humain"))  # the way to a person, always
            state.last_topic = CONTACTS_TOPIC  # for « et c'est joignable jusqu'à quand ? »
            if (u.fallback and not about_an_order) or u.intent in INSULT_ONLY:
                return out
        greeting = signals.greeting_in(u.text)
        if u.intent == "greet" and not u.reference and not u.proof:
            return [*out, Message(response="utter_greet", values={"salutation": greeting
                                                                  or "Bonjour"})]  # fmt: skip
        if greeting:
            out.append(Message(text=signals.mirrored(greeting)))
        if signals.is_angry(u.text) and not insult:
            out.append(Message(response="utter_comprendre_agacement"))
        answer = await self._respond(state, u)
        if signals.asks_where_they_are(u.text):
            # « vous êtes où vous d'abord, encore une plateforme à l'autre bout du monde ? »:
            # where customer service is, with the rest of the message's answer (not a refusal).
            unread = {"utter_out_of_scope", "utter_clarify", "utter_clarify_reformuler"}
            answer = [m for m in answer if m.response not in unread]
            out.append(Message(text=WHERE_WE_ARE))
        out += answer
        self._count_prompt(state, out)
        return out

    # What the message means, in the conversation's context.
    async def _respond(self, state: State, u: Understanding) -> list[Message]:
        # « jvais appeler », « je voudrais parler a quelqu un svp pas a un robot »; « je vais les
        # appeler » after a carrier's phone is about the carrier
        gave_phone = gave_carrier_phone(u.last_reply)
        calls = signals.will_call(u.text, gave_phone)
        asks_a_person = calls or signals.wants_a_person(u.text)
        after = _question_after_the_first_sentence(u.text) if calls else None
        person = after and (signals.wants_a_person(after) or signals.will_call(after, gave_phone))
        # (« Je préfère appeler quelqu'un, vous avez un numéro ? Et c'est ouvert le samedi ? »
        # asks for the contacts before its question: their hours answer it.)
        first = signals.said(u.text)[0]
        if after and u.retrieval and u.intent != "parler_humain" and not person and \
                not signals.wants_a_person(first):  # fmt: skip
            # « ok jvais les appeler. et sinon le paiement en 3 fois ça existe ? »: they have the
            # contacts; the question is what they ask.
            asks_a_person = False
        offered = state.investigation and state.awaiting is Awaiting.CONFIRMATION
        if asks_a_person and offered and signals.asks_whom_to_call(u.text) and \
                carriers_named(u.last_reply):  # fmt: skip
            # « elle n'a rien vu passer. Qui dois-je appeler maintenant ? » while an
            # investigation with the carrier is offered: that carrier, and the offer (below).
            asks_a_person = False
        if u.intent == "parler_humain" or asks_a_person:
            words = signals.words_of(u.text)
            if state.awaiting is Awaiting.CONFIRMATION and words and \
                    words[0] in signals.PLAIN_YES and not state.photo_instruction:  # fmt: skip
                # « oui go. et jpeux avoir qqn au tel aussi ? »: the yes, then the contacts.
                recorded = await self._submit(state, u, extra=u.text)
                return recorded + [Message(response="utter_parler_humain")]
            state.clear_request()  # nothing pending is passed on behind the customer's back
            state.awaiting = Awaiting.NOTHING
            # « vous envoyez en Suisse ? Et est-ce que je peux avoir quelqu'un au tél ? »: the
            # question's answer first, then the contacts.
            out = self._second_answer(state, _with_question_beside_a_person(u), CONTACTS_TOPIC, [])
            out.append(Message(response="utter_parler_humain"))
            state.last_topic = CONTACTS_TOPIC  # for « et le samedi ? »
            if u.intent == "bot_challenge":  # « t un robot ou quoi ?? rappelez moi au 06… »
                out.insert(0, Message(response="utter_iamabot"))
            out += _at_lunchtime(u)
            if signals.is_professional(u.text):
                # « on voudrait commander 200 coffrets pour noel, je peux parler a un commercial
                # ? »: the professional line too.
                out.append(Message(text=PROFESSIONAL_CONTACTS))
            problem = (u.topic if u.retrieval else None) or _likely_problem(u)
            if not state.verified and problem and needs_order(problem) and \
                    signals.is_personal(u.text):  # fmt: skip
                # « jai recu un vase cassé … je veux parler a quelqu un »: the contacts, what to
                # prepare for them (the photo), and the problem kept for an order given later.
                self._remember_problem(state, u, problem)
                out.append(Message(response=f"utter_{problem}"))
            if u.reference and not u.proof and not state.verified and not state.locked:
                # « JE VEUX UN CONSEILLER AU TELEPHONE. commande LMPQRTSVX toujours pas livrée »:
                # the contacts, and the order kept, its proof asked (to answer it meanwhile).
                state.reference = u.reference
                if not state.problem:
                    self._remember_problem(state, u, STATUS_TOPIC)
                out += self._ask(state, Awaiting.PROOF, "utter_ask_preuve_commande")
            return out
        hours = _hours_sentence(u.last_reply) if state.last_topic == CONTACTS_TOPIC else None
        if hours and signals.asks_hours(u.text):
            # « vous etes la jusqu'a quelle heure ? » right after the contacts: theirs (not the
            # warehouse's, nor the order's), whatever else the message says; and the form, open
            # at any time (« fini 19h tte la sem. ouvert le we ? »).
            form = next((said for said in sentences(u.last_reply) if "formulaire" in said), None)
            return [Message(text=hours)] + ([Message(text=form)] if form else [])
        if signals.asks_shop_email(u.text) and state.awaiting not in ASKED and \
                not (u.reference or u.proof):  # fmt: skip
            # « Avez-vous une adresse électronique ? »: the contact form, by its subject.
            state.last_topic = CONTACTS_TOPIC
            return [Message(response=f"utter_{CONTACTS_TOPIC}")]
        ours = CUSTOMER_SERVICE_PHONE in u.last_reply and not carriers_named(u.last_reply)
        if signals.asks_when_to_reach_us(u.text, ours) and \
                state.awaiting is not Awaiting.CONFIRMATION:  # fmt: skip
            # « et du coup on peut vous joindre a quelle heure ? »: the contacts, with their hours
            # (the contact form's answer has none).
            state.last_topic = CONTACTS_TOPIC
            return [Message(response="utter_parler_humain"), *_at_lunchtime(u)]
        if u.intent == "arreter" and (
            u.text.rstrip().endswith("?") or (signals.asks(u.text) and not signals.declines(u.text))
        ):
            # « ah donc si c expedié c bon on peut encore changer ? », « ok et je fais la demande
            # ou »: a question, not a stop.
            u = replace(u, intent="nlu_fallback")
        another = state.awaiting is Awaiting.CONFIRMATION and _changes(state) and \
            signals.corrects_request(u.text)  # fmt: skip
        if u.intent == "arreter" and (
            signals.changes_mind(u.text) or signals.demands_investigation(u.text)
        ):
            # « ah non en fait si, annulez la finalement », « bon ils decrochent pas…
            # finalement ouvrez lenquete svp »
            u = replace(u, intent="affirm")
        # « c quoi leur numero » right after a carrier was named: that carrier's phone.
        carrier_phone = signals.asks_carrier_phone(u.text, bool(carriers_named(u.last_reply))) or (
            gave_phone and (signals.asks_call_cost(u.text) or signals.asks_what_it_costs(u.text))
        )  # « ça coute combien l'appel ? », « c'est payant ? » after a carrier's phone: that
        # phone, with its cost
        if (
            not carrier_phone
            and CUSTOMER_SERVICE_PHONE in u.last_reply
            and (signals.asks_call_cost(u.text) or signals.asks_what_it_costs(u.text))
        ):
            # « Et cela va me coûter cher ? » right after the shop's phone: the contacts, whose
            # number is said not to be premium-rate, with their hours.
            state.last_topic = CONTACTS_TOPIC
            return [Message(response="utter_parler_humain")]
        if u.intent == "arreter" and not carrier_phone and not another:
            # (« non laissez tomber l'enquete, c quoi le numero de tnt » is the phone's, and « ah
            # non en fait laissez tomber le virement, annulez la commande » another request, below.)
            dropped = self._drop(state, u.text)
            # « ok tant pis. il arrive qd du coup »: nothing pending any more, and the question
            # answered alone.
            asked = await self._asked_after_the_first_sentence(state, u)
            return dropped if asked is None else asked
        answered_before = _answered_topic(state.last_prompt)
        if signals.only_asks(u.text) and state.awaiting is Awaiting.NOTHING and \
                state.verified and answered_before and not state.locked:  # fmt: skip
            # « hein ? pk ? » right after an answer from the order: that answer again (the
            # second time, with the way to a person).
            return await self._answer_order(state, answered_before, u)
        if signals.only_asks(u.text) and state.awaiting is Awaiting.NOTHING and state.last_topic:
            # « ? » after an answer: what is unclear, or a person; not a refusal to answer.
            return [Message(text=WHAT_IS_UNCLEAR), Message(response="utter_parler_humain")]
        if state.locked and not (u.reference or u.proof or u.retrieval) and \
                (signals.asks_about_the_order(u.text) or signals.is_personal(u.text)):  # fmt: skip
            # « allez svp juste me dire si c parti, c pour ma femme » once locked: still locked.
            return self._locked(state)
        if state.locked and not (u.reference or u.proof) and signals.insists_on_proof(u.text) and \
                (not signals.asks(u.text) or signals.asks_to_check(u.text)):  # fmt: skip
            # « MAIS CEST LE BON CODE LA », « c la bonne adresse !! vous pouvez pas verifier ? »
            # once locked: still locked (not the promo codes' FAQ).
            return self._locked(state)
        again = _question_after_the_first_sentence(u.text)
        if again and signals.asks_again(again) and not _is_question(u.text[: -len(again)]):
            # « ah mince jai du rater le paiement. bon et une fois dans la station c'etait
            # combien de jours deja ? »: the question, on what the last reply said (not the
            # statement before it, which the classifier read).
            recalled = self._recalled(state, replace(u, text=again), strict=True, earlier=False)
            if recalled:
                return recalled
        if state.verified and not state.locked and signals.asks_if_gift_wrapped(u.text):
            # « et l'emballage cadeau il est bien dessus ? »: from the order (an offer pending
            # stays, asked again once).
            said = await self._gift_wrap(state, u)
            pending = state.awaiting is Awaiting.CONFIRMATION and state.last_prompt != OFFER_AGAIN
            return said + (self._offer_again(state) if pending else [])
        recorded = state.last_prompt == REQUEST_RECORDED
        if signals.asks_how_long_it_takes(u.text) and "enquête" in u.last_reply and \
                (state.investigation or recorded) and self._yes_no(u) is not True and \
                not (u.reference or u.proof):  # fmt: skip
            # « ca va prendre combien de temps l'enquete ? » while it is offered, or once it is
            # recorded: who answers, and how (the FAQ gives no delay); the offer again.
            pending = state.investigation and state.awaiting is Awaiting.CONFIRMATION
            return [Message(text=INVESTIGATION_TIME),
                    *(self._offer_again(state) if pending else [])]  # fmt: skip
        if signals.asks_outcome(u.text) and self._yes_no(u) is not True and \
                ("enquête" in u.last_reply and (state.investigation or recorded)):  # fmt: skip
            # « vous pouvez pas juste men renvoyer un ?? » while an investigation is offered,
            # « et je serai remboursee ? » once it is recorded: customer service decides.
            pending = state.investigation and state.awaiting is Awaiting.CONFIRMATION
            cancel: list[Message] = []
            if recorded and state.verified and not state.locked and \
                    "annul" in signals.fold(u.text):  # fmt: skip
                # « et si ça arrive pas à temps je peux annuler et me faire rembourser ? »:
                # whether the order can still be cancelled (shipped: no), then who decides.
                cancel = [m for m in await self._answer_order(state, MODIFY_TOPIC, u) if m.text]
                state.clear_request()
                state.awaiting = Awaiting.NOTHING
            return [*cancel, Message(text=AFTER_THE_INVESTIGATION),
                    *(self._offer_again(state) if pending else [])]  # fmt: skip
        if recorded and signals.asks_to_pass_on(u.text) and not (u.reference or u.proof):
            # « et vous pouvez prevenir le sav de votre cote en attendant ? » right after the
            # request is recorded: it is (not recorded twice).
            return [Message(response="utter_demande_deja_transmise")]
        if recorded and signals.asks_when_they_answer(u.text):
            # « ils me repondent qd » right after a request is recorded: the confirmation's
            # sentence on it (« …nous vous recontacterons sous 24 h… »).
            said = when_answered(u.last_reply)
            if said:
                return [Message(text=said)]
        if not recorded and signals.asks_when_they_answer(u.text) and not u.reference:
            # « ok et en general ils me répondent en combien de temps une fois que j'ai envoyé
            # les photos » after the FAQ's « nous vous recontacterons sous 24h », said in the
            # last reply or the one before: that sentence, whatever the words read as.
            said = when_answered(u.last_reply) or when_answered(u.earlier_reply)
            if said:
                return await self._answered_aside(state, u, [Message(text=said)])
        if signals.asks_outcome(u.text) and recorded and not u.reference:
            return [Message(text=AFTER_THE_REQUEST)]  # « et je serai remboursé qd ? »
        if state.verified and not state.locked and state.awaiting is Awaiting.NOTHING and \
                signals.demands_investigation(u.text):  # fmt: skip
            # « bon ok ouvrez l'enquete » with nothing offered any more: the order's answer on
            # its parcel, and the investigation it offers recorded at once (`_answer_order`).
            return await self._answer_order(state, LOST_TOPIC, u)
        short = len(signals.words_of(u.text)) <= WHEN_IT_ARRIVES_MAX_WORDS
        if state.verified and not state.locked and state.awaiting is Awaiting.NOTHING and \
                (u.topic in DISCOUNT_FAQ or (short and u.topic not in ESTIMATE_TOPICS)) and \
                signals.asks_when_it_arrives(u.text) and not u.country and \
                not (signals.hypothetical(u.text) or signals.in_general(u.text)):  # fmt: skip
            # « pfff bon et il arrive qd du coup » (not « bon » of reduction), « ET CA ARRIVE
            # QUAND ALORS », whatever topic its words suggest: the order's status.
            return await self._answer_order(state, STATUS_TOPIC, u)
        until_when = signals.asks_until_when(u.text) and not signals.in_general(u.text) and \
            not signals.asks_when_it_arrives(u.text)  # fmt: skip
        if state.verified and not state.locked and state.awaiting is Awaiting.NOTHING and \
                state.last_topic == RETURNS_TOPIC and until_when:  # fmt: skip
            # « jai jusqua quand ? » after the order's returns (or a sentence of them): the time
            # left to return its items.
            return await self._answer_order(state, RETURNS_TOPIC, u)
        if state.verified and not state.locked and state.awaiting is Awaiting.NOTHING and \
                signals.if_it_does_not_come(u.text):  # fmt: skip
            # « et si demain tjrs rien vous faites quoi »: the late parcel's answer (on time:
            # until when to wait, then the carrier and the investigation).
            return await self._answer_order(state, LATE_TOPIC, u)
        cancels = request_kind_for(RequestKind.MODIFICATION, u.text) is RequestKind.ANNULATION
        if state.verified and not state.locked and state.awaiting is Awaiting.NOTHING and \
                cancels and signals.orders_a_change(u.text) and \
                not signals.asks(u.text):  # fmt: skip
            # « ah non en fait si, annulez la finalement » after declining: as ordered.
            return await self._cancel_ordered(state, u)
        named = carriers_named(u.text)
        phone_answer = gave_carrier_phone(u.last_reply, aside=False)
        if named and phone_answer and \
                len(signals.words_of(u.text)) <= CARRIER_FOLLOW_UP_MAX_WORDS:  # fmt: skip
            # « Et pour la Poste ? » right after TNT's phone: La Poste's.
            return [Message(text=carrier_phones(named))]
        if phone_answer and signals.if_the_carrier_knows_nothing(u.text):
            # « et si eux savent rien ? » after a carrier's phone: the shop's investigation (the
            # verified order's answer offers it when the parcel is late).
            if state.awaiting is Awaiting.CONFIRMATION and state.investigation:
                return [Message(text=INVESTIGATION_IF_NO_NEWS), *self._ask_follow_up(state)]
            if state.verified and not state.locked:
                return await self._answer_order(state, LOST_TOPIC, u)
            state.awaiting = Awaiting.ORDER_OFFER
            return [Message(text=INVESTIGATION_IF_NO_NEWS),
                    Message(response="utter_proposer_verification")]  # fmt: skip
        if carrier_phone:  # an offer waiting for a yes stays open
            carriers = carriers_named(u.text) or carriers_named(u.last_reply) or [LA_POSTE, TNT]
            out = [Message(text=carrier_phones(carriers))]
            if state.awaiting is Awaiting.CONFIRMATION and self._yes_no(u) is False:
                # « non merci pas d'enquete, jprefere appeler tnt, cest quel num ? »: the phone,
                # the offer declined.
                state.clear_request()
                return out
            if state.awaiting is Awaiting.CONFIRMATION and self._yes_no(u) is True and \
                    not _asks_something_else(u.text) and not state.photo_instruction:  # fmt: skip
                # « oui lancez la, et donnez moi le numero du transporteur »: both (« ok, c quoi
                # le numero de tnt ? » only asks the phone).
                return await self._submit(state, u, extra=u.text) + out
            if state.awaiting is Awaiting.CONFIRMATION and state.last_prompt != OFFER_AGAIN:
                # « Personne n a rien pris. Je dois appeler La Poste ? », « vous pouvez pas
                # appeler La Poste ? » while an offer waits: the carrier's phone, and the offer
                # once more; asked again already, the phone alone (the offer stays open).
                return out + self._offer_again(state)
            first = _first_question(u.text)
            if state.awaiting is Awaiting.NOTHING and not state.verified and u.retrieval and \
                    u.topic and first and not signals.asks_carrier_phone(first):  # fmt: skip
                # « que faire si la date de livraison est depassee ? et la poste c quel numero ? »:
                # the first question's answer, then the phone.
                return [Message(response=f"utter_{u.topic}"), *out]
            if (u.reference or u.proof) and not state.verified and not state.locked:
                # « 9 jours que j'attends mon colis. LMPQRTSVX. et c quoi le numero de tnt »: the
                # phone, then the order's identification.
                return out + await self._identify(state, u)
            return out + (await self._reprompt(state, u) if state.awaiting in ASKED else [])
        step = (
            next_step(u.text, u.last_reply)
            if state.awaiting in (Awaiting.NOTHING, Awaiting.REFERENCE, Awaiting.ORDER_OFFER)
            and not _answered_topic(state.last_prompt)
            else []
        )
        if step:
            # « rien dans les spams », then « ya rien dans mes commandes non plus », after the
            # FAQ's checks: what to do when that check finds nothing.
            if state.awaiting is Awaiting.ORDER_OFFER:
                state.awaiting = Awaiting.NOTHING
            state.misses = 0
            return [Message(text=" ".join(step))]
        if state.awaiting is Awaiting.CONFIRMATION:
            answer = self._yes_no(u)
            if answer is False and state.investigation and signals.says_checks_done(u.text):
                answer = None  # « NON J'AI PAS DE VOISINS QUI ONT PRIS MON COLIS »: the checks
            if answer is False and signals.says_what_instead(u.text):
                answer = None  # « c Lea pas Lena »: the right text, not a no
            if answer is True and _asks_something_else(u.text) and \
                    not signals.asks_to_pass_on(u.text):  # fmt: skip
                answer = None  # « ok merci. can I pay with paypal instead ? »: a new question
            if answer is not True and _changes(state) and signals.corrects_request(u.text) and \
                    cancels and state.request_kind != RequestKind.ANNULATION.value:  # fmt: skip
                # « ah non en fait laissez tomber le virement, annulez la commande svp »
                return await self._cancel_ordered(state, u)
            if answer is not True and _changes(state) and signals.corrects_request(u.text):
                # « hmm en fait non, juste retirer le mug »: the request as now said, to confirm.
                state.details = u.text
                state.request_kind = request_kind_for(RequestKind(state.request_kind or ""),
                                                      u.text).value  # fmt: skip
                state.request_question = _confirmation_question(u.text, state.verified,
                                                                state.request_kind)  # fmt: skip
                if signals.orders_a_change(u.text):  # « … annulez carrement la commande svp »
                    return await self._submit(state, u)
                return self._ask_follow_up(state)
            if answer is True and state.photo_instruction and not u.attachment:
                state.awaiting = Awaiting.PHOTO
                return [Message(response="utter_ask_photo",
                                values={"consigne_photo": state.photo_instruction})]  # fmt: skip
            if answer is True:
                extra = u.text if len(u.text.split()) > 2 else None
                investigation = state.investigation  # (cleared once recorded)
                recorded = await self._submit(state, u, photo=u.attachment, extra=extra)
                question = _question_after_the_first_sentence(u.text) or ""
                if investigation and signals.asks_outcome(question):
                    # « oui vas y. et si il est perdu je suis remboursée ? »
                    return recorded + [Message(text=AFTER_THE_INVESTIGATION)]
                return recorded + await self._and_then_asks(state, u)
            if answer is False:
                # « nan pas la peine jvais attendre encore un peu. je peux suivre ou moi
                # meme ? »: nothing passed on, said so, then the question answered.
                declined = state.request_kind
                dropped = self._drop(state, u.text)
                asked = await self._asked_after_the_first_sentence(state, u) or []
                if asked and declined and state.request_kind == declined and \
                        state.awaiting is Awaiting.CONFIRMATION:  # fmt: skip
                    # (the offer just declined is not made again in the same breath)
                    asked = asked[:-1]
                    state.clear_request()
                    state.awaiting = Awaiting.NOTHING
                return dropped + asked
            if _details_of_a_change(state, u):
                # « cest Mathilde avec un h, pas Matilde »: what to change, said instead of a yes
                recorded = await self._submit(state, u, extra=u.text)
                return recorded + await self._and_then_asks(state, u)
            if answer is None and signals.asks(u.text) and self._asks_the_change_offered(state, u):
                # « pour passer en carte bancaire, comment ça se passe ? » while that change is
                # offered: customer service makes it, and the offer stays for the yes.
                return [Message(text=f"{CUSTOMER_SERVICE_DOES_IT} {SAY_YES}", key=OFFER_AGAIN)]
            if answer is None and signals.asks_whom_to_tell(u.text) and \
                    state.last_prompt != OFFER_AGAIN:  # fmt: skip
                # « je dois prevenir qqun ? » while the assistant offers to tell customer
                # service: that offer is the answer (not the restock alert's « Me prévenir »).
                return [Message(text=WE_CAN_TELL_THEM)] + self._offer_again(state)
            if answer is None and self._checks_done(state, u):
                # « jai deja demande aux voisins et rien. vous pouvez faire qqch ? » while an
                # investigation is offered: that offer is what the shop can do (asked once more,
                # then the contacts).
                return await self._answer_then_ask(state, u, None)
            said = self._said_of_the_problem(state, u) if answer is None else []
            if said and state.last_prompt != OFFER_AGAIN:
                # « Vous me renvoyez juste le couteau ? » while the missing part's request is
                # offered: what the problem's answer says of it, then the offer again.
                return [Message(text=" ".join(said)), *self._offer_again(state)]
            about = self._about_the_order(state, u) if answer is None else None
            lost = (u.fallback or u.intent == "out_of_scope") and not signals.asks(u.text)
            if answer is None and (about or lost):
                # « il est où ? » while an investigation is offered: the order's status, not a
                # topic read without context; « jlattends depuis 10j la »: no answer either.
                # The offer again, as it was (once: then the contacts, the same prompt not sent
                # three times in a row).
                return await self._answer_then_ask(state, u, about)
            asks = u.retrieval or signals.asks(u.text)
            if answer is None and asks and state.verified and state.last_prompt != OFFER_AGAIN \
                    and not state.photo_instruction:  # fmt: skip
                # « Au fait, est-ce que je peux utiliser mes points sur cette commande ? » while
                # a change is offered: the question answered, then the offer once more (kept
                # unless the answer made another).
                return await self._aside(state, u)
            state.clear_request()
        if state.awaiting is Awaiting.DETAILS and self._asks_how_it_reaches(state, u):
            # « et je pourrai la retirer ou ensuite ? » while the corrected text is awaited: no
            # details; answered from the order, then the question again. (« il est où, le suivi
            # bouge plus » may be what happened to the parcel: details.)
            return await self._answer_then_ask(state, u, RECEPTION_TOPIC)
        if _asks_where_the_photo_goes(state, u):
            # « je lenvoie ou la photo ? » while which item is asked: where (the details are
            # still awaited).
            return [Message(text=WHERE_TO_SEND_THE_PHOTO)]
        if state.awaiting is Awaiting.DETAILS and self._is_new_question(u):
            question = _question_after_the_first_sentence(u.text)
            said = u.text[: u.text.rfind(question)].strip() if question else ""
            if question and (signals.asks_to_pass_on(said) or _QUOTED.search(said)):
                # « Oui merci, transmettez la demande avec "Joyeux anniversaire Mamie". Et au
                # passage, j'ai combien de points fidélité ? »: the details, then the question.
                taken = await self._take_details(state, replace(u, text=said))
                return taken + await self._respond(state, replace(u, text=question))
        if state.awaiting is Awaiting.DETAILS and not self._is_new_question(u):
            refused = len(u.text.split()) <= 2 or (
                signals.declines(u.text) and not signals.orders_a_change(u.text)
            )
            if self._yes_no(u) is False and refused:
                # « non », « non merci finalement »: an explicit refusal (« non pas le mug, la
                # plaque » says what to change).
                return self._drop(state)
            if signals.is_courtesy(u.text) or u.intent == "bot_challenge":
                return self._not_details(state, u)  # « merci bcp », « ok »: no details
            return await self._take_details(state, u)
        if state.awaiting is Awaiting.PHOTO:
            return await self._take_photo(state, u)
        if state.awaiting is Awaiting.EMAIL and u.proof and "@" in u.proof and \
                u.reference in (None, state.verified):  # fmt: skip
            if state.locked:
                state.clear_request()
                return self._locked(state)
            return await self._check_email(state, u.proof, u)
        if state.awaiting is Awaiting.EMAIL and u.reference in (None, state.verified) and \
                "@" not in (u.proof or ""):  # fmt: skip
            instead = self._instead_of_email(state, u)
            if instead is not None:
                return instead
        if not (state.verified or u.reference or u.proof) and \
                signals.gives_a_tracking_number(u.text):  # fmt: skip
            # « Le numéro que j'ai noté est 6A20419837512, mais votre système ne semble pas le
            # reconnaître »: a tracking number, not the reference; where the reference is.
            said = Message(text=TRACKING_NUMBER_GIVEN)
            return [said, *self._without_reference(state, keep_problem=True, answer_problem=False)]
        if signals.asks_pickup_code(u.text):
            # « et le code pour ouvrir le casier je le recois comment ? » (read as a promo code):
            # the PickUp Station's SMS, then the order given with it, or the identifier asked.
            state.last_topic = DELIVERY_METHODS_TOPIC
            said = [Message(text=PICKUP_CODE)]
            if u.reference or u.proof:
                state.misses = 0
                return said + await self._identify(state, replace(u, topic=None))
            if not state.verified and signals.says_no_reference(u.text):
                # « … jai effacé le sms avec le code!!! pas la ref non plus »: where it is too.
                state.misses = 0
                return said + self._without_reference(
                    state, keep_problem=True, answer_problem=False
                )
            return await self._answered_aside(state, u, said)
        if u.reference or u.proof:
            return await self._identify(state, u)
        if state.awaiting is Awaiting.ORDER_OFFER:
            answer = self._yes_no(u)
            if answer is not None and (_asks_something_else(u.text) or _and_then_asks(u.text)):
                # « daccord. et si je commande ce soir vers 17h ca part quand ? », « ah donc si c
                # expedié c bon on peut encore changer ? », « ok et si c des chocolats ? »: a
                # new question.
                answer = None
                state.awaiting = Awaiting.NOTHING
            if answer is True:
                return await self._ask_reference(state, u)
            if answer is False:
                state.awaiting = Awaiting.NOTHING
                state.problem = state.problem_text = None
                return [Message(response="utter_no_problem")]
        if state.awaiting is Awaiting.PROOF and state.reference and signals.has_no_email(u.text):
            # The reference is there: the postcode proves the order as well.
            return self._ask(state, Awaiting.PROOF, "utter_preuve_code_postal")
        if state.awaiting in IDENTIFYING and state.problem in (NOT_RECEIVED_TOPIC, LOST_TOPIC) \
                and signals.says_checks_done(u.text) and not (u.reference or u.proof):  # fmt: skip
            # « j'ai deja demandé a tout le monde » after the general answer, while the order is
            # asked: the carriers, and the investigation customer service can open; the order
            # still asked for.
            said = Message(text=f"{carrier_phones([LA_POSTE, TNT])} {INVESTIGATION_IF_NO_NEWS}")
            if state.awaiting is Awaiting.ORDER_OFFER:
                return [said, Message(response="utter_proposer_verification")]
            return [said, *await self._reprompt(state, u)]
        if state.awaiting is Awaiting.PROOF and state.reference and \
                signals.asks_why_the_proof(u.text):  # fmt: skip
            # « et vous pouvez pas le trouver vous meme avec le numero ?? »: why, and the proof
            # still asked (said once: the prompt itself after that).
            if state.last_prompt != WHY_THE_PROOF:
                return [Message(text=WHY_THE_PROOF, key=WHY_THE_PROOF)]
        if state.awaiting in IDENTIFYING:
            # (« ca suffit pas ? » asks why the name is no proof: no refusal.)
            refuses = u.intent == "deny" and not signals.asks(u.text)
            if signals.has_no_reference(u.text) or refuses:
                # The problem stays for the reference found after all, unless refused.
                return self._no_reference_and_after(state, u, keep_problem=not refuses)
        if signals.has_no_account(u.text) and _ACCOUNT.search(u.last_reply) and \
                not signals.asks(u.text):  # fmt: skip
            # « j ai pas de compte je crois » after an answer that sends them to their account:
            # what can be done without it.
            return self._without_reference(state)
        spams = _spams_sentence(u.last_reply) if state.last_topic in MAIL_SENDING_FAQ else None
        if spams is not None and signals.nothing_came(u.text) and state.awaiting not in ASKED:
            # « jai fait ca mais jai rien recu » after the password reset's answer: its mail,
            # the sentence about the spams and the one after it (what to do with the mail).
            state.misses = 0
            return [Message(text=spams)]
        amount = signals.amount_in(u.text)
        about_loyalty = (
            u.topic in LOYALTY_CATEGORY_TOPICS
            or (
                state.last_topic in LOYALTY_CATEGORY_TOPICS
                and (not u.retrieval or signals.asks_how_many(u.text))
            )
            or (amount is not None and signals.names_points(u.text))
        )  # « pour revenir aux points »
        if amount is not None and about_loyalty:
            state.last_topic = "points_fidelite/programme_fidelite"
            earned = [Message(text=maestros_for(amount))]  # « 80 €, ça fait combien de points ? »
            if signals.asks_how_to_use(u.text):  # « … et comment puis-je les utiliser ? »
                earned.append(Message(response=f"utter_{LOYALTY_PLACE_TOPIC}"))
            return earned
        follows_loyalty = state.last_topic in LOYALTY_CATEGORY_TOPICS and \
            len(signals.words_of(u.text)) <= SHORT_QUESTION_WORDS  # fmt: skip
        where_they_are = signals.asks_where_to_find(u.text) and \
            not signals.says_no_reference(u.text)  # fmt: skip
        if ((about_loyalty and not u.retrieval) or follows_loyalty) and where_they_are:
            # « Et je les vois où exactement sur le site ? » after the points: where they show
            # (« jsais pas mon num de commande c ou ? » asks where the reference is).
            state.last_topic = LOYALTY_PLACE_TOPIC
            return [Message(response=f"utter_{LOYALTY_PLACE_TOPIC}")]
        told_where = _WHERE_THE_REFERENCE_IS.search(u.last_reply) is not None
        if not state.verified and not (u.reference or u.proof) and signals.cannot_find_it(u.text) \
                and (told_where or state.awaiting is Awaiting.REFERENCE):  # fmt: skip
            # « jsp ou il est » right after the reference is asked, or after where it is: where
            # it is, and what can be done without it.
            return self._without_reference(state, keep_problem=True, answer_problem=False)
        if state.awaiting is Awaiting.REFERENCE and not (u.reference or u.proof) and \
                signals.asks_where_the_reference_is(u.text):  # fmt: skip
            # « ou je le trouve ce numero ?? » right after it is asked: where it is (not the
            # tracking number's), and the problem kept for it.
            return self._without_reference(state, keep_problem=True, answer_problem=False)
        told_of_it = told_where or state.awaiting is Awaiting.REFERENCE
        if told_of_it and not (u.reference or u.proof) and \
                signals.asks_what_the_reference_looks_like(u.text):  # fmt: skip
            # « il ressemble a quoi ce numero ? » right after the reference is asked or said
            # where to find: what it is like, and where.
            state.misses = 0
            return [Message(response="utter_sans_reference")]
        if not state.verified and not (u.reference or u.proof) and \
                signals.asks_where_the_order_number_is(u.text):  # fmt: skip
            # « ou je trouve mon numero de commande ? »: the reference's place (not the tracking
            # number's), and what can be done without it; any problem kept for it.
            return self._without_reference(state, keep_problem=True, answer_problem=False)
        if not state.verified and signals.has_not_ordered(u.text) and u.retrieval and \
                u.topic and not needs_order(u.topic) and signals.asks(u.text):  # fmt: skip
            # « jai pas encore commandé donc pas de num de commande lol, mais si je prends … ça
            # arrive avant noel ? »: no order to find; the question's answer.
            return await self._topic(state, u)
        # (About their own order, « ou en est ma commande mais jai pas le numero » is the
        # order's topic's, below.)
        no_reference = not state.verified and signals.says_no_reference(u.text) and \
            not signals.is_personal(u.text)  # fmt: skip
        where_it_is = signals.asks_where_it_is(u.text) or signals.asks_when_it_arrives(u.text)
        if no_reference and (where_it_is or signals.asks_how_without_reference(u.text)):
            # « je voudrais savoir ou en est le colis … moi je n'ai pas le numéro », « on fait
            # comment sans le numero ? »: nothing about an order without it; where it is, and
            # what can be done without it.
            if where_it_is:
                self._remember_problem(state, u, STATUS_TOPIC)
            return self._without_reference(state, keep_problem=True, answer_problem=False)
        where = signals.asks_where_to_find(u.text)
        if not state.verified and signals.says_no_reference(u.text) and \
                (where or not _is_question(u.text)) and not (u.topic and needs_order(u.topic)) \
                and (where or len(signals.words_of(u.text)) <= NO_REFERENCE_MAX_WORDS):  # fmt: skip
            # « jai pas le num de commande », « … ou je le trouve ? », whatever FAQ topic its
            # words suggest: where to find it, and what can be done without it. The problem
            # the order was offered for is kept, for the reference found after all.
            offered = state.awaiting is Awaiting.ORDER_OFFER and bool(state.problem)
            return self._no_reference_and_after(state, u, keep_problem=offered)
        if not state.verified and not (u.reference or u.proof) and \
                signals.looks_up_by_something_else(u.text):  # fmt: skip
            # « vous pouvez pas la retrouver avec mon nom ? »: only by its reference here.
            return self._without_reference(state, keep_problem=True, answer_problem=False)
        personalised = signals.describes_a_personalised_item(u.text)
        no_voucher = _personalised_rule()
        after_the_order = _answered_topic(state.last_prompt) == RETURNS_TOPIC
        after_returns = after_the_order or state.last_topic == RETURNS_TOPIC
        if no_voucher and personalised and after_returns and signals.asks_something_instead(u.text):
            # « et le truc perso je peux au moins avoir un bon d'achat a la place ? » after the
            # returns: the FAQ's sentence on it (neither refunded nor exchanged for a voucher),
            # still the order's returns answer for what follows.
            state.misses = 0
            key = _answer_key(RETURNS_TOPIC) if after_the_order else None
            return [Message(text=no_voucher, key=key)]
        unreturnable = _personalised_returns_sentence(u.last_reply)
        if unreturnable and personalised and \
                not (u.reference or u.proof or signals.asks(u.text)) and \
                len(signals.words_of(u.text)) <= ITEM_DESCRIBED_MAX_WORDS:  # fmt: skip
            # « c'est un mug avec mon prénom dessus » after the returns' answer: what it says of
            # personalised products (a question, « meme si c est perso ? », gets the answer).
            state.misses = 0
            return [Message(text=unreturnable)]
        item = await self._item_of_the_returns(state, u)
        if item is not None:
            # « la plaque », « ah non pardon la bougie » after the order's returns: that item's
            # line (kept as that answer, for the next item named).
            return [Message(text=item, key=_answer_key(RETURNS_TOPIC))]
        if state.verified and not state.locked and _gives_address(u.text) and \
                u.intent not in ("out_of_scope", "deny") and not signals.asks(u.text) and \
                not (u.retrieval and needs_order(u.topic or "")):  # fmt: skip
            # « cest 14 rue de la charite 69002 », « en fait si faites le, la nouvelle adresse c
            # 12 rue … » with an order verified: a new address for it, whatever the FAQ topic
            # its words suggest (managing the account's addresses); not a parcel's problem, nor
            # a question with an address in it (« votre entrepot c bien au 12 rue … ? »).
            return await self._answer_order(state, MODIFY_TOPIC, u)
        if state.verified and u.retrieval and _changes_delivery_method(u.topic, u.text):
            # « jpeux changer de point relais ? »: a change of that order (`_topic`), not the
            # last reply's sentence on its shipping method.
            return await self._topic(state, u)
        # (« je peux payer avec paypal ? » names a means of payment, not the points.)
        discount = signals.as_a_discount(u.text) and not signals.names_payment_method(u.text) and \
            not signals.names_promo_codes(u.text)  # fmt: skip
        if state.last_topic in LOYALTY_CATEGORY_TOPICS and discount and not state.verified:
            # « on peut les utiliser en reduction ? », « donc pas de reduc sur ma cmd c ca » after
            # the loyalty programme: they become gifts, not money off (no order needed for it).
            state.last_topic = POINTS_TOPIC
            return [Message(response=f"utter_{POINTS_TOPIC}")]
        short_follow_up = len(signals.words_of(u.text)) <= FOLLOW_UP_MAX_WORDS
        expiry = signals.asks_expiry(u.text) and signals.asks(u.text) and short_follow_up
        unsure = u.fallback or (u.intent == "out_of_scope" and short_follow_up)
        if (
            state.last_topic in LOYALTY_CATEGORY_TOPICS
            and (signals.asks_how_to_spend(u.text) or discount or expiry)
            and (
                unsure
                or u.topic in LOYALTY_CATEGORY_TOPICS
                or discount
                or expiry
                or u.intent == "affirm"
            )  # « ok et on en fait quoi apres » read as a yes
        ):
            # « et je les depense ou ? », « on peut les utiliser pr quoi » after the loyalty
            # programme: where the points are spent, not the last reply's « par euro dépensé »;
            # « on peut les utiliser en reduction ? »: they become gifts, not a promo code;
            # « et ca expire ? »: where their expiry date shows (not an expired payment).
            return await self._topic(state, u, POINTS_TOPIC)
        if (
            state.last_topic == PRICES_TOPIC
            and u.country
            and signals.refers_back(u.text)
            and not signals.asks_about_shipping(u.text)
            and len(signals.words_of(u.text)) <= PLACE_FOLLOW_UP_MAX_WORDS
            and (u.fallback or u.topic in (PRICES_TOPIC, COUNTRIES_TOPIC))
        ):
            # « meme pour la suisse ? » after the prices' answer: with or without VAT there, not
            # the countries served (« et vous livrez en suisse ? » asks those).
            return [Message(text=prices_in(u.country))]
        if (
            u.country
            and (state.awaiting not in ASKED or _is_question(u.text))
            and signals.asks_when_it_comes(u.text)
            and (u.fallback or u.topic in PLACE_FOLLOW_UP_TOPICS | {COUNTRIES_TOPIC})
        ):
            # « et sinon jsuis a berlin, l'express en allemagne c combien de jours ? », whatever
            # order was verified: the estimates there (TNT's, asked for express); while an
            # identifier is asked (« bon tant pis, et pour la suisse c'est combien de temps en
            # express ? »), then the identifier again.
            state.last_topic = DELIVERY_TIMES_TOPIC  # for « et en suisse ? » after it
            estimates = [Message(text=self._estimates(u, u.country, _carrier_asked(u)))]
            return estimates + (await self._reprompt(state, u) if state.awaiting in ASKED else [])
        if (
            state.last_topic in ESTIMATE_TOPICS
            and state.awaiting not in ASKED
            and _asks_estimates_again(u)
        ):
            # After the delivery times, « ma mere est a ajaccio » or « et en corse ? »: the
            # estimates there (no express delivery to Corsica), not a refusal or the methods;
            # « et en tnt ca arrive qd ? », « rien de plus rapide ? »: TNT's.
            return [Message(text=self._estimates(u, state.country, _carrier_asked(u)))]
        # (the 1 € return option's answer too: « et ca marche aussi pour la boite de chocolats ? »)
        length = len(u.text.split())
        after_returns = state.last_topic in (RETURNS_TOPIC, RETURN_OPTION_TOPIC) and \
            not state.verified and not (u.reference or u.proof) and \
            length <= FOLLOW_UP_MAX_WORDS * 2  # fmt: skip
        if after_returns and state.last_topic == RETURN_OPTION_TOPIC and \
                signals.without_the_option(u.text) and signals.asks_cost(u.text):  # fmt: skip
            # « et si je prends pas l'option, un retour me coute combien ? »: the returns'
            # sentence on its fees.
            fees = self.recall.fees(u.text, faq_answer(RETURNS_TOPIC)) if self.recall else []
            if fees:
                return await self._answered_aside(state, u, [Message(text=" ".join(fees))])
        rule = _personalised_rule()
        # (A personalised item read as the returns or a personalisation: `_topic`.)
        item = signals.describes_a_perishable_item(u.text) or (
            signals.describes_a_personalised_item(u.text)
            and u.topic not in (RETURNS_TOPIC, PERSONALISATION_TOPIC)
        )
        if after_returns and rule and item:
            # « ok et si c des chocolats ? », « meme si c'est un mug avec une photo imprimée
            # dessus ? » (read as a faulty product) after the returns' answer: its rule.
            return await self._answered_aside(state, u, [Message(text=rule)])
        sure = u.retrieval and bool(u.ranked_topics) and \
            u.ranked_topics[0][1] >= RECALL_BEFORE_TOPIC  # fmt: skip
        short = length <= FOLLOW_UP_MAX_WORDS
        if after_returns and short and signals.asks_how_or_where_to_do(u.text) and \
                not (sure and u.topic != RETURNS_TOPIC):  # fmt: skip
            # « ok et concretement je fais comment », « la demande je la fais ou »: the steps.
            return await self._answered_aside(state, u, [Message(text=how_to_return())])
        if signals.asks_delivery_days(u.text) and not state.verified and \
                len(u.text.split()) <= FOLLOW_UP_MAX_WORDS * 2:  # fmt: skip
            # « jai encore rien acheté, jveux juste savoir si vous livrez le samedi », « et ils
            # livrent le dimanche ? »: the FAQ's days, TNT's; whatever topic the words read as.
            return await self._answered_aside(state, u, [Message(text=TNT_NEXT_DAY_RULE)])
        station = signals.names_pickup_station(u.text) or \
            signals.names_pickup_station(u.previous_text or "")  # fmt: skip
        # (the last reply naming it too, unless the message names another place: « et en point
        # relais on a combien de temps pour le chercher ? »)
        station = station or (
            signals.names_pickup_station(u.last_reply) and not signals.names_delivery(u.text)
        )
        collecting = signals.misses_the_pickup(u.text) or signals.asks_how_long_to_collect(u.text)
        if not state.verified and station and collecting and \
                not (u.reference or u.proof):  # fmt: skip
            # « j'ai pas eu le temps d'aller chercher mon colis dans la consigne pickup, il se
            # passe quoi maintenant ? », whatever its words read as: 3 days, then back to us;
            # their order offered to be checked.
            said = [Message(text=HOW_TO_RECEIVE[ShippingMethod.PICKUP_STATION])]
            if signals.is_personal(u.text) and state.awaiting not in ASKED:
                self._remember_problem(state, u, RETURNED_TOPIC)
                state.awaiting = Awaiting.ORDER_OFFER
                return said + [Message(response="utter_proposer_verification")]
            return await self._answered_aside(state, u, said)
        if state.last_topic == INVOICE_TOPIC and signals.asks_invoice_change(u.text) and \
                len(u.text.split()) <= FOLLOW_UP_MAX_WORDS * 2:  # fmt: skip
            # « Est-ce qu'elle peut être établie au nom de mon entreprise ? » after the invoice's
            # answer: its sentence on a modification (customer service's phone and form).
            return await self._answered_aside(
                state, u, [Message(text=faq_paragraph(INVOICE_TOPIC, 1))]
            )
        if state.last_topic in WAREHOUSE_FAQ and signals.says_lunchtime(u.text) and \
                signals.asks(u.text) and not signals.asks_what_to_bring(u.text):  # fmt: skip
            # « et si jarrive a 12h45 ya personne ? » after the warehouse's answers: its hours,
            # with the intercom at lunchtime.
            state.last_topic = WAREHOUSE_HOURS_TOPIC
            return await self._answered_aside(
                state, u, [Message(text=faq_answer(WAREHOUSE_HOURS_TOPIC))]
            )
        if state.last_topic in WAREHOUSE_FAQ and signals.asks_what_to_bring(u.text):
            # « et faut que j'amene quoi ? » after the warehouse's answers: an ID (whatever topic
            # its words read as); its hours too around lunch (« vers 12h45 »).
            out = [Message(text=HOW_TO_RECEIVE[ShippingMethod.RETRAIT_ENTREPOT])]
            if signals.says_lunchtime(u.text):
                out.append(Message(text=faq_answer(WAREHOUSE_HOURS_TOPIC)))
            return await self._answered_aside(state, u, out)
        if self.recall is not None and signals.asks_what_it_costs(u.text):
            # « ca coute combien du coup » after the warehouse's answer, whatever topic it reads
            # as: what that reply says of fees (« retirer gratuitement »).
            fees = self.recall.fees(u.text, u.last_reply)
            if fees:
                state.misses = 0
                again = await self._reprompt(state, u) if state.awaiting in ASKED else []
                return [Message(text=" ".join(fees)), *again]
        if u.retrieval:
            # Unsure of the topic, or pointing back at the last reply (« et le code je le recois
            # comment ? » after the PickUp Station's): what the last reply says of it, if enough.
            # Or when the last reply says more of it than the topic's answer (« je recois le
            # code comment » after the PickUp Station's code « reçu par SMS »).
            # (« ok et vous avez quoi comme emballages au fait »: another subject, the topic's;
            # « Je peux encore changer le prénom dessus alors ? » after the returns: a change,
            # not the returns' « si vous changez d'avis ».)
            another = signals.changes_subject(u.text) or (
                change_kind(u.topic) is not None and signals.asks_to_change(u.text)
            )
            unsure = (not u.ranked_topics or u.ranked_topics[0][1] < RECALL_BEFORE_TOPIC) and \
                not another  # fmt: skip
            back = not unsure and not another and signals.refers_back(u.text)
            cost = signals.asks_cost(u.text)  # what the last reply says of fees, if it does
            if state.last_prompt == REQUEST_RECORDED and (
                unsure or back or u.topic in AFTER_SALES_TOPICS
            ):
                # Right after a request is recorded, a question on what it asks of the customer
                # (« je lenvoie ou la photo », « vous me recontactez qd ? ») is answered by the
                # confirmation's sentence on it, not by the problem's topic again; a question
                # sure of another topic is that topic's.
                recorded = self._recalled(state, u, strict=True, earlier=False)
                if recorded:
                    return recorded
            closer = (
                not unsure
                and not another
                and self.recall is not None
                and u.topic is not None
                and self.recall.says_more(_without_place(u), u.last_reply, faq_answer(u.topic))
            )
            # The order's answer on this topic was the last reply (« pk il revient chez vous ? »
            # after it): the order answers again, not the general answer given before it.
            answered = _answered_topic(state.last_prompt)
            order_answered = bool(state.verified) and answered == u.topic
            recalled = (
                # A sure topic is recalled from the last reply only: « sinon des trucs pas chers
                # en ce moment ? » is not the « en ce moment » of the answer before it.
                self._recalled(
                    state, u, strict=back or closer, earlier=unsure, fees=unsure and cost
                )
                if (unsure or back or closer) and u.topic != state.last_topic
                # The topic just answered, again: the reply before may say it (« et c surtaxé ? »
                # after the contacts, then the opening hours). Whether it costs (« cest gratos ? »
                # after the returns' answer): its sentence on fees, not all of it again.
                else self._recalled(state, u, earlier_only=True, fees=cost)
                if u.topic == state.last_topic and signals.asks(u.text) and not order_answered
                else []
            )
            if state.verified and answered and recalled and \
                    _restates_status(recalled, u.last_reply):  # fmt: skip
                return await self._answer_order(state, answered, u)  # « pk il revient ? »
            if state.verified and unsure and not recalled and answered in (None, STATUS_TOPIC) \
                    and signals.asks_about_the_order(u.text):  # fmt: skip
                return await self._answer_order(state, STATUS_TOPIC, u)  # « et il est ou la ? »
            if (
                state.verified
                and answered == RETURNS_TOPIC
                and not signals.in_general(u.text)  # « pr renvoyer un autre truc en general »
                and (signals.asks_until_when(u.text) or _RETURN_WINDOW.search(signals.fold(u.text)))
            ):
                # « j ai combien de temps encore », « et les 100 jours ca compte a partir de
                # quand ? » after the returns': the time left to return, and from when.
                return await self._answer_order(state, RETURNS_TOPIC, u)
            if recalled and state.awaiting in ASKED:
                return recalled + await self._reprompt(state, u)  # the identifier still asked
            return recalled or await self._topic(state, u)
        if not state.verified and u.fallback and signals.is_personal(u.text) and not state.locked:
            if signals.says_no_reference(u.text):
                # « cest pas moi qui ai commandé donc jai pas de numero »: where to find it, and
                # what can be done without it; « la bougie est fendue, jai pas de numero de
                # commande »: the problem its words suggest most is answered first, and kept
                # for the reference found later.
                problem = _likely_problem(u)
                if problem:
                    self._remember_problem(state, u, problem)
                return self._without_reference(state, keep_problem=bool(problem))
            if _WHERE_THE_REFERENCE_IS.search(u.last_reply) and not signals.asks_about_the_order(
                u.text
            ):
                # « jai pas acces a son mail ni a son compte lol. ya pas un autre moyen » right
                # after where the reference is: who can find the order, not the reference again.
                return [Message(response="utter_parler_humain")]
            # About their order, but what exactly is unclear: the order first (then its status
            # and "what would you like to know"), or its status if that was the question, or
            # the problem its words suggest most, kept for the order (« jme suis trompé de
            # prenom sur le mug que jai commandé »: a personalisation, unsure).
            problem = STATUS_TOPIC if signals.asks_about_the_order(u.text) else _likely_problem(u)
            if problem:
                self._remember_problem(state, u, problem)
            return await self._ask_reference(state, u)
        if state.verified and u.fallback and signals.in_general(u.text):
            # « et si jen recommande un et quil plait pas ? » after an order's answer asks in
            # general: not about that order; the close topics (the category of an order's
            # answer would be any).
            return self._clarify(state, u)
        # (While an identifier is asked, a question is answered from the last reply below.)
        recalled = (
            self._recalled(state, u, fees=signals.asks_cost(u.text))
            if u.fallback and state.awaiting not in ASKED
            else []
        )
        # Not understood right after the order's status: about it (« comment ça annulée ?? »),
        # unless it asks about another sentence of it (« et une fois qu'il est revenu ? »).
        contested = u.fallback and state.last_prompt == _answer_key(STATUS_TOPIC)
        if (
            state.verified
            and contested
            and (not recalled or _restates_status(recalled, u.last_reply))
        ):
            return await self._answer_order(state, STATUS_TOPIC, u)
        answered = _answered_topic(state.last_prompt)
        sends_it_back = signals.asks_to_send_it_back(u.text)
        if state.verified and not state.locked and u.fallback and sends_it_back and \
                answered not in (None, RETURNS_TOPIC):  # fmt: skip
            # « c nul... et si je le renvoie quand il arrive ? » after another answer: its returns.
            return await self._answer_order(state, RETURNS_TOPIC, u)
        if state.verified and not state.locked and u.fallback and answered is not None and \
                answered != STATUS_TOPIC and signals.asks_when_it_arrives(u.text):  # fmt: skip
            # « ok tant pis. il arrive qd du coup » after the personalisation's answer: when
            # the order comes is its status's answer, not the last answer again.
            return await self._answer_order(state, STATUS_TOPIC, u)
        if state.verified and answered and recalled and _restates_status(recalled, u.last_reply):
            # « annulee?? jai rien demande moi » after any answer from the order: that answer
            # again (the second time, with the way to a person), not its status alone.
            return await self._answer_order(state, answered, u)
        if recalled:  # « et une fois qu'il est revenu ? »: the last reply's sentence about it
            return recalled
        if self._asks_how_it_reaches(state, u):
            # « et je pourrai la retirer ou ensuite ? » after the personalisation's answer: how
            # this order reaches the customer, not that answer again.
            return await self._answer_order(state, RECEPTION_TOPIC, u)
        # A question not understood right after an answer from the order is about that answer
        # (« j ai combien de temps encore », « et jai jusqua quand ? » after the returns'): said
        # again, with the way to a person if it is the same; unless it asks where the order is.
        about_it = signals.asks_about_the_order(u.text)
        # (« MAIS JE L'AI JAMAIS UTILISE » after the returns' answer contests it: the same.)
        contests = signals.asks(u.text) or signals.is_angry(u.text)
        if state.verified and answered and u.fallback and contests and \
                (signals.refers_back(u.text) or not about_it):  # fmt: skip
            return await self._answer_order(state, answered, u)
        if state.verified and about_it:
            return await self._answer_order(state, STATUS_TOPIC, u)
        if state.verified and not u.retrieval and signals.asks_what_next(u.text):
            # « il se passe quoi mnt » after an order's answer: that answer says what comes next.
            return await self._answer_order(state, answered or STATUS_TOPIC, u)
        if state.awaiting in ASKED:
            # « faut quoi sur la photo ? » after the answer that asked the reference: that
            # answer's sentence about it, then the prompt again.
            asked = signals.asks(u.text)
            recalled = self._recalled(state, u, fees=signals.asks_cost(u.text)) if asked else []
            if recalled:
                return recalled + await self._reprompt(state, u)
            follow_up = self._follow_up_topic(state, u) if _is_question(u.text) else None
            if follow_up:  # a question on the topic just answered, then the prompt again
                return await self._topic(state, u, follow_up)
            return await self._prompt_again(state, u)
        if signals.has_no_reference(u.text):
            return self._without_reference(state)
        if u.fallback and signals.gives_up(u.text) and not signals.asks(u.text):
            # « bon ben tant pis j'attendrai qu'il rentre, merci quand meme »
            return self._drop(state, u.text)
        return await self._small_talk(state, u)

    # Identification: the reference, then the e-mail or the postcode; checked by the backend. A
    # logged-in customer gives only the reference (or picks it): their e-mail is the proof.
    async def _identify(self, state: State, u: Understanding) -> list[Message]:
        general = self._general_question_first(state, u)
        beside = general is None and self._general_question_beside_a_cancellation(state, u)
        if beside:
            # « je veux annuler ma commande KQZPTRBWE cp 69003, et vous avez des codes promo en
            # ce moment ? »: the question's answer, and the cancellation for the order.
            general = _faq_topic(u.topic or "")
        out = await self._identify_order(state, replace(u, topic=MODIFY_TOPIC) if beside else u)
        if general and state.verified == state.reference and not beside and \
                (general in ORDER_RELATIVE_FAQ or needs_order(u.topic or "")):  # fmt: skip
            general = None  # the order's answer says it (its tracking, its delivery, its returns)
        return (self._faq_answer(state, u, general) if general else []) + out

    def _general_question_first(self, state: State, u: Understanding) -> str | None:
        """The FAQ topic of a general question asked before the order's reference, in a
        sentence of its own (« slt c koi les delais en colissimo ? ma cmd WXCVBNQSD elle part
        qd »): answered at once, before the order's (whose proof may still be asked)."""
        first = _first_question(u.text)
        if not (first and u.retrieval and u.topic) or state.locked or u.topic in LOYALTY_TOPICS:
            return None
        if signals.is_personal(first):
            return None  # « et combien j'en ai moi ? j'ai une commande en cours, KQZ PTR BWE »
        plain = signals.fold(first)
        given = [value for value in (u.reference, u.proof) if value]
        if any(signals.fold(value) in plain.replace(" ", "") for value in given):
            return None
        return _faq_topic(u.topic)

    @staticmethod
    def _general_question_beside_a_cancellation(state: State, u: Understanding) -> bool:
        """A general question asked in the same message as the order's cancellation, which the
        classifier read as that question only."""
        return bool(
            u.retrieval and u.topic and not needs_order(u.topic) and not state.problem
            and u.topic not in LOYALTY_TOPICS and u.topic not in ORDER_RELATIVE_FAQ
            and "?" in u.text and signals.wants_to_cancel(u.text)
        )  # fmt: skip

    async def _identify_order(self, state: State, u: Understanding) -> list[Message]:
        if state.problem and state.awaiting in (Awaiting.PROOF, Awaiting.EMAIL) and u.proof and \
                not u.reference and not signals.asks(u.text) and \
                _words_beside_identifiers(u) <= PROOF_WORDS_MAX:  # fmt: skip
            # « c'est livré au 69003 » answering the proof prompt: the proof, for the problem
            # already known (not the topic its words suggest, a parcel not received).
            u = replace(u, topic=None)
        # Beside the identifiers, a guess at the question counts only when no other is pending:
        # « claire.martin@example.fr c ma soeur qui a commandé » answers the proof prompt.
        guess = self._topic_beside_identifiers(u)
        if state.problem and guess != state.problem:
            guess = None
        elif guess not in PARCEL_TOPICS and signals.asks_about_the_order(u.text):
            guess = None  # « WXCVBNQSD elle arrive quand »: where it is, whatever else it guessed
        topic = u.topic if u.retrieval else guess
        # Where the order is, asked before the identifiers came with another question (« ou en
        # est ma commande », then « KQZ PTR BWE et claire.martin@… et j'ai combien de points ? »):
        # answered too, first.
        status_first = state.problem == STATUS_TOPIC and not state.verified
        if topic in LOYALTY_CATEGORY_TOPICS:
            topic = POINTS_TOPIC  # loyalty, with the order given: their own points
        elif topic in (None, *DELIVERY_CHANGE_FAQ) and not state.problem and \
                signals.says_nothing_received(u.text):  # fmt: skip
            # « jai fait envoyer un cadeau a mon frere …, il dit qu'il a rien reçu. ref … »: no
            # change of the delivery, a parcel not received.
            topic = NOT_RECEIVED_TOPIC
        elif topic in DELIVERY_CHANGE_FAQ or _changes_delivery_method(topic, u.text):
            topic = MODIFY_TOPIC  # « KQZPTRBWE 69003, je veux changer l adresse de livraison »
        elif topic in PAYMENT_FAQ and signals.pays_otherwise(u.text):
            topic = CHANGE_PAYMENT_TOPIC  # « jpeux payer autrement ? par paypal ? mon mail c … »
        elif not (topic and needs_order(topic)) and not state.problem and \
                signals.describes_a_defect(u.text) and \
                _words_beside_identifiers(u) >= 3:  # fmt: skip
            # A pasted confirmation, then « un des articles est arrivé complètement cassé »
            # (whatever FAQ topic the pasted lines suggest).
            topic = DEFECT_TOPIC
        elif state.last_topic in LOYALTY_CATEGORY_TOPICS and signals.asks_how_many(u.text) and \
                signals.is_personal(u.text):  # fmt: skip
            topic = POINTS_TOPIC  # « d'accord. et combien j'en ai moi ? … KQZ PTR BWE »
        elif topic in (None, *ORDER_RELATIVE_FAQ, *RECEPTION_FAQ) and \
                signals.wants_to_send_it_back(u.text):  # fmt: skip
            # « je peux encore rendre la planche apero ? cde DFGTRHYJK », « Votre commande
            # NBVCXWQSD a bien été validée… jveux renvoyer un article ca me coute cb ? »
            topic = RETURNS_TOPIC
        if topic and needs_order(topic):
            self._remember_problem(state, u, topic)
        elif topic in ORDER_RELATIVE_FAQ and (
            not state.problem or signals.asks_about_the_order(u.text)
        ):
            # (A request already waiting for the order stays: « j ai un courriel avec en objet
            # Confirmation de votre commande KQZPTRBWE » after « je souhaiterais tout annuler ».)
            self._remember_problem(state, u, ORDER_RELATIVE_FAQ[topic])
        elif (
            topic is None
            and not state.problem
            and (_words_beside_identifiers(u) >= 3 and signals.asks_about_the_order(u.text))
        ):
            self._remember_problem(state, u, STATUS_TOPIC)
        elif topic is None and state.problem and _words_beside_identifiers(u) >= 3 and \
                not _is_question(u.text):  # fmt: skip
            # « bah c est mon cas, la bougie est fendue, commande … » after the general answer:
            # what happened to their order, in their own words, for the problem already known.
            state.problem_text = u.text
        answered = _answered_topic(state.last_prompt)
        if topic is None and not state.problem and answered and u.reference and \
                u.reference != state.verified:  # fmt: skip
            # « ah non pardon cest la HZPRKDNVM » right after an answer about another order: the
            # same question, about the corrected one, in the words it was asked with.
            self._remember_problem(state, u, answered)
            state.problem_text = u.previous_text or u.text
        elif topic is None and not state.problem and u.reference and not state.verified and \
                state.last_topic in ORDER_RELATIVE_FAQ and \
                _said_in(faq_answer(state.last_topic), u.last_reply):  # fmt: skip
            # « oui stp, NBVCXWQSD » right after the « retour à 1 € » option's general answer:
            # that question, about this order (what it allows to return).
            self._remember_problem(state, u, ORDER_RELATIVE_FAQ[state.last_topic])
            state.problem_text = u.previous_text or u.text
        if state.locked:
            return self._locked(state)
        if u.reference and u.reference != state.reference:
            # Another order: it must be proved in its turn, and the first one is set aside (a
            # proof given before any reference is kept for it).
            before = state.verified_proof or state.proof
            if state.reference and state.verified != u.reference:
                state.proof = state.verified = state.verified_proof = None
            if not u.proof and before and signals.same_proof(u.text):
                state.proof = before  # « et l'autre de mon mari QSDFGHJKL ? meme code »
            if state.last_prompt == NOT_FOUND and not u.proof:
                # « ZXCVBNMLK pardon jai inverse » right after « Je ne trouve aucune commande… »:
                # the reference corrected, checked with the proof that failed with it (given
                # with it, or before: « julien.bernard@… », « cde QSDFGHLKJ », « ah cest
                # QSDFGHJKL »).
                state.proof = proof_in(u.previous_text) or u.earlier_proof
            state.reference = u.reference
        # Logged in, the proof is always the customer's own e-mail, whatever else is typed: no
        # order of another customer can be seen.
        typed_proof = None if u.customer_email else u.proof
        if u.customer_email:
            state.proof = u.customer_email
        elif u.proof:
            state.proof = u.proof
        if not state.reference:
            return await self._ask_reference(state, u)
        if state.verified == state.reference and not typed_proof:
            return await self._after_verification(state, u, found=False)
        if not state.proof:
            return self._ask(state, Awaiting.PROOF, "utter_ask_preuve_commande")
        try:
            await self.orders.find_order(state.reference, state.proof, u.client)
        except OrderNotFound:
            state.failures += 1
            state.proof = None
            if state.locked:
                state.awaiting = Awaiting.NOTHING
                state.reference = None
                return [Message(response="utter_identification_abandonnee"),
                        Message(response="utter_parler_humain")]  # fmt: skip
            if u.customer_email:
                # Not among their orders (unknown, or another customer's: the same answer); a
                # failed proof all the same, so that references cannot be tried without limit.
                missing, state.reference = state.reference, None
                return await self._offer_orders(state, u, Message(text=not_in_account(missing)))
            state.awaiting = Awaiting.PROOF
            return [Message(response=NOT_FOUND)]
        except BackendUnavailable:
            return self._backend_down(state)
        except TooManyAttempts as error:
            return self._too_many(state, error)
        state.verified, state.verified_proof = state.reference, state.proof
        first = STATUS_TOPIC if status_first and state.problem not in (None, STATUS_TOPIC) else None
        out = await self._after_verification(state, u, found=True, first=first)
        other = u.other_reference
        if other and other != state.verified and state.awaiting is Awaiting.NOTHING:
            # « jai 2 cmd ZXCVBNMLK et LMPQRTSVX, mail …, elles en sont ou ? »: the second one
            # checked with the same proof and answered in its turn (it becomes the order
            # talked about); not while the first one's offer waits for an answer.
            if out and out[-1].response == "utter_que_faire_commande":
                out = out[:-1]
            second = replace(u, reference=other, other_reference=None, proof=state.proof)
            out += await self._identify_order(state, second)
        return out

    async def _after_verification(
        self, state: State, u: Understanding, found: bool, first: str | None = None
    ) -> list[Message]:
        """The order verified: the question asked for it answered from it (`first`, asked
        before, answered before it, unless it leaves something to answer)."""
        out = []
        if found:
            values = {"reference": state.verified}
            out.append(Message(response="utter_commande_retrouvee", values=values))
        state.awaiting = Awaiting.NOTHING
        if first:
            problem, problem_text = state.problem, state.problem_text
            before = await self._answer_order(state, first, u)
            if state.awaiting is Awaiting.NOTHING:
                out += before
            else:  # an offer of its own (an investigation): the question asked now first
                state.clear_request()
            state.awaiting = Awaiting.NOTHING
            state.problem, state.problem_text = problem, problem_text
        # (or asked before the proof: « … c'est pour ma commande HZPRKDNVM, je veux etre sur que
        # l'emballage cadeau est bien prévu », then « 33000 »; whatever problem its words suggested)
        proof_only = (
            u.proof
            and not u.reference
            and (
                _words_beside_identifiers(u) <= PROOF_WORDS_MAX
                or (signals.corrects_itself(u.text) and not signals.asks(u.text))
            )
        )  # (« ah non pardon c'est julien.bernard@example.fr »)
        said = (u.previous_text, state.problem_text)
        asked_before = proof_only and any(signals.asks_if_gift_wrapped(t or "") for t in said)
        about_the_wrap = state.problem in (None, STATUS_TOPIC) or "emballage" in state.problem or \
            (asked_before and signals.asks_if_gift_wrapped(state.problem_text or ""))  # fmt: skip
        if about_the_wrap and (signals.asks_if_gift_wrapped(u.text) or asked_before):
            # « Trouvé ! HZPRKDNVM / julien.bernard@… Je voulais vérifier que l'emballage cadeau
            # est bien pris en compte »
            state.problem = state.problem_text = None
            return out + await self._gift_wrap(state, u)
        if not state.problem and _gives_address(u.text) and not signals.asks(u.text):
            # « claire.martin@example.fr. transmettez svp, nouvelle adresse : 12 rue … »
            self._remember_problem(state, u, MODIFY_TOPIC)
        if state.problem:
            return out + await self._answer_order(state, state.problem, u)
        # Nothing asked yet: where the order is, then what else.
        out += await self._answer_order(state, STATUS_TOPIC, u)
        if state.awaiting is Awaiting.NOTHING:
            out.append(Message(response="utter_que_faire_commande"))
        return out

    async def _cancel_ordered(self, state: State, u: Understanding) -> list[Message]:
        """« annulez la commande »: whether the order can still be cancelled, from it, and the
        cancellation recorded when it can (ordered, not to be offered)."""
        state.problem_text = u.text
        out = await self._answer_order(state, MODIFY_TOPIC, u)
        if state.awaiting is Awaiting.CONFIRMATION and signals.orders_a_change(u.text):
            out = out[:-1] + await self._submit(state, u)
        return out

    async def _gift_wrap(self, state: State, u: Understanding) -> list[Message]:
        """Whether the verified order has its gift wrap, from it."""
        assert state.verified
        try:
            order = await self.orders.find_order(state.verified, state.verified_proof or "",
                                                 u.client)  # fmt: skip
        except (BackendUnavailable, OrderNotFound, TooManyAttempts) as error:
            return self._request_failed(state, error)
        return [Message(text=text) for text in gift_wrap_of(order).messages]

    async def _answer_order(self, state: State, topic: str, u: Understanding) -> list[Message]:
        """The answer to `topic` from the verified order."""
        assert state.verified and state.verified_proof
        problem_text = state.problem_text or u.text
        state.problem = state.problem_text = None
        state.last_topic = _faq_topic(topic)
        try:
            if topic in LOYALTY_TOPICS:
                loyalty = await self.orders.loyalty(state.verified, state.verified_proof, u.client)
                reply = loyalty_balance(loyalty)
            else:
                order = await self.orders.find_order(state.verified, state.verified_proof, u.client)
                if topic == STATUS_TOPIC and order.status is OrderStatus.LIVRE and \
                        not u.reference and state.last_prompt in DELIVERED_ANSWERS:  # fmt: skip
                    # « il est ou du coup » right after « Livré »: not received, then (and,
                    # asked again, the same answer, which gives way to customer service).
                    topic = NOT_RECEIVED_TOPIC
                    state.last_topic = _faq_topic(topic)
                items = [line.name for line in order.lines]
                if topic == INCOMPLETE_ITEM_TOPIC and names_a_whole_item(problem_text, items):
                    # « NBVCXWQSD manque le puzzle », the puzzle one of its items: that item is
                    # missing from the parcel, not a piece of it.
                    topic = MISSING_ITEM_TOPIC
                    state.last_topic = _faq_topic(topic)
                reply = answer_about_order(topic, order, self.now())
                rule = _personalised_rule()
                # (the item may have been described in the message before: « le texte du
                # cadre photo est faux » then « je peux le renvoyer ? ».)
                personalised = any(
                    signals.describes_a_personalised_item(said)
                    or signals.names_personalisation(said)
                    for said in (problem_text, u.previous_text)
                )
                if topic == RETURNS_TOPIC and rule and personalised and \
                        "personnalis" not in signals.fold(" ".join(reply.messages)):  # fmt: skip
                    # « un bijou gravé au prenom de ma copine ca se renvoie ? » about an order
                    # without any: the FAQ's rule on personalised products, after its returns.
                    reply = replace(reply, messages=(*reply.messages, rule))
                if topic == RECEPTION_TOPIC and u.topic in RECEPTION_FAQ and \
                        order.status not in STILL_TO_RECEIVE:  # fmt: skip
                    # « vous etes ouverts quels jours ? » about an order collected long ago:
                    # its status, then the FAQ's answer (not the status alone).
                    reply = replace(reply, messages=(*reply.messages, faq_answer(u.topic)))
        except (BackendUnavailable, OrderNotFound):
            return self._backend_down(state)
        except TooManyAttempts as error:
            return self._too_many(state, error)
        key = _answer_key(topic)
        out = self._follow_up(state, reply, problem_text)
        # The same answer, or one the last reply already said word for word (« ah bon ?? mais
        # j'ai payé pourtant moi » after the status « en attente de paiement »).
        texts = [m.text for m in out if m.text]
        again = state.last_prompt == key or (
            bool(texts) and bool(u.last_reply) and all(text in u.last_reply for text in texts)
        )
        asked_for = signals.asks_to_pass_on(problem_text) or \
            (state.investigation and signals.demands_investigation(problem_text))  # fmt: skip
        if state.awaiting is Awaiting.CONFIRMATION and not state.photo_instruction and asked_for:
            # « je voudrais payer par paypal a la place, vous pouvez faire la demande ? »: asked
            # for, not to be offered.
            out = out[:-1] + await self._submit(state, u)
        if out and out[0].text is not None:
            out[0].key = key
        if _asks_where_the_photo_goes(state, u):
            out.append(Message(text=WHERE_TO_SEND_THE_PHOTO))  # « jenvoie la photo ou ? »
        if again and state.awaiting is Awaiting.NOTHING:
            # The same answer twice in a row: it does not answer what the customer asks (with
            # an offer pending, the offer is what comes next).
            out += _no_more_information(out)
        return out

    @staticmethod
    def _checks_done(state: State, u: Understanding) -> bool:
        """While an investigation is offered, the customer says the checks found nothing or
        asks what the shop can do (not another topic's question)."""
        return (
            state.investigation
            and signals.says_checks_done(u.text)
            and not (u.retrieval and u.topic not in PARCEL_TOPICS)
        )

    def _said_of_the_problem(self, state: State, u: Understanding) -> list[str]:
        """A question on the product's problem whose request is offered (the topic just
        answered): the sentences of its FAQ answer about it, if they share enough with the
        question (cadomaestro/dialogue/recall.py). (A parcel's questions are the order's to
        answer: « pk il revient ? » is answered by its tracking.)"""
        topic = state.last_topic
        if self.recall is None or topic not in AFTER_SALES_TOPICS:
            return []
        # Its sentence alone: the next one is the answer's, not the question's. The offer
        # passes the request on itself: a sentence that sends the customer to the contact form
        # is said from its colon on (« …: nos conseillers feront le nécessaire pour vous
        # renvoyer l’élément manquant »).
        said = self.recall.answer(u.text, faq_answer(topic), strict=True)[:1]
        return [_beyond_the_contact_form(sentence) for sentence in said]

    def _about_the_order(self, state: State, u: Understanding) -> str | None:
        """While a request's offer waits, a question about the verified order that leaves it
        pending: where it is (« il est où ? »: STATUS_TOPIC), or how it reaches the
        customer (RECEPTION_TOPIC, `_asks_how_it_reaches`); None otherwise."""
        if not state.verified or state.locked or u.reference:
            return None
        if signals.asks_where_it_is(u.text):
            return STATUS_TOPIC
        return RECEPTION_TOPIC if self._asks_how_it_reaches(state, u) else None

    async def _item_of_the_returns(self, state: State, u: Understanding) -> str | None:
        """A short message that only names one item of the order, right after its returns
        answer (or one of its items): that item's line of the answer (« Plaque gravée :
        article personnalisé, il ne peut pas être retourné »); or what the return costs, asked
        again (« c gratuit du coup ? »), its sentence alone."""
        if not state.verified or not state.verified_proof or state.locked or u.reference or \
                u.proof or _answered_topic(state.last_prompt) != RETURNS_TOPIC:  # fmt: skip
            return None
        cost = u.topic == RETURNS_TOPIC and signals.asks_cost(u.text)
        how = signals.asks_how_to_do(u.text) and not cost
        words = len(u.text.split())
        if not cost and words > (HOW_WITH_ITEM_MAX_WORDS if how else ITEM_NAMED_MAX_WORDS):
            return None
        try:
            order = await self.orders.find_order(state.verified, state.verified_proof, u.client)
        except (BackendUnavailable, OrderNotFound, TooManyAttempts):
            return None  # answered as any other message
        returns = answer_about_order(RETURNS_TOPIC, order, self.now()).messages
        if cost:
            # Its cost as the returns answer says it: only when something can still be returned
            # (not for an order whose window is over, or whose items are all personalised).
            said = return_cost(order)
            return said if said in "\n".join(returns) else None
        if how and how_to_return() in returns:
            # « et le puzzle aussi, jfais comment ? », « et pour lautre je fais comment »: the
            # FAQ's steps.
            return how_to_return()
        line = None if how else list_item_named(u.text, "\n".join(returns))
        return None if line is None else item_line(order, line)

    def _asks_how_it_reaches(self, state: State, u: Understanding) -> bool:
        """« et ou pourrai je la retirer ensuite ? » once an order is verified: unsure between
        the warehouse's topics, so about how that order reaches the customer."""
        close = self._close_topics(u)
        return bool(
            state.verified and not state.locked and u.fallback and close
            and close[0] in RECEPTION_FAQ
            and all(key in RECEPTION_FAQ | DELIVERY_CHANGE_FAQ for key in close)
        )  # fmt: skip

    async def _answer_then_ask(
        self, state: State, u: Understanding, topic: str | None
    ) -> list[Message]:
        """The verified order's answer on `topic` alone (none for `topic` None), then the
        pending offer or question as it was (its request, in the customer's first words,
        unchanged). Once it was asked again (`OFFER_AGAIN`), not a third time: the answer alone
        and nothing passed on, or the contacts when there is no answer to give."""
        again = state.last_prompt == OFFER_AGAIN
        if topic is None and again:
            state.clear_request()
            state.awaiting = Awaiting.NOTHING
            return _handover()
        if topic is None:
            return self._offer_again(state)
        try:
            answer = await self._order_messages(state, u, topic)
        except (BackendUnavailable, OrderNotFound, TooManyAttempts) as error:
            return self._request_failed(state, error)
        if again:
            state.clear_request()
            state.awaiting = Awaiting.NOTHING
            return answer
        return answer + self._offer_again(state)

    async def _order_messages(self, state: State, u: Understanding, topic: str) -> list[Message]:
        """The verified order's answer on `topic`, its messages alone (no follow-up: a request
        pending stays as it is). Raises the order backend's errors."""
        assert state.verified and state.verified_proof
        order = await self.orders.find_order(state.verified, state.verified_proof, u.client)
        reply = answer_about_order(topic, order, self.now())
        return [Message(text=text) for text in reply.messages]

    @staticmethod
    def _asks_the_change_offered(state: State, u: Understanding) -> bool:
        """The message asks for the very change whose request is offered (« pour passer en
        carte bancaire, comment ça se passe ? » while the payment's change is)."""
        if not (_changes(state) and state.request_kind):
            return False
        topic = u.topic if u.retrieval else None
        if (topic is None or topic in PAYMENT_FAQ) and signals.pays_otherwise(u.text):
            topic = CHANGE_PAYMENT_TOPIC  # (read with its context, it may read as nothing sure)
        offered = RequestKind(state.request_kind)
        # (« plutot que d'annuler je peux juste changer l'adresse ? » asks another change.)
        return change_kind(topic) == offered and request_kind_for(offered, u.text) == offered

    async def _aside(self, state: State, u: Understanding) -> list[Message]:
        """A question asked while an offer waits for its yes: answered as if nothing were
        pending, then the offer asked again, unless the answer asked something else."""
        pending = replace(state)
        state.clear_request()
        out = await self._respond(state, u)
        if state.awaiting is not Awaiting.NOTHING or state.request_kind or \
                state.verified != pending.verified:  # fmt: skip
            return out
        for name in ("request_kind", "request_follow_up", "request_question", "details"):
            setattr(state, name, getattr(pending, name))
        state.awaiting = Awaiting.CONFIRMATION
        return out + self._offer_again(state)

    def _offer_again(self, state: State) -> list[Message]:
        """The pending yes/no offer asked once more, counted as such (`OFFER_AGAIN`)."""
        again = self._ask_follow_up(state)
        again[0].key = OFFER_AGAIN
        return again

    def _follow_up(self, state: State, reply: Reply, problem_text: str) -> list[Message]:
        """The reply, then its follow-up: a question, or a yes/no offer to pass a request on."""
        out = [Message(text=text) for text in reply.messages]
        state.clear_request()
        if reply.follow_up is FollowUp.NONE or reply.kind is None or reply.question is None:
            return out
        state.request_kind = request_kind_for(reply.kind, problem_text).value
        state.request_follow_up = reply.follow_up.value
        state.request_question = reply.question
        state.photo_instruction = reply.photo
        state.details = problem_text
        if reply.follow_up is FollowUp.DETAILS and _detailed(problem_text) and reply.photo:
            # What happened is already said: the photo the FAQ requires.
            state.awaiting = Awaiting.PHOTO
            return out + [Message(response="utter_ask_photo",
                                  values={"consigne_photo": reply.photo})]  # fmt: skip
        # « je peux payer avec paypal a la place ? » says what to change
        named = reply.kind is RequestKind.CHANGEMENT_PAIEMENT and \
            signals.names_payment_method(problem_text)  # fmt: skip
        if reply.follow_up is FollowUp.DETAILS and (_detailed(problem_text) or named):
            # Already said: confirm it rather than ask again.
            state.request_follow_up = FollowUp.CONFIRMATION.value
            state.request_question = _confirmation_question(problem_text, state.verified,
                                                            state.request_kind)  # fmt: skip
        if reply.kind in CHANGE_KINDS and "@" not in (state.verified_proof or "") and state.locked:
            state.clear_request()
            return out + self._locked(state)
        if reply.kind in CHANGE_KINDS and "@" not in (state.verified_proof or ""):
            # Changing an order needs its e-mail, not only the postcode (docs/rules.md,
            # "Decisions"): nothing is passed on before it.
            state.awaiting = Awaiting.EMAIL
            return out + [Message(text=EMAIL_NEEDED, key=EMAIL_NEEDED)]
        return out + self._ask_follow_up(state)

    def _ask_follow_up(self, state: State) -> list[Message]:
        question = state.request_question or ""
        if state.request_follow_up == FollowUp.CONFIRMATION.value:
            state.awaiting = Awaiting.CONFIRMATION
            return [Message(text=question, buttons=list(YES_NO))]
        state.awaiting = Awaiting.DETAILS
        return [Message(text=question)]

    async def _check_email(self, state: State, email: str, u: Understanding) -> list[Message]:
        """The order's e-mail, asked before a change when the postcode proved the order."""
        assert state.verified
        try:
            await self.orders.find_order(state.verified, email, u.client)
        except OrderNotFound:
            state.failures += 1
            if state.locked:
                state.clear_request()
                return [Message(response="utter_identification_abandonnee"),
                        Message(response="utter_parler_humain")]  # fmt: skip
            return [Message(response="utter_email_incorrect")]
        except BackendUnavailable:
            return self._backend_down(state)
        except TooManyAttempts as error:
            return self._too_many(state, error)
        state.verified_proof = email
        beside = _words_beside_identifiers(u) >= DETAILED_WORDS and not _is_question(u.text)
        if beside:  # « claire.martin@example.fr, le bon prenom c Maelys pas Maelis »
            state.details = _joined(state.details, u.text.strip())
        if state.request_follow_up == DETAILS_GIVEN or beside:
            # What to change was said while the e-mail was asked, or with it.
            return await self._submit(state, u)
        kind = RequestKind(state.request_kind or RequestKind.MODIFICATION.value)
        return [Message(text=email_confirmed(kind, state.verified)), *self._ask_follow_up(state)]

    def _not_details(self, state: State, u: Understanding) -> list[Message]:
        """Thanks, « ok », a bare yes or small talk while details are awaited: nothing is
        recorded; the question is asked again once, then nothing is passed on."""
        thanks = _thanks(u)
        out = [Message(response="utter_iamabot")] if u.intent == "bot_challenge" else []
        if state.last_prompt == DETAILS_REMINDED:
            state.clear_request()
            return out + [Message(text=nothing_sent(thanks=thanks))]
        kind = RequestKind(state.request_kind or RequestKind.MODIFICATION.value)
        reminder = details_reminder(kind, state.request_question or "", thanks=thanks)
        return out + [Message(text=reminder, key=DETAILS_REMINDED)]

    def _instead_of_email(self, state: State, u: Understanding) -> list[Message] | None:
        """A message instead of the order's e-mail, asked before a change: what to change is
        kept for the request, thanks or a postcode get the e-mail asked again in other words;
        never the same sentence twice in a row. None: the message is read as usual (a question,
        another request, no e-mail at hand)."""
        if state.locked or not state.request_kind:
            return None
        words = u.text.split()
        if self._yes_no(u) is False and len(words) <= 2:
            return self._drop(state)  # « non »: nothing passed on
        if signals.has_no_reference(u.text):
            return None
        if signals.asks_why_the_email(u.text):
            # « pk le code postal suffit pas ?? c ma commande quand meme »: why, then the e-mail
            # asked again (the change waits for it).
            return [Message(text=f"{WHY_THE_EMAIL} {email_still_needed()}")]
        if signals.is_courtesy(u.text) or (u.proof and len(words) == 1):
            again = email_still_needed("Avec plaisir !" if _thanks(u) else "")
            if state.last_prompt == again:
                state.clear_request()
                return [Message(text=nothing_sent(thanks=_thanks(u)))]
            return [Message(text=again, key=again)]
        kind = change_kind(u.topic) if u.retrieval else None
        same = kind is not None and _family(kind) == _family(RequestKind(state.request_kind))
        # (« et une fois arrive a la station jai combien de temps pr le recup » asks, by its
        # words: no detail of the change.)
        said = not u.retrieval and not _is_question(u.text) and len(words) >= 2 and \
            u.intent not in SMALL_TALK and not signals.asks_by_its_words(u.text)  # fmt: skip
        said = said or _details_of_a_change(state, u)
        if not (same or said):
            return None
        state.details = _joined(state.details, u.text.strip())
        state.request_kind = request_kind_for(RequestKind(state.request_kind), u.text).value
        state.request_follow_up = DETAILS_GIVEN
        again = email_still_needed(NOTED)
        if state.last_prompt == NO_EMAIL_YET:
            state.clear_request()
            return [Message(text=NO_EMAIL), Message(response="utter_parler_humain")]
        if state.last_prompt == again:  # asked twice already: customer service too
            return [Message(text=NO_EMAIL_YET, key=NO_EMAIL_YET),
                    Message(response="utter_parler_humain")]  # fmt: skip
        return [Message(text=again, key=again)]

    async def _take_details(self, state: State, u: Understanding) -> list[Message]:
        text = u.text.strip()
        if len(text) < 3:
            return self._ask(state, Awaiting.DETAILS, "utter_details_trop_courts")
        state.details = _joined(state.details, text)
        state.request_kind = request_kind_for(RequestKind(state.request_kind or ""), text).value
        if state.photo_instruction:
            if u.attachment:
                return await self._submit(state, u, photo=u.attachment)
            if signals.asks_to_pass_on(text):  # « … ya rien. faites remonter au sav svp »
                return await self._submit(state, u, photo=LATER)
            state.awaiting = Awaiting.PHOTO
            return [Message(response="utter_ask_photo",
                            values={"consigne_photo": state.photo_instruction})]  # fmt: skip
        return await self._submit(state, u)

    async def _take_photo(self, state: State, u: Understanding) -> list[Message]:
        if u.attachment:
            return await self._submit(state, u, photo=u.attachment)
        back = signals.asks_to_send_it_back(u.text)  # « je peux pas juste le renvoyer ? »
        if (signals.photo_later(u.text) or self._yes_no(u) is False) and not back:
            return await self._submit(state, u, photo=LATER)
        if signals.asks_to_pass_on(u.text):
            # « faites remonter au sav svp », « pouvez-vous quand même signaler le problème ? »:
            # recorded now, the photo to send later (what the confirmation says).
            extra = u.text if len(u.text.split()) > 2 else None
            return await self._submit(state, u, photo=LATER, extra=extra)
        if _is_question(u.text) and signals.asks_where_to_send_photo(u.text):
            # « Je l'envoie ou la photo ? »: the prompt says where (not the problem's topic
            # again, which would drop the request).
            return [Message(response="utter_ask_photo",
                            values={"consigne_photo": state.photo_instruction})]  # fmt: skip
        if self._is_new_question(u) or back:
            # (« bon et si je renvoie toute la commande plutot ? »: its returns, below.)
            pending = (state.request_kind, state.request_question, state.photo_instruction)
            state.awaiting = Awaiting.NOTHING
            out = await self._respond(state, u)
            now_pending = (state.request_kind, state.request_question, state.photo_instruction)
            if state.awaiting is not Awaiting.NOTHING or now_pending != pending:
                return out  # the question led elsewhere: nothing is sent without a new yes
            state.awaiting = Awaiting.PHOTO  # answered: the photo is still awaited
            prompt = Message(response="utter_ask_photo",
                             values={"consigne_photo": state.photo_instruction})  # fmt: skip
            if all(_said_in(m.text, u.last_reply) for m in out):
                return [prompt]  # « je lenvoie ou la photo ? »: the prompt says it, once
            return [*out, prompt]
        if _is_question(u.text) and not (
            state.last_prompt == "utter_ask_photo" and state.repeats >= MAX_SAME_PROMPT
        ):  # « la photo doit montrer quoi ? » is no details; asked again, the request is sent
            return [Message(response="utter_ask_photo",
                            values={"consigne_photo": state.photo_instruction})]  # fmt: skip
        extra = None if signals.is_courtesy(u.text) else u.text  # « merci » is no claim
        return await self._submit(state, u, photo=LATER, extra=extra)

    async def _submit(
        self, state: State, u: Understanding, photo: str | None = None, extra: str | None = None
    ) -> list[Message]:
        """Record the request with customer service, with the customer's own words."""
        if not (state.verified and state.verified_proof and state.request_kind):
            state.clear_request()
            return [Message(response="utter_ask_question")]
        details = _joined(state.details, extra) or state.request_question or ""
        kind = RequestKind(state.request_kind)
        attachments = [photo] if photo and photo != LATER else []
        instruction = state.photo_instruction  # (cleared with the request, said after it)
        call_back = calls_back(instruction)
        try:
            created = await self.orders.create_request(
                state.verified, state.verified_proof, kind=kind.value,
                conversation_id=u.conversation_id, details=details[:4000],
                attachments=attachments, client=u.client,
            )  # fmt: skip
        except (BackendUnavailable, OrderNotFound, TooManyAttempts) as error:
            return self._request_failed(state, error)
        state.clear_request()
        return [Message(key=REQUEST_RECORDED, text=request_confirmation(
            kind, int(created["id"]), state.verified, photo=instruction,
            photo_sent=bool(attachments), calls_back=call_back))]  # fmt: skip

    async def _and_then_asks(self, state: State, u: Understanding) -> list[Message]:
        """After a request recorded on a yes, the question the same message asks next (« Oui
        merci. Et au fait, combien de points cette commande me rapporte ? »): answered as if
        asked alone, unless it is about the request just recorded (its topic) or its topic is
        unsure. (A person asked for after the yes is `_respond`'s first case.)"""
        question = _question_after_the_first_sentence(u.text)
        if question is None or not u.retrieval or u.topic == state.problem or \
                state.awaiting is not Awaiting.NOTHING:  # fmt: skip
            return []
        return await self._topic(state, replace(u, text=question))

    async def _asked_after_the_first_sentence(
        self, state: State, u: Understanding
    ) -> list[Message] | None:
        """The answer to the question a message asks after its first sentence, read on its own
        (what the classifier read was the first sentence's); None when it asks none."""
        question = _question_after_the_first_sentence(u.text, by_its_words=True)
        if question is None:
            return None
        return await self._respond(state, replace(u, text=question, intent="nlu_fallback"))

    def _drop(self, state: State, text: str = "") -> list[Message]:
        """Nothing passed on; with the way to a person when the customer wants what only it
        can decide (« non laissez tomber votre enquete je veux juste mon argent »)."""
        pending = state.request_kind or state.awaiting is not Awaiting.NOTHING
        investigation = state.investigation and state.awaiting is Awaiting.CONFIRMATION
        state.clear_request()
        state.awaiting = Awaiting.NOTHING
        state.problem = state.problem_text = None
        out = [Message(response="utter_rien_transmis" if pending else "utter_no_problem")]
        if investigation:
            out.append(Message(text=INVESTIGATION_LATER))
        if signals.wants_money_back(text):
            out = [Message(text=REFUND_WITH_THEM), Message(response="utter_parler_humain")]
        return out

    # Questions.
    async def _topic(
        self, state: State, u: Understanding, topic: str | None = None
    ) -> list[Message]:
        topic = topic or u.topic or ""
        if state.verified and topic in PAYMENT_FAQ and signals.pays_otherwise(u.text):
            topic = CHANGE_PAYMENT_TOPIC  # « ma cb passe pas, je peux payer autrement ? »
        # « l'entrepot de veauche il ouvre le samedi ? » read as asking to collect there: the
        # warehouse's days, in the topic's own answer when it says them (« c'est gratuit ? vous
        # etes ouverts quels jours ? »), not a change of the order verified.
        hours = topic in DELIVERY_CHANGE_FAQ and signals.asks_hours(u.text)
        if hours and _DAYS not in faq_answer(topic):
            topic = WAREHOUSE_HOURS_TOPIC
        rule = _personalised_rule()
        if topic == PERSONALISATION_TOPIC and state.last_topic == _faq_topic(RETURNS_TOPIC) and \
                rule and signals.describes_a_personalised_item(u.text) and \
                not signals.asks_to_change(u.text):  # fmt: skip
            # « Qu'en serait-il d'un coussin brodé au prénom de ma petite-fille ? » after the
            # returns' answer: its rule on personalised products.
            state.misses = 0
            return [Message(text=rule)]
        sends_back = signals.asks_to_send_it_back(u.text) and not signals.asks_to_change(u.text)
        if topic == PERSONALISATION_TOPIC and rule and sends_back and not state.verified and \
                state.awaiting not in ASKED:  # fmt: skip
            # « le mug personnalisé avec le prenom de ma belle mere, je pourrai le rendre si elle
            # aime pas ? » (read as a personalisation): the returns' rule on personalised
            # products, then the offer to check an order.
            state.misses = 0
            state.last_topic = RETURNS_TOPIC
            self._remember_problem(state, u, RETURNS_TOPIC)
            state.awaiting = Awaiting.ORDER_OFFER
            return [Message(text=rule), Message(response="utter_proposer_verification")]
        state.misses = 0
        state.last_topic = topic
        if hours:
            return self._faq_answer(state, u, topic)
        personal = signals.is_personal(u.text)
        if signals.in_general(u.text) and not personal:  # « en general », whatever the order
            answer = self._faq_answer(state, u, topic)  # « si je commande ce soir… »: estimates
            answer += self._second_answer(state, u, topic, answer)
            return answer + (await self._reprompt(state, u) if state.awaiting in ASKED else [])
        identifying = state.awaiting in ASKED
        if topic in LOYALTY_TOPICS and u.customer_email and not state.locked:
            # Logged in: their points, from their account, without any order.
            out = await self._account_loyalty(state, u)
            if identifying and state.awaiting is Awaiting.REFERENCE and state.problem:
                out += await self._reprompt(state, u)  # the identification goes on
            return out
        if needs_order(topic) and state.awaiting is Awaiting.EMAIL and state.verified and \
                not state.locked:  # fmt: skip
            # « et je peux rajouter un 2e article ? » while the e-mail a change needs is
            # awaited: this order's answer, then the e-mail asked again (the change waits).
            try:
                answer = await self._order_messages(state, u, topic)
            except (BackendUnavailable, OrderNotFound, TooManyAttempts) as error:
                return self._request_failed(state, error)
            return answer + await self._reprompt(state, u)
        if needs_order(topic) and identifying and (state.problem or state.reference):
            # A question while the order is being identified: answered, and the problem the
            # identification is for stays; with none yet (the reference given alone), the
            # question's topic is that problem (« je veux retourner le coffret » while the
            # proof is asked: the proof again, not the reference).
            # A change asked after a question (« Ah dommage. Je peux encore changer le prénom
            # dessus alors ? » after the returns'): the change is what the order is checked for.
            # (Only after the returns' question: a parcel's problem or a defect stays.)
            moves_on = change_kind(topic) is not None and state.problem == RETURNS_TOPIC
            if not state.problem or moves_on:
                self._remember_problem(state, u, topic)
            return [Message(response=f"utter_{topic}"), *await self._reprompt(state, u)]
        asked = _question_sentence(u.text) or ""
        if (
            needs_order(topic)
            and state.verified
            and (
                signals.in_general(u.text)
                or (topic in AFTER_SALES_TOPICS and signals.hypothetical(asked))
            )
        ):
            # « bon. et si un produit arrive casse je fais comment » with an order verified: the
            # FAQ's answer, not that order's; « … et si jamais on le retrouve abimé je fais
            # comment ? » too: nothing is damaged yet.
            return [Message(response=f"utter_{topic}")]
        if needs_order(topic):
            self._remember_problem(state, u, topic)
            if state.verified:
                return await self._answer_order(state, topic, u)
            if state.reference and state.proof and not state.locked:
                return await self._identify(state, u)  # given before the backend failed
            if state.locked:
                return [Message(response=f"utter_{topic}"),
                        Message(response="utter_identification_verrouillee"),
                        Message(response="utter_parler_humain")]  # fmt: skip
            if topic in LOYALTY_TOPICS and signals.asks_where_to_find(u.text):
                # « et je les vois ou mes points »: where they show is the FAQ's answer itself;
                # their order offered to be checked for the balance.
                state.awaiting = Awaiting.ORDER_OFFER
                return [Message(response=f"utter_{topic}"),
                        Message(response="utter_proposer_verification")]  # fmt: skip
            if personal and signals.says_no_reference(u.text):
                # « je veux annuler … mais jai pas le num »: the general answer, then where to
                # find the reference.
                state.awaiting = Awaiting.NOTHING  # (the answer is not given yet)
                return self._without_reference(state, keep_problem=True)
            asks = _is_question(u.text) or signals.asks_by_its_words(u.text)
            # What the customer can check or prepare at once (the neighbours, the photos) is
            # said before the order is asked, however the problem is put.
            checks = topic == NOT_RECEIVED_TOPIC or topic in AFTER_SALES_TOPICS
            if signals.hypothetical(u.text) and signals.names_pickup_station(u.text):
                # « slt si jvais pas chercher mon colis dans la pickup station a temps il vous
                # revient ? »: a case put in general, with the station's days to collect it.
                state.awaiting = Awaiting.ORDER_OFFER
                return [Message(response=f"utter_{topic}"),
                        Message(text=HOW_TO_RECEIVE[ShippingMethod.PICKUP_STATION]),
                        Message(response="utter_proposer_verification")]  # fmt: skip
            if personal and (asks or checks or signals.asks_what_next(u.text)):
                # A question about their own order, however punctuated (« jpense que mon colis
                # est perdu jfais quoi »): its general answer, then the order.
                answer = [Message(response=f"utter_{topic}")]
                return answer + await self._ask_reference(state, u)
            if personal:
                return await self._ask_reference(state, u)
            # A general question: the FAQ's answer at once, then the offer to check an order.
            state.awaiting = Awaiting.ORDER_OFFER
            return [Message(response=f"utter_{topic}"),
                    Message(response="utter_proposer_verification")]  # fmt: skip
        if topic == ABSENCE_TOPIC and not state.verified and signals.names_pickup_station(u.text):
            # « si la personne va pas chercher le colis a la pickup station il se passe quoi ? »:
            # how the station keeps it (3 days, then back to the shop), not a doorstep's absence.
            return [Message(text=HOW_TO_RECEIVE[ShippingMethod.PICKUP_STATION])]
        if topic in RECEPTION_FAQ and state.verified and not state.locked:
            if signals.leaves_with_someone(u.text):
                # « le livreur peut le laisser au gardien ? »: an instruction for this order's
                # delivery (its carrier's phone once shipped), not what happens when nobody is in.
                return await self._answer_order(state, DELIVERY_INSTRUCTIONS_TOPIC, u)
            return await self._answer_order(state, RECEPTION_TOPIC, u)
        changes_delivery = topic in DELIVERY_CHANGE_FAQ or _changes_delivery_method(topic, u.text)
        if changes_delivery and not state.verified and personal and \
                signals.says_no_reference(u.text):  # fmt: skip
            # « jai deja commandé hier mais jai pas le num, je peux la passer en retrait
            # entrepot ? »: a change of their order, whose reference is to be found first.
            self._remember_problem(state, u, MODIFY_TOPIC)
            return self._without_reference(state, keep_problem=True)
        if changes_delivery and state.verified and not state.locked:
            return await self._answer_order(state, MODIFY_TOPIC, u)
        if topic == ADDRESSES_TOPIC and state.verified and not state.locked and \
                signals.asks_to_change(u.text):  # fmt: skip
            # « et jpeux changer l adresse aussi ? » with an order verified: that order's
            # delivery address, not the account's address book.
            return await self._answer_order(state, MODIFY_TOPIC, u)
        adds = signals.adds_or_takes_off(u.text)
        if topic in GIFT_WRAP_FAQ and state.verified and not state.locked and adds is not None:
            # Added to the verified order, or taken off it (a change of its content).
            return await self._answer_order(state, GIFT_WRAP_TOPIC if adds else MODIFY_TOPIC, u)
        # (Told where the reference is just before, they have none at hand: « bon tant pis. en
        # colissimo ca met cb de temps ? vu que jai commandé tard » gets the FAQ's answer.)
        told_where = not state.verified and _WHERE_THE_REFERENCE_IS.search(u.last_reply)
        general = signals.in_general(u.text) or signals.asks_what_it_is(u.text) or \
            (not state.verified and signals.hypothetical(u.text)) or bool(told_where)  # fmt: skip
        if topic in ORDER_RELATIVE_FAQ and (state.verified or personal) and not state.locked and \
                not general:  # fmt: skip
            # (« et si je commande ce soir vers 17h ca part quand ? », « l'option retour à 1€ ça
            # sert à quoi ? »: the FAQ's answer.)
            self._remember_problem(state, u, ORDER_RELATIVE_FAQ[topic])
            if state.verified:
                return await self._answer_order(state, ORDER_RELATIVE_FAQ[topic], u)
            if personal and not (topic == CONFIRMATION_MAIL_TOPIC and _MAIL.search(u.text)):
                asked = _question_sentence(u.text)
                if asked and asked != u.text and not signals.is_personal(asked):
                    # « vous livrez en combien de temps en colissimo ? j'ai commandé hier
                    # soir »: the question put in general is answered, then their order asked.
                    return self._faq_answer(state, u, topic) + await self._ask_reference(state, u)
                return await self._ask_reference(state, u)
            state.problem = state.problem_text = None
        out = self._faq_answer(state, u, topic)
        out += self._second_answer(state, u, topic, out)
        then = _question_after_the_first_sentence(u.text) or ""
        if topic in LOYALTY_CATEGORY_TOPICS and topic != POINTS_TOPIC and not state.verified and \
                state.awaiting not in ASKED and signals.is_personal(then) and \
                signals.asks_how_many(then):  # fmt: skip
            # « comment marchent les points fidelite ? et jen ai combien moi ? »: where their
            # points show, and their order offered to be checked for them.
            self._remember_problem(state, u, POINTS_TOPIC)
            state.awaiting = Awaiting.ORDER_OFFER
            return out + [Message(response=f"utter_{POINTS_TOPIC}"),
                          Message(response="utter_proposer_verification")]  # fmt: skip
        if state.awaiting in ASKED:
            # The question answered, the identification goes on.
            out += await self._reprompt(state, u)
        elif state.awaiting is Awaiting.ORDER_OFFER:
            state.awaiting = Awaiting.NOTHING
        return out

    async def _answered_aside(
        self, state: State, u: Understanding, said: list[Message]
    ) -> list[Message]:
        """A follow-up answered aside of the classifier's reading (the PickUp Station's code, the
        returns' steps, the warehouse's ID…): understood; an offer to check an order is closed
        by it, as by any answer (`_topic`), and an identifier being asked is asked again."""
        state.misses = 0
        if state.awaiting is Awaiting.ORDER_OFFER:
            state.awaiting = Awaiting.NOTHING
        return said + (await self._reprompt(state, u) if state.awaiting in ASKED else [])

    def _estimates(self, u: Understanding, country: str | None, carrier: str | None) -> str:
        """The delivery estimates of an order placed now, or on the day the customer asks about
        (« et si je commande un samedi ? »), at the hour they say if they do."""
        day = signals.ordering_day(u.text)
        if day is None:
            return delivery_estimates(self.now(), country, carrier)
        when = _next_weekday(self.now(), day, signals.ordering_hour(u.text) or DEFAULT_ORDER_HOUR)
        return delivery_estimates(when, country, carrier, said_day=True)

    def _faq_answer(self, state: State, u: Understanding, topic: str) -> list[Message]:
        """The FAQ's answer, with what completes it: the delivery estimates of an order placed
        now, whether prices include VAT where the customer named, whether the country named is
        served."""
        out = [Message(response=f"utter_{topic}")]
        if topic in ESTIMATE_TOPICS:
            # The place named now or before (« je suis en martinique »), kept by `respond`.
            out.append(Message(text=self._estimates(u, state.country, u.carrier)))
        if topic == PRICES_TOPIC and state.country:  # « vos prix sont ttc pour la suisse ? »
            out.append(Message(text=prices_in(state.country, with_the_answer=False)))
        if topic == COUNTRIES_TOPIC and u.country:
            # « vous livrez au canada ? », « et en suisse » : whether that country is served,
            # and by which methods.
            out.append(Message(text=methods_to(u.country)))
        if topic not in REACHING_US and signals.asks_for_a_quote(u.text):
            # « un devis de 150 mugs pour un séminaire, vous faites des prix ? » read as the
            # quantity discounts: how to ask for the quote too.
            out.append(Message(text=PROFESSIONAL_CONTACTS))
        return out

    def _second_answer(
        self, state: State, u: Understanding, topic: str, given: list[Message]
    ) -> list[Message]:
        """The FAQ's answer to the message's second question, after the first's (`given`),
        without what that one already said (the delivery estimates), when it is the same
        whatever the order: not one that may be about the order verified or spoken of. Asked
        only after a general answer: the first question's answer from an order, or its
        identification, keeps the conversation on that order."""
        second = u.second_topic
        if not second or second == topic or needs_order(second):
            return []
        if second in ORDER_SENSITIVE_FAQ and (state.verified or signals.is_personal(u.text)):
            return []
        state.last_topic = second  # what a follow-up (« et en suisse ? ») is about
        return [m for m in self._faq_answer(state, u, second) if m not in given]

    async def _small_talk(self, state: State, u: Understanding) -> list[Message]:
        courtesy = u.fallback and signals.is_courtesy(u.text)  # « Merci beaucoup, bonne journée »
        last = signals.said(u.text)[-1]
        # « Fort bien. Je me résoudrai donc à le déguster. Je vous souhaite une excellente
        # journée. »: a goodbye at the end of what was said, no question.
        # (« Très bien c'est noté. Merci mille fois, bonne journée » too, read as thanks, and
        # « non c'est tout merci bonne soirée », read as a no.)
        leaves = (u.fallback or u.intent in ("thanks", "deny")) and \
            signals.says_goodbye(last) and not signals.asks(u.text)  # fmt: skip
        if signals.found_the_parcel(u.text) and state.last_topic in PARCEL_TOPICS:
            # « c'est bon la gardienne l'avait gardé !! merci » after the parcel's answer.
            return [Message(text=PARCEL_FOUND)]
        if u.intent == "goodbye" or (courtesy and signals.says_goodbye(u.text)) or leaves:
            return [_goodbye(u.text)]
        if u.intent == "thanks" or (courtesy and _thanks(u)):
            return [Message(response="utter_thanks")]
        if u.intent == "bot_challenge":
            if signals.asks_for_a_real_one(u.text):  # « y a qqn de vrai ici ou c que des bots »
                state.last_topic = CONTACTS_TOPIC
                return [Message(response="utter_iamabot"), Message(response="utter_parler_humain")]
            return [Message(response="utter_iamabot")]
        asked = _question_sentence(u.text)
        if u.intent == "out_of_scope" and asked and self.recall is not None \
                and len(asked.split()) <= SHORT_QUESTION_WORDS:  # fmt: skip
            # « une photo de quoi ? » right after the photos asked: no other subject than it;
            # « ils perime? » after the points, then the programme: a rare word of the reply
            # before; « Ce numéro est-il surtaxé ? J'ai eu de mauvaises surprises… »: its
            # question.
            found = self.recall.answer(asked, u.last_reply, lenient=True) or self.recall.answer(
                asked, u.earlier_reply, strict=True, rare=True
            )
            if found:
                return [Message(text=" ".join(found))]
        if u.intent == "out_of_scope":
            state.misses = 0
            return [Message(response="utter_out_of_scope")]
        if u.intent == "affirm" and state.last_prompt == REQUEST_RECORDED:
            return [Message(response="utter_demande_deja_transmise")]  # « oui » once it is sent
        if u.intent == "affirm":
            follow_up = self._follow_up_topic(state, u) if len(u.text.split()) > 2 else None
            if follow_up:  # « parfait, je m'y prends comment ? »
                return await self._topic(state, u, follow_up)
            answered = _answered_topic(state.last_prompt)
            if state.verified and answered and signals.asks(u.text) and len(u.text.split()) > 2:
                # « ah ok donc j attends c ca ? » checks what the order's answer said, « parfait
                # je m y prends comment » asks how to do what it said
                return await self._answer_order(state, answered, u)
            return [Message(response="utter_ask_question")]
        if u.intent == "deny":
            if state.last_prompt == "utter_clarify":
                state.misses = 0
                return _handover()
            return [Message(response="utter_no_problem")]
        if u.intent == "donner_infos" and len(u.text.split()) > 1:
            # « je vous donne ma référence » without it; a lone « euh » gives nothing.
            return await self._ask_reference(state, u)
        close = self._close_topics(u)
        follow_up = self._follow_up_topic(state, u) or self._parcel_topic(u)
        if u.country and COUNTRIES_TOPIC in close:
            follow_up = follow_up or COUNTRIES_TOPIC  # « ah mais elle est au canada en fait »
        if follow_up:
            return await self._topic(state, u, follow_up)
        return self._clarify(state, u)

    def _recalled(
        self,
        state: State,
        u: Understanding,
        strict: bool = False,
        earlier_only: bool = False,
        earlier: bool = True,
        fees: bool = False,
    ) -> list[Message]:
        """A short follow-up on the last reply (« et c surtaxé ? »): that reply's sentences
        about it (cadomaestro/dialogue/recall.py), or the reply before's sentences with a rare
        word of it. `fees`: a question on whether it costs, first answered by the last reply's
        sentence on fees (« cest gratos ? » after the returns' answer)."""
        if self.recall is None or len(u.text.split()) > FOLLOW_UP_MAX_WORDS:
            return []
        asked = _without_place(u)
        found = self.recall.fees(asked, u.last_reply) if fees else []
        if not found and not earlier_only:
            found = self.recall.answer(asked, u.last_reply, strict)
        if not found and (earlier or earlier_only):
            # « et c surtaxé ? » after the contacts, then the opening hours: a rare word of the
            # question in the reply before.
            found = self.recall.answer(asked, u.earlier_reply, strict=True, rare=True)
        if not found:
            return []
        state.misses = 0
        return [Message(text=" ".join(found))]

    def _follow_up_topic(self, state: State, u: Understanding) -> str | None:
        """A short follow-up question (« ils expirent ? ») on the topic just answered: the
        likeliest topic of the same category, if likely enough."""
        last = self.topics.get(state.last_topic or "")
        words = signals.fold(u.text).split()
        if last is None or not u.ranked_topics or len(words) > FOLLOW_UP_MAX_WORDS:
            return None
        if not any(len(word.strip("?!.,")) >= 4 for word in words):
            return None  # « euh », « svp »: nothing to follow up on
        for key, score in u.ranked_topics[:5]:
            topic = self.topics.get(key)
            if topic and topic.category == last.category and score >= FOLLOW_UP_MIN_SCORE:
                return key
        return None

    def _close_topics(self, u: Understanding) -> list[str]:
        """The topics close enough to the message to be offered as clarification buttons."""
        return [key for key, score in u.ranked_topics
                if score >= CLARIFY_MIN_SCORE and key in self.topics][:CLARIFY_TOPICS]  # fmt: skip

    def _parcel_topic(self, u: Understanding) -> str | None:
        """« ou est ma lampe ca fait 9 jours » may mean a late or a lost parcel: when every close
        topic is a parcel problem, the order's status answers whichever was meant."""
        close = self._close_topics(u)
        return close[0] if close and all(key in PARCEL_TOPICS for key in close) else None

    def _clarify(self, state: State, u: Understanding) -> list[Message]:
        """Not understood: the close topics as buttons; a second miss in a row hands over."""
        state.misses += 1
        if state.misses >= 2:
            state.misses = 0
            return _handover()
        keys = self._close_topics(u)
        if self.recall is not None and len(u.text.split()) <= FOLLOW_UP_MAX_WORDS:
            # « et en corse ? »: a rare word of the question in a close topic's answer; that
            # answer's sentence about it rather than the choice.
            for key in keys:
                found = self.recall.answer(u.text, faq_answer(key), strict=True, rare=True)
                if found:
                    state.misses = 0
                    state.last_topic = key
                    return [Message(text=" ".join(found))]
        close = [self.topics[key] for key in keys]
        buttons = [{"title": t.title, "payload": t.question} for t in close]
        buttons.append(dict(HANDOVER_BUTTON))
        response = "utter_clarify" if close else "utter_clarify_reformuler"
        return [Message(response=response, buttons=buttons)]

    def _without_reference(
        self, state: State, keep_problem: bool = False, answer_problem: bool = True
    ) -> list[Message]:
        """No reference at hand: where to find it, and what can be done without it. The problem
        is answered in general (unless `answer_problem` is false); kept, it is the one the
        reference is checked for if it is found after all (« ah cest bon trouvé »)."""
        out = []
        if answer_problem and state.problem and state.awaiting is not Awaiting.ORDER_OFFER:
            out.append(Message(response=f"utter_{_faq_topic(state.problem)}"))
        state.awaiting = Awaiting.NOTHING
        if not keep_problem:
            state.problem = state.problem_text = None
        state.reference = None if state.reference != state.verified else state.reference
        return out + [Message(response="utter_sans_reference"),
                      Message(response="utter_parler_humain")]  # fmt: skip

    def _no_reference_and_after(
        self, state: State, u: Understanding, keep_problem: bool
    ) -> list[Message]:
        """`_without_reference`, after the answer to a general question asked after saying so
        (« jai pas le num sur moi. c ou deja mes bons de reduc sur le site ? »)."""
        question = _question_after_the_first_sentence(u.text)
        answer = []
        if question and u.retrieval and u.topic and not needs_order(u.topic) and \
                not signals.says_no_reference(question):  # fmt: skip
            answer = self._faq_answer(state, u, u.topic)
        return answer + self._without_reference(state, keep_problem=keep_problem)

    async def _prompt_again(self, state: State, u: Understanding) -> list[Message]:
        if signals.gives_up(u.text) and not signals.asks(u.text):
            # « bon c'est pas grave elle vous contactera elle meme » while a proof is asked:
            # nothing more asked, and who can help.
            state.awaiting = Awaiting.NOTHING
            state.problem = state.problem_text = None
            return [Message(response="utter_no_problem"), Message(response="utter_parler_humain")]
        if signals.is_courtesy(u.text) and signals.says_goodbye(u.text) and \
                not signals.asks(u.text):  # fmt: skip
            # « d'accord merci, bonne soirée » while a proof is asked: they leave; the order
            # stays, for its proof given later.
            state.awaiting = Awaiting.NOTHING
            return [_goodbye(u.text)]
        if state.awaiting is Awaiting.PROOF and state.last_prompt == NOT_FOUND and \
                signals.stands_by_it(u.text):  # fmt: skip
            # « bah si cest ce qui est marqué sur le papier jsp » after « Je ne trouve aucune
            # commande… »: where the reference is, and who can find the order (a proof or
            # another reference is still checked).
            return [
                Message(response="utter_sans_reference"),
                Message(response="utter_parler_humain"),
            ]
        if state.awaiting is Awaiting.REFERENCE and u.customer_email:
            return await self._offer_orders(state, u)
        if state.awaiting is Awaiting.REFERENCE:
            return self._ask(state, Awaiting.REFERENCE, "utter_reference_invalide")
        if state.awaiting is Awaiting.EMAIL:
            return self._ask(state, Awaiting.EMAIL, "utter_email_requis")
        return self._ask(state, Awaiting.PROOF, "utter_preuve_invalide")

    async def _reprompt(self, state: State, u: Understanding) -> list[Message]:
        """The identifier asked again after an answer to a question asked meanwhile. Asked twice
        in a row already, the customer is asking other things: the answer alone, not the
        prompt a third time nor the contacts (« meme un truc grave a son nom ? » answered); the
        identifier given later is still checked for the same problem."""
        if state.awaiting is Awaiting.REFERENCE and u.customer_email:
            return await self._offer_orders(state, u)
        name = {Awaiting.REFERENCE: "utter_ask_reference_commande",
                Awaiting.PROOF: "utter_ask_preuve_commande",
                Awaiting.EMAIL: "utter_email_requis"}[state.awaiting]  # fmt: skip
        if state.last_prompt == name and state.repeats >= MAX_SAME_PROMPT:
            state.awaiting = Awaiting.NOTHING
            return []
        return self._ask(state, state.awaiting, name)

    # A customer logged in on the shop's site: their orders and points, from their account.
    async def _ask_reference(self, state: State, u: Understanding) -> list[Message]:
        """Ask which order: its reference, or, logged in, a choice among the customer's own; its
        proof, when the reference was given before and is still to be proved. Once locked, no
        order is asked for: none would be checked."""
        if state.locked:
            return self._locked(state)
        if state.reference and not state.verified and not u.customer_email:
            return self._ask(state, Awaiting.PROOF, "utter_ask_preuve_commande")
        if not u.customer_email:
            return self._ask(state, Awaiting.REFERENCE, "utter_ask_reference_commande")
        return await self._offer_orders(state, u)

    async def _offer_orders(
        self, state: State, u: Understanding, intro: Message | None = None
    ) -> list[Message]:
        """The customer's most recent orders as buttons (the payload is the reference, which
        `_identify` checks with their e-mail); without any order, what else can help."""
        try:
            account = await self._account(u)
        except BackendUnavailable:
            return self._backend_down(state)
        except TooManyAttempts as error:
            return self._too_many(state, error)
        if not account.orders:
            state.awaiting = Awaiting.NOTHING
            state.problem = state.problem_text = None
            return [Message(text=NO_ORDERS), Message(response="utter_parler_humain")]
        if state.last_prompt == ORDERS_OFFERED and state.repeats >= MAX_SAME_PROMPT:
            state.awaiting = Awaiting.NOTHING  # offered twice in a row already: a person
            state.problem = state.problem_text = None
            return _handover()
        state.awaiting = Awaiting.REFERENCE
        offer = Message(text=choose_order(len(account.orders)), key=ORDERS_OFFERED,
                        buttons=order_buttons(account.orders, self.now()))  # fmt: skip
        return [intro, offer] if intro else [offer]

    async def _account_loyalty(self, state: State, u: Understanding) -> list[Message]:
        """The logged-in customer's points, as after an order's identification."""
        state.last_topic = POINTS_TOPIC
        state.clear_request()  # as an answer about the order does
        if state.awaiting is not Awaiting.REFERENCE:  # an order being chosen stays so
            state.awaiting = Awaiting.NOTHING
            state.problem = state.problem_text = None
        try:
            loyalty = (await self._account(u)).loyalty
        except BackendUnavailable:
            return self._backend_down(state)
        except TooManyAttempts as error:
            return self._too_many(state, error)
        key = _answer_key(POINTS_TOPIC)
        again = state.last_prompt == key
        out = [Message(text=text) for text in loyalty_balance(loyalty).messages]
        out[0].key = key
        if again:
            out += _no_more_information(out)
        return out

    async def _account(self, u: Understanding) -> CustomerAccount:
        """The logged-in customer's account; a customer the order backend does not know has no
        order and no points there."""
        assert u.customer_email
        try:
            return await self.orders.customer_account(
                u.customer_email, limit=RECENT_ORDERS, client=u.client
            )
        except CustomerNotFound:
            return CustomerAccount(orders=(), loyalty=Loyalty(points=0, expires_on=None))

    @staticmethod
    def _forget_orders_of_others(state: State, u: Understanding) -> None:
        """Logged in, the proof is always the customer's own e-mail: an order verified otherwise
        in this conversation (before logging in, or under another account) is set aside, with
        the request about it."""
        if not u.customer_email or not state.verified or state.verified_proof == u.customer_email:
            return
        state.clear_request()
        state.verified = state.verified_proof = state.reference = state.proof = None

    def _ask(self, state: State, awaiting: Awaiting, response: str) -> list[Message]:
        """Ask for something; the same prompt a third time in a row gives the contacts."""
        if state.last_prompt == response and state.repeats >= MAX_SAME_PROMPT:
            state.awaiting = Awaiting.NOTHING
            state.problem = state.problem_text = None
            return _handover()
        state.awaiting = awaiting
        return [Message(response=response)]

    # Helpers.
    @staticmethod
    def _count_prompt(state: State, out: list[Message]) -> None:
        prompts = [m.key or m.response for m in out
                   if m.key or (m.response and m.response in PROMPTS)]  # fmt: skip
        last = prompts[-1] if prompts else None
        state.repeats = 0 if last is None else state.repeats + 1 if last == state.last_prompt else 1
        state.last_prompt = last

    @staticmethod
    def _topic_beside_identifiers(u: Understanding) -> str | None:
        """The question in a message that also gives the reference or the proof, which the NLU
        may read as "giving order details": its likeliest topic, if likely enough."""
        if _words_beside_identifiers(u) < 3 or not u.ranked_topics:
            return None
        topic, score = u.ranked_topics[0]
        total = sum(s for _, s in u.ranked_topics)
        return topic if total and score / total >= TOPIC_BESIDE_IDENTIFIERS else None

    @staticmethod
    def _remember_problem(state: State, u: Understanding, topic: str | None = None) -> None:
        state.problem = topic or u.topic
        state.problem_text = u.text

    @staticmethod
    def _yes_no(u: Understanding) -> bool | None:
        answer = signals.yes_or_no(u.text)
        if answer is None and u.intent in ("affirm", "deny"):
            return u.intent == "affirm"
        return answer

    @staticmethod
    def _is_new_question(u: Understanding) -> bool:
        return u.intent in ("parler_humain", "arreter") or (
            u.retrieval and u.text.rstrip().endswith("?") and len(u.text.split()) >= 4
        )

    @staticmethod
    def _locked(state: State) -> list[Message]:
        state.awaiting = Awaiting.NOTHING
        return [Message(response="utter_identification_verrouillee"),
                Message(response="utter_parler_humain")]  # fmt: skip

    def _backend_down(self, state: State) -> list[Message]:
        state.awaiting = Awaiting.NOTHING
        return [Message(response="utter_backend_indisponible"),
                Message(response="utter_parler_humain")]  # fmt: skip

    def _request_failed(self, state: State, error: Exception) -> list[Message]:
        """The order backend failed while a request was pending: nothing is passed on, and
        the customer gets the wait (too many attempts) or the apology with the contacts."""
        state.clear_request()
        if isinstance(error, TooManyAttempts):
            return self._too_many(state, error)
        return self._backend_down(state)

    def _too_many(self, state: State, error: TooManyAttempts) -> list[Message]:
        state.awaiting = Awaiting.NOTHING
        minutes = max(1, math.ceil(error.retry_after_s / 60))
        return [Message(response="utter_trop_de_tentatives", values={"minutes": minutes}),
                Message(response="utter_parler_humain")]  # fmt: skip


REQUEST_RECORDED = "demande:transmise"  # the last prompt after a request's confirmation
DETAILS_REMINDED = "demande:rappel"  # the last prompt after the details asked again
# A request's follow-up once what to change is said while the order's e-mail is asked: recorded
# as soon as the e-mail is checked.
DETAILS_GIVEN = "donnees"
# Intents that are no details of a request, however long.
SMALL_TALK = frozenset({"greet", "goodbye", "thanks", "bot_challenge", "affirm", "deny"})
ORDERS_OFFERED = "commandes:choix"  # the last prompt after a logged-in customer's orders
IDENTIFYING = (Awaiting.REFERENCE, Awaiting.PROOF, Awaiting.ORDER_OFFER, Awaiting.EMAIL)
ASKED = (Awaiting.REFERENCE, Awaiting.PROOF, Awaiting.EMAIL)  # an identifier asked for
YES_NO = ({"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"})
# The prompts whose repetition is counted.
PROMPTS = frozenset({
    "utter_ask_reference_commande", "utter_ask_preuve_commande", "utter_reference_invalide",
    "utter_preuve_invalide", "utter_email_requis", "utter_clarify", "utter_clarify_reformuler",
    NOT_FOUND, "utter_details_trop_courts", "utter_ask_photo",
    "utter_preuve_code_postal",
})  # fmt: skip


def _reread(state: State, u: Understanding) -> Understanding:
    """The message's topic in the conversation's context. « je peux encore la modifier ? » is
    about changing the order, not its personalisation, unless it names a personalisation (the
    NLU learned « et pour la gravure, je peux encore la modifier ? ») or follows one. What a
    return costs (« et les frais de port pr le renvoi cest combien ? », or « c gratuit du
    coup ? » after the returns' answer) is the returns' topic, not the delivery's costs its
    words share."""
    # Right after the order's returns answer, « c gratuit du coup ? » asks what the return
    # costs, unless it names the delivery (« et la livraison express c est combien ? »).
    after_returns = _answered_topic(state.last_prompt) == RETURNS_TOPIC and \
        signals.asks_cost(u.text) and not signals.names_delivery(u.text)  # fmt: skip
    if u.topic in DELIVERY_METHOD_FAQ and (signals.asks_return_cost(u.text) or after_returns):
        return replace(u, intent=RETURNS_TOPIC.split("/")[0], topic=RETURNS_TOPIC)
    if _about_an_order_unread(state, u):
        # Read as ordering by phone, a missing confirmation e-mail or out of scope, but about
        # their own order (« J'ai commandé un coffret … par téléphone la semaine passée. Comment
        # savoir quand il arrive ? », « jai supprimé le mail … plus le numero de cmd, elle est
        # ou ma commande ? », « 9 jours que j'attends mon colis c'est une blague ?? »): their
        # order, its reference asked or where it is told.
        ranked = tuple(item for item in u.ranked_topics if item[0] != u.topic)
        return replace(u, intent="nlu_fallback", topic=None, ranked_topics=ranked)
    if u.topic == MODIFY_TOPIC and not _CHANGE_WORDS.search(signals.fold(u.text)) and \
            signals.asks_about_the_order(u.text):  # fmt: skip
        # « jai commandé un truc et jai zero nouvelle cest la cmd wxcvbnqsd »: no word of a
        # change, and where the order is: not a change (then its status).
        ranked = tuple(item for item in u.ranked_topics if item[0] != MODIFY_TOPIC)
        return replace(u, intent="nlu_fallback", topic=None, ranked_topics=ranked)
    # (« ma cb marche pas », « le code promo marche pas » are no faulty product.)
    faulty = signals.describes_a_defect(u.text) and not signals.in_general(u.text) and \
        not (signals.names_payment_method(u.text) or signals.names_promo_codes(u.text)) and \
        (u.fallback or u.intent == "out_of_scope" or u.topic in FAULT_TOPICS or
         (u.topic == MISSING_ITEM_TOPIC and not signals.says_missing(u.text)))  # fmt: skip
    if faulty and (u.topic == PERSONALISATION_TOPIC or state.verified):
        # « le perso il a un defaut en plus, le texte est a moitié effacé », « elle commence a
        # se fendre, je fais quoi » about the order verified: a faulty product; « c'etait chez
        # le voisin mais … un des articles dedans est cassé » too, nothing said to be missing.
        return replace(u, intent=DEFECT_TOPIC.split("/")[0], topic=DEFECT_TOPIC)
    if u.topic != PERSONALISATION_TOPIC or signals.names_personalisation(u.text):
        return u
    personalisation = RequestKind.PERSONNALISATION
    if personalisation.value == state.request_kind or state.last_topic == PERSONALISATION_TOPIC:
        return u  # « je peux encore la modifier ? » right after it: the personalisation
    scores: dict[str, float] = {}
    for key, score in u.ranked_topics:
        key = MODIFY_TOPIC if key == PERSONALISATION_TOPIC else key
        scores[key] = scores.get(key, 0.0) + score
    ranked = tuple(sorted(scores.items(), key=lambda item: -item[1]))
    return replace(u, topic=MODIFY_TOPIC, ranked_topics=ranked)


def _likely_problem(u: Understanding) -> str | None:
    """The order problem a message the classifier is unsure of is most likely about: the first
    topic of the category (intent) its topics weigh most, if that needs an order and weighs at
    least LIKELY_PROBLEM (« la bougie est fendue, jai pas de numero de commande »: a damaged
    item, its kind unsure)."""
    weights: dict[str, float] = {}
    for topic, confidence in u.ranked_topics:
        category = topic.split("/")[0]
        weights[category] = weights.get(category, 0.0) + confidence
    if not weights:
        return None
    category = max(weights, key=lambda c: weights[c])
    first = next(topic for topic, _ in u.ranked_topics if topic.startswith(f"{category}/"))
    return first if weights[category] >= LIKELY_PROBLEM and needs_order(first) else None


def _thanks(u: Understanding) -> bool:
    return u.intent == "thanks" or "merci" in signals.fold(u.text)


def _family(kind: RequestKind) -> RequestKind:
    """A cancellation and a modification are one request until the customer says which."""
    return RequestKind.MODIFICATION if kind is RequestKind.ANNULATION else kind


def _joined(first: str | None, second: str | None) -> str | None:
    parts = [p.strip() for p in (first, second) if p and p.strip()]
    return " / ".join(parts) if parts else None


def _changes_delivery_method(topic: str | None, text: str) -> bool:
    """A question on the shop's delivery methods that asks to change an order's (« jpeux
    changer de point relais ? »)."""
    delivery = DELIVERY_METHOD_FAQ | {ABSENCE_TOPIC}  # « et si je passe en tnt express ? »
    return topic in delivery and signals.delivers_otherwise(text)


def _handover() -> list[Message]:
    """Not able to help further: customer service takes over, with its contacts."""
    return [Message(response="utter_handover"), Message(response="utter_parler_humain")]


def _no_more_information(answer: list[Message]) -> list[Message]:
    """What follows an order's answer given twice in a row: there is nothing more to say, and
    customer service can look with the customer; its contacts once, not again when the answer
    already gives them (a cancelled order's)."""
    if any(CUSTOMER_SERVICE_PHONE in (m.text or "") for m in answer):
        return [Message(response="utter_pas_plus_d_infos_contacts_donnes")]
    return [Message(response="utter_pas_plus_d_infos"), Message(response="utter_parler_humain")]


def _answer_key(topic: str) -> str:
    """How an answer about the verified order is counted among the prompts (not repeated)."""
    return f"commande:{topic}"


# The answers after which « il est où ? » about a delivered order means it was not received.
DELIVERED_ANSWERS = frozenset({_answer_key(STATUS_TOPIC), _answer_key(NOT_RECEIVED_TOPIC)})


def _carrier_asked(u: Understanding) -> str | None:
    """The carrier whose estimates are asked: the one named, or express (TNT's: replies/
    estimates.py) for « rien de plus rapide ? », « l'express en allemagne c combien de
    jours ? »."""
    if signals.asks_faster(u.text) or signals.names_express(u.text):
        return "express"
    return u.carrier


def _next_weekday(now: datetime, day: int, at: tuple[int, int]) -> datetime:
    """The next `day` (Monday 0) from today on, in Paris, at `at` (hour, minute)."""
    today = paris_time(now).date()
    on = today + timedelta(days=(day - today.weekday()) % 7)
    moment = datetime(on.year, on.month, on.day, at[0], at[1], tzinfo=PARIS)
    return moment if moment >= now else moment + timedelta(days=7)  # today, that hour gone


def _about_an_order_unread(state: State, u: Understanding) -> bool:
    """A message about the customer's own order that the classifier read as something else
    (`_reread`)."""
    if state.verified or u.reference or u.proof:
        return False
    if u.topic == PHONE_ORDER_TOPIC:  # (« pas très à l'aise avec internet »)
        nothing = signals.says_nothing_received(u.text) or signals.waits_for_the_parcel(u.text)
        return signals.ordered_by_phone(u.text) or (signals.is_personal(u.text) and nothing)
    if u.topic == CONFIRMATION_MAIL_TOPIC:
        return signals.says_no_reference(u.text) and signals.asks_about_the_order(u.text)
    return u.intent == "out_of_scope" and signals.waits_for_the_parcel(u.text)


def _asks_estimates_again(u: Understanding) -> bool:
    """A short follow-up of the delivery times that asks for faster (« bof. rien de plus
    rapide ? »), asks when with a carrier (« et en tnt ca arrive qd ? »), or names a place
    (« ma mere est a ajaccio ») and is read as nothing else than delivery (or not read at
    all)."""
    if len(signals.words_of(u.text)) > ESTIMATES_FOLLOW_UP_MAX_WORDS or signals.asks_cost(u.text):
        return False  # « et les frais de port pour la belgique ? »: the FAQ's answer, with them
    if signals.asks_faster(u.text) or (u.carrier and signals.asks_when_it_comes(u.text)):
        return True  # whatever it is read as (« rien » of nothing received, TNT's absence)
    if signals.ordering_day(u.text) is not None:
        return True  # « et si je commande un samedi ? »: the estimates for that day
    place_only = u.fallback or u.intent == "out_of_scope" or u.topic in PLACE_FOLLOW_UP_TOPICS
    return bool(u.country) and place_only


def _restates_status(recalled: list[Message], last_reply: str) -> bool:
    """Whether what was recalled from the last reply is the order's status or what the status
    means (« Votre commande … est au statut « Annulé ». », « Le colis est en train de revenir
    vers nos locaux. »): « pk il revient chez vous ? » asks why, which the whole answer says."""
    said = sentences(last_reply)
    at = next((i for i, sentence in enumerate(said) if starts_with_status(sentence)), None)
    text = recalled[0].text or ""
    return at is not None and any(text.startswith(s) for s in said[at : at + 2])


def _answered_topic(prompt: str | None) -> str | None:
    """The topic of `prompt` when it was an answer about the verified order (`_answer_key`)."""
    prefix = _answer_key("")
    return prompt[len(prefix) :] if prompt and prompt.startswith(prefix) else None


def _faq_topic(topic: str) -> str:
    """The FAQ topic whose answer stands for `topic` (the status pseudo-topic: tracking; the
    reception's: the shipping methods)."""
    return {STATUS_TOPIC: "faq/numero_suivi", RECEPTION_TOPIC: "faq/modes_livraison"}.get(
        topic, topic
    )


def _words_beside_identifiers(u: Understanding) -> int:
    """How many words the message has besides its reference, e-mail and postcode."""
    identifiers = {v.casefold() for v in (u.reference, u.proof) if v}
    words = [
        w
        for w in u.text.replace(",", " ").split()
        if w.casefold().strip(".;:!?") not in identifiers
    ]
    return len(
        [w for w in words if not w.isdigit() and w.casefold() != (u.reference or "").casefold()]
    )


_ADDRESS = re.compile(r"\b\d+ ?(bis |ter )?(rue|avenue|av|bd|boulevard|chemin|allee|place|impasse|"
                      r"route|quai|cours|square|residence|lieu dit)\b")  # fmt: skip
_DAYS = "du lundi au vendredi"  # how the FAQ's answers say when someone is there
_QUOTED = re.compile(r"[\"«“][^\"»”]{2,}[\"»”]")  # « avec "Joyeux anniversaire Mamie" »
_RETURN_WINDOW = re.compile(rf"\b{RETURN_WINDOW_DAYS} (jours|j)\b")
_SPAM = re.compile(r"\bspams?\b")
_ACCOUNT = re.compile(r"\b(compte client|espace client)\b")
_MAIL = re.compile(r"(?i)\b(e-?mail|mail|courriel|confirmation)\b")
_QUESTION_START = ("comment", "est-ce", "est ce", "peut-on", "peut on", "puis-je", "que ", "quel",
                   "quand", "pourquoi", "combien", "ou ", "où ")  # fmt: skip


def _asks_where_the_photo_goes(state: State, u: Understanding) -> bool:
    """« je lenvoie ou la photo ? » while which item is concerned, before the photo, is asked."""
    return (
        state.awaiting is Awaiting.DETAILS
        and state.photo_instruction is not None
        and signals.asks_where_to_send_photo(u.text)
    )


def _personalised_returns_sentence(reply: str) -> str | None:
    """The sentence of `reply` saying personalised products cannot be returned, if it has one
    (the FAQ's returns answer)."""
    for sentence in sentences(reply):
        plain = signals.fold(sentence)
        if "personnalis" in plain and "retourne" in plain:
            return sentence
    return None


def _question_after_the_first_sentence(text: str, by_its_words: bool = False) -> str | None:
    """What a message asks after its first sentence (« oui go. et jpeux avoir qqn au tel
    aussi ? » -> « et jpeux avoir qqn au tel aussi ? »), if it ends with a question of a few
    words; with `by_its_words`, one asked without its question mark too (« ok tant pis. il
    arrive qd du coup »)."""
    said = [part for part in signals.said(text) if part]
    rest = " ".join(said[1:])
    asked = _is_question(said[-1]) or (by_its_words and signals.asks(said[-1]))
    if len(said) < 2 or not asked or len(signals.words_of(rest)) < 3:
        return None
    return rest


def _personalised_rule() -> str | None:
    """The FAQ's rule on personalised products in its returns answer (« Les produits
    personnalisables et périssables ne peuvent pas être retournés ; un produit personnalisé
    n’est ni remboursé ni échangé en bon d’achat »)."""
    return _personalised_returns_sentence(faq_answer(RETURNS_TOPIC))


def _question_sentence(text: str) -> str | None:
    """The message's first sentence that asks (« Ce numéro est-il surtaxé ? J'ai eu de bien
    mauvaises surprises… » -> « Ce numéro est-il surtaxé ? »); the whole message when it asks
    by its words only."""
    for sentence in signals.said(text):
        if sentence.rstrip().endswith("?"):
            return sentence
    return text if signals.asks(text) else None


def _first_question(text: str) -> str | None:
    """The first of several questions a message asks (« que faire si … ? et la poste c quel
    numero ? » -> « que faire si … ? »), None for one."""
    said = [part for part in re.split(r"(?<=\?)\s+", text.strip()) if part]
    return said[0] if len(said) >= 2 and said[0].endswith("?") else None


def _with_question_beside_a_person(u: Understanding) -> Understanding:
    """A message asking for a person, read as a FAQ question sure enough: that topic as its
    second question (the person being the first), unless it is about reaching us."""
    sure = bool(u.ranked_topics) and u.ranked_topics[0][1] >= QUESTION_BESIDE_A_PERSON
    if u.intent != "faq" or not u.retrieval or not sure or u.topic in REACHING_US:
        return u
    return replace(u, second_topic=u.topic)


def _goodbye(text: str) -> Message:
    """The goodbye, with the customer's « bonne soirée » said back."""
    wish = signals.evening_wish(text)
    if wish is None:
        return Message(response="utter_goodbye")
    return Message(text=f"Au revoir et merci de votre visite chez CadoMaestro ! {wish} à vous.")


def _without_place(u: Understanding) -> str:
    """The message without the name of the country it names: « et pour la Suisse les prix c'est
    HT ou TTC ? » right after « Nous livrons bien en Suisse » asks about prices, not Switzerland
    again."""
    if not u.country or u.country.upper() not in IN_COUNTRY:
        return u.text
    name = signals.fold(in_country(u.country).split(" ", 1)[1])
    return re.sub(rf"\b{re.escape(name)}\b", " ", signals.fold(u.text))


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?") or signals.fold(text).startswith(_QUESTION_START)


def _at_lunchtime(u: Understanding) -> list[Message]:
    """Customer service asked for around lunch (« ou sinon le midi vous etes la ?? »): the
    FAQ's sentence saying the team answers without a break (« en continu de 9h à 17h »), in its
    answer on ordering by phone."""
    if not signals.says_lunchtime(u.text):
        return []
    said = sentences(faq_answer(PHONE_ORDER_TOPIC))
    return [Message(text=s) for s in said if "en continu" in s][:1]


def _hours_sentence(reply: str) -> str | None:
    """The sentence of the contacts' answer that says when customer service answers."""
    return next((said for said in sentences(reply) if _DAYS in said), None)


def _spams_sentence(reply: str) -> str | None:
    """The sentence of `reply` about the spams and the one after it, if it has one."""
    said = sentences(reply)
    first = next((i for i, s in enumerate(said) if _SPAM.search(signals.fold(s))), None)
    return None if first is None else " ".join(said[first : first + 2])


# Changes whose request says what to change (a cancellation or a payment change is no such thing:
# neither is passed on without a yes).
CHANGES_WITH_DETAILS = frozenset(
    {RequestKind.MODIFICATION, RequestKind.PERSONNALISATION, RequestKind.EMBALLAGE_CARTE,
     RequestKind.PRECISIONS_LIVRAISON}
)  # fmt: skip


def _asks_something_else(text: str) -> bool:
    """A question of several words that does not start with « oui »: « ok merci, je peux payer
    par paypal ? » asks something new rather than saying yes to the offer."""
    words = signals.words_of(text)
    return (
        len(words) > SHORT_QUESTION_WORDS
        and signals.asks(text)
        and words[0] not in signals.PLAIN_YES
    )


def _and_then_asks(text: str) -> bool:
    """« ok et concretement je fais comment », « ok et si c des chocolats ? »: the last answer
    acknowledged, then a question on it (not a yes to the offer that followed it)."""
    rest = signals.after_acknowledgement(text)
    return bool(rest) and signals.words_of(rest or "")[:1] == ["et"] and signals.asks(text)


def _confirmation_question(request: str, reference: str | None, kind: str | None) -> str:
    """The offer to pass on a request said in the customer's words (without the greeting, the
    reference and the proof they came with), named as its confirmation will name it."""
    said = signals.without_greeting(without_identifiers(request, reference)) or request
    what = f" ({WHAT_IT_IS[RequestKind(kind)]})" if kind else ""
    return (
        f"Souhaitez-vous que je transmette votre demande{what} à notre service client : "
        f"« {_clip(said)} » ?"
    )


def _changes(state: State) -> bool:
    """Whether the request offered to be passed on is a change of the order."""
    return bool(state.request_kind) and RequestKind(state.request_kind) in CHANGE_KINDS


def _beyond_the_contact_form(sentence: str) -> str:
    """What a sentence sending the customer to the contact form says after its colon, if it
    has one; the sentence otherwise."""
    if "formulaire de contact" not in sentence or " : " not in sentence:
        return sentence
    rest = sentence.rsplit(" : ", 1)[1]
    return rest[:1].upper() + rest[1:]


def _said_in(text: str | None, reply: str) -> bool:
    """Whether `text` only repeats what `reply` said (sentences recalled from it)."""
    return bool(text) and " ".join(str(text).split()) in " ".join(reply.split())


def _details_of_a_change(state: State, u: Understanding) -> bool:
    """Whether a message not understood (or giving an address), offered to pass a change on,
    says what to change: a statement of a few words, about a change (not an after-sales claim
    nor an investigation)."""
    kind = RequestKind(state.request_kind) if state.request_kind else None
    return (
        kind in CHANGES_WITH_DETAILS
        # « la nouvelle cest 14 rue des tanneurs 69002 lyon »: an address, whatever it reads as
        # « cest Lea pas Lena », read as a no: the right text, said against the wrong one
        and (u.fallback or _gives_address(u.text) or signals.says_what_instead(u.text))
        and not _is_question(u.text)
        and len(u.text.split()) >= 3
        and not signals.is_courtesy(u.text)
    )


def _gives_address(text: str) -> bool:
    """Whether `text` holds a street address (« 14 rue des tanneurs »)."""
    return bool(_ADDRESS.search(signals.fold(text)))


def _detailed(text: str | None) -> bool:
    """Whether the customer's first words already say what they want done (a statement of at
    least DETAILED_WORDS words, not a question such as the FAQ's); a question after such a
    statement (« la bougie est arrivee cassee en 2, je fais quoi ? ») does not take it back."""
    if not text:
        return False
    if _is_question(text):
        head, _, _ = text.rstrip(" ?!").rpartition(",")
        return bool(head) and not _is_question(head) and _detailed(head)
    return len([w for w in text.split() if len(w) > 1]) >= DETAILED_WORDS


def _clip(text: str, length: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
