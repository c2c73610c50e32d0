"""What a message says besides its topic (cadomaestro/dialogue/signals.py), on messages typed the
way customers type them."""

from __future__ import annotations

import pytest

from cadomaestro.dialogue import signals


@pytest.mark.parametrize(
    ("text", "greeting"),
    [("Bonsoir", "Bonsoir"), ("bsr, ou est mon colis", "Bonsoir"), ("BONJOUR !", "Bonjour"),
     ("slt c pour une commande", "Bonjour"), ("coucou", "Bonjour"), ("bjr", "Bonjour"),
     ("ou est mon colis", None), ("je vous dis bonjour de la part de Paul", None),
     ("ah ok sorry. bonjour alors, elle est ou ma commande ?", "Bonjour"),
     ("merci. bonne journée", None)],
)  # fmt: skip
def test_greeting_in(text: str, greeting: str | None) -> None:
    assert signals.greeting_in(text) == greeting


@pytest.mark.parametrize(
    ("text", "angry"),
    [("c est inadmissible", True), ("C'EST HONTEUX DE NE RIEN RECEVOIR", True),
     ("c est la 3eme fois que je demande", True), ("je suis très déçue", True),
     ("ça suffit !!!", True), ("j'en ai marre d'attendre", True), ("c'est une arnaque", True),
     ("ou en est ma commande ?", False), ("toujours pas reçu ma commande", False),
     ("merci beaucoup !", False), ("je voudrais annuler", False),
     ("je peux payer en 4 fois ?", False),
     # capitals beside an e-mail typed in lower case
     ("POURQUOI MON COLIS REPART CHEZ VOUS ??? cmd PLKMJNHBG lucas.moreau@example.fr", True),
     ("j'ai commandé il y a une semaine et toujours rien !! commande LMPQRTSVX", True),
     ("c'est une blague ?!! 3 semaines que j'attends mon colis", True),
     # « ! » of a pasted confirmation e-mail, « toujours rien » in another sentence
     ("Merci pour votre commande !\nToujours rien recu, ouvrez une enquête svp", False)],
)  # fmt: skip
def test_is_angry(text: str, angry: bool) -> None:
    assert signals.is_angry(text) is angry


@pytest.mark.parametrize(
    ("text", "insult"),
    [("vous etes nuls", True), ("bande d'incompétents", True), ("connard", True),
     ("service de merde", True), ("le colis est nul, le mug est cassé", False),
     ("la boutique est fermée ?", False), ("mon colis est nul part", False),
     ("Votre service client est fermé le samedi ?", False),
     ("Les fdp sont offerts à partir de combien ?", False),
     ("les chocolats sont pourris, vous pouvez me rembourser ?", False),
     ("Le colis a-t-il été envoyé ? le relais est fermé", False), ("vous êtes nuls", True),
     ("bonjour", False),
     # the customer's own slip, aimed at no one; an insult beside it still counts
     ("ah merde cest QSDFGHJKL", False), ("merde pardon, 75015", False),
     ("ah merde, bande de connards", True),
     # « bande de nuls »; a starred-out word; stars that hide nothing
     ("votre bot sert a rien bande de nuls", True), ("bande de c*****s LMPQRTSVX", True),
     ("p*** de service", True), ("le colis ** urgent **", False), ("note 5*", False),
     ("mais c'est ridicule vous etes vraiment des guignols", True)],
)  # fmt: skip
def test_is_insult(text: str, insult: bool) -> None:
    assert signals.is_insult(text) is insult


@pytest.mark.parametrize(
    ("text", "english"),
    [("Hello, do you ship to the UK?", True), ("where is my order", True),
     ("I have not received my parcel yet", True), ("ok merci", False),
     ("vous livrez au Royaume-Uni ?", False), ("le mail de confirmation", False),
     ("ok", False), ("hello", False), ("Hello, coffret thé ?", False),
     ("Hi ! Thé vert en stock ?", False), ("Hello, help svp", False),
     ("ok merci et sorry for the anger. can I pay with paypal instead ?", False),
     # « a » is English too
     ("Hello, can I talk to a real person please? I have a problem with my order", True)],
)  # fmt: skip
def test_is_english(text: str, english: bool) -> None:
    assert signals.is_english(text) is english


@pytest.mark.parametrize(
    ("text", "answer"),
    [("oui", True), ("Oui svp ouvrez une enquête", True), ("ouais vas-y", True),
     ("euh ouais vasy", True), ("carrément oui", True), ("ok", True), ("d'accord", True),
     ("oui prevenez le service client svp", True), ("vous pouvez faire qqch ?", True),
     ("non", False), ("non merci", False), ("nan laisse, merci", False), ("c bon", False),
     ("pas besoin", False), ("laissez tomber", False), ("non c bon merci", False),
     ("elle arrive quand ?", None), ("svp ou est mon colis", None), ("", None),
     ("pas de souci", True), ("Oui c'est bon", True), ("oui, ça ira merci", True),
     ("Oui svp, je ne veux pas attendre plus", True), ("bien sûr que non", False),
     ("donc la gravure c'est bon ou pas ? vous pouvez la corriger ?", None)],
)  # fmt: skip
def test_yes_or_no(text: str, answer: bool | None) -> None:
    assert signals.yes_or_no(text) is answer


@pytest.mark.parametrize(
    ("text", "personal"),
    [("où en est ma commande ?", True), ("je n'ai toujours pas reçu mon colis", True),
     ("jai pas recu", True), ("combien j'ai de points fidélité ?", True),
     ("je voudrais annuler", True), ("mon mug est arrivé cassé", True),
     ("combien de temps pour renvoyer un article ?", False),
     ("comment marche le programme fidélité", False), ("peut-on annuler une commande ?", False),
     ("vous livrez en Belgique ?", False), ("Je voudrais changer mon mot de passe", False),
     ("Comment créer mon compte ?", False), ("je souhaite rendre visite à l'entrepôt", False),
     ("ou est ma lampe ca fait 9 jours que j attends", True),
     ("jattends toujours apres 10 jours", True), ("combien de temps faut-il attendre ?", False),
     ("j ai une question sur la livraison express", False),
     ("j'ai une question sur ma commande", True), ("souci avec la livraison", True),
     ("3eme fois que je demande ou est mon jeu de molkky", True),
     ("ou est le retrait entrepot ?", False), ("et jen ai combien moi ?", True),
     ("j'en ai cb ?", True)],
)  # fmt: skip
def test_is_personal(text: str, personal: bool) -> None:
    assert signals.is_personal(text) is personal


@pytest.mark.parametrize(
    ("text", "about_it"),
    [("elle arrive quand ?", True), ("c quoi le num de suivi", True),
     ("quand est ce qu'elle arrive ?", True), ("et le remboursement ?", True),
     ("ou elle en est", True), ("et il est ou la ?", True), ("vous livrez en Belgique ?", False),
     ("merci", False), ("DFGTRHYJK jamais recu cette commande", True),
     ("jai toujours pas recu mon colis", True), ("jai pas recu le couteau", False),
     ("pas encore recu le mail de confirmation de commande", False),
     ("le numéro du service client ?", False),
     ("allez svp juste me dire si c parti, c pour ma femme", True),
     ("jai commandé un truc et jai zero nouvelle cest la cmd wxcvbnqsd", True)],
)  # fmt: skip
def test_asks_about_the_order(text: str, about_it: bool) -> None:
    assert signals.asks_about_the_order(text) is about_it


@pytest.mark.parametrize(
    ("text", "where"),
    [("il est où ?", True), ("il est ou ???", True), ("ou en est mon colis", True),
     ("elle en est ou", True), ("et le paquet est ou la ?", True), ("où est-il ?", True),
     ("sa derniere position ?", True),
     ("elle arrive quand ?", False), ("vous me repondez quand ?", False),
     ("c quoi le num de suivi", False), ("ou alors je peux l'annuler ?", False),
     ("ou est-ce que je trouve ma facture ?", False), ("ou est ce que je depose le colis", False),
     ("oui", False)],
)  # fmt: skip
def test_asks_where_it_is(text: str, where: bool) -> None:
    assert signals.asks_where_it_is(text) is where
    assert not where or signals.asks_about_the_order(text)  # one of the questions about it


@pytest.mark.parametrize(
    ("text", "next_"),
    [("cetait une carafe gravee pr mon pere, il se passe quoi mnt", True),
     ("et maintenant ?", True), ("ok et apres", True), ("je fais quoi ?", True),
     ("que dois-je faire", True), ("on fait quoi du coup", True),
     ("et apres ca met cmb a arriver en colissimo", False), ("maintenant ca marche", False),
     ("comment ça se passe pour un retour ?", True), ("merci", False),
     ("ok merci, et maintenant ?", True), ("d'accord. ensuite ?", True)],
)  # fmt: skip
def test_asks_what_next(text: str, next_: bool) -> None:
    assert signals.asks_what_next(text) is next_


@pytest.mark.parametrize(
    ("text", "none"),
    [("j'ai pas de numéro de commande sous la main", True), ("j'ai pas encore commandé", True),
     ("je trouve pas la référence", True), ("j'ai perdu le mail", True),
     ("KQZPTRBWE", False), ("oui", False), ("c'est quoi une référence ?", False),
     ("je n'ai pas reçu ma commande", False),
     ("je voudrais plus de détails sur ma commande", False)],
)  # fmt: skip
def test_has_no_reference(text: str, none: bool) -> None:
    assert signals.has_no_reference(text) is none


@pytest.mark.parametrize(
    ("text", "later"),
    [("plus tard", True), ("je l'enverrai plus tard", True), ("pas de photo", True),
     ("par mail", True), ("la voici", False)],
)  # fmt: skip
def test_photo_later(text: str, later: bool) -> None:
    assert signals.photo_later(text) is later


@pytest.mark.parametrize(
    ("text", "amount"),
    [("pour une commande de 80 € ca fait combien", "80"), ("35,50 euros", "35.50"),
     ("si je depense 100 balles", "100"), ("si jachete pr 40e", "40"), ("80€", "80"),
     ("mon 1er colis", None),
     ("commande de 3 articles", None), ("1 000 €", "1000"), ("1.250,50 euros", "1250.50")],
)  # fmt: skip
def test_amount_in(text: str, amount: str | None) -> None:
    found = signals.amount_in(text)
    assert (str(found) if found is not None else None) == amount


@pytest.mark.parametrize(
    ("text", "how_many"),
    [("pour une commande de 80 € ca fait combien", True), ("cb de points pour 50e", True),
     ("et pour 120 euros ça donne quoi", True), ("80 € c'est la livraison gratuite ?", False),
     ("je paie 40 € de plus ?", False)],
)  # fmt: skip
def test_asks_how_many(text: str, how_many: bool) -> None:
    assert signals.asks_how_many(text) is how_many


@pytest.mark.parametrize(
    ("text", "courtesy"),
    [
        ("merci bcp", True), ("Merci beaucoup !", True), ("ok", True), ("d'accord", True),
        ("super", True), ("oui", True), ("non", True), ("ok merci c'est gentil", True),
        ("merci vous me sauvez", True), ("Bonne journée", True), ("", False),
        ("Super Mamie", False), ("Joyeux anniversaire Léa", False),
        ("changer l'adresse de livraison", False), ("ok je veux annuler", False),
    ],
)  # fmt: skip
def test_is_courtesy(text: str, courtesy: bool) -> None:
    assert signals.is_courtesy(text) is courtesy


@pytest.mark.parametrize(
    ("text", "names_it"),
    [
        ("je peux encore la modifier ?", False), ("je voudrais modifier ma commande", False),
        ("et pour la gravure, je peux encore la modifier ?", True),
        ("on peut encore modifier le texte gravé ?", True),
        ("jai fait une faute sur le mug, j ai mis Matilde au lieu de Mathilde", True),
        ("je peux corriger le prénom sur le mug ?", True),
    ],
)  # fmt: skip
def test_names_personalisation(text: str, names_it: bool) -> None:
    assert signals.names_personalisation(text) is names_it


@pytest.mark.parametrize(
    ("text", "question"),
    [("je la recois comment", True), ("c quoi une pickup station", True), ("cb de temps", True),
     ("vous livrez en belgique ?", True), ("Où est mon colis", True),
     ("et si j y vais pas tout de suite", True), ("si je commande avant 16h", True),
     ("j ai deja demande aux voisins", False), ("merci", False), ("KQZPTRBWE", False),
     ("je suis pas si presse", False)],
)  # fmt: skip
def test_asks(text: str, question: bool) -> None:
    assert signals.asks(text) is question


@pytest.mark.parametrize(
    ("text", "back"),
    [("et en corse ca marche ?", True), ("ok et pour la belgique", True),
     ("je la recois comment ?", True), ("Elle est où cette option ?", True),
     ("faut une piece d identite pour la recuperer la bas ?", True),
     ("j ai combien de temps pour y aller", True), ("du coup je fais comment", True),
     ("meme si c est personnalise ?", True), ("oui merci, et pour la belgique ?", True),
     ("d'accord, du coup je fais comment ?", True),
     ("vous livrez en belgique ?", False), ("comment creer un compte", False),
     ("je voudrais une carte cadeau", False), ("etes vous un robot", False)],
)  # fmt: skip
def test_refers_back(text: str, back: bool) -> None:
    assert signals.refers_back(text) is back


@pytest.mark.parametrize(
    ("text", "rest"),
    [("ok et je declare ca ou", "et je declare ca ou"),
     ("oui daccord mais je fais comment pour le retour", "mais je fais comment pour le retour"),
     ("D'accord, et je paye comment ?", "et je paye comment ?"),
     ("d' accord , et je paye comment ?", "et je paye comment ?"),  # as the pipeline splits it
     ("ah ok merci. and where can i track it ?", "and where can i track it ?"),
     ("Je vois. Et dans le premier cas ?", "Et dans le premier cas ?"),
     ("ok", None), ("Ok, merci !", None), ("très bien merci", None),  # nothing more
     ("okapi en peluche ?", None), ("bonjour", None), ("je veux retourner un vase", None),
     ("ok ? ?", None), ("d' accord ??", None),  # only punctuation after it
     ("bon d achat perdu ?", None), ("ca marche pas le code ?", None),
     ("je vois pas ma commande", None), ("ok je vois pas ma commande", "je vois pas ma commande")],
)  # fmt: skip
def test_after_acknowledgement(text: str, rest: str | None) -> None:
    assert signals.after_acknowledgement(text) == rest


@pytest.mark.parametrize(
    ("text", "cost"),
    [("cest gratos ?", True), ("c'est payant du coup ?", True), ("ça coûte combien ?", True),
     ("cest a mes frais ?", True), ("faut payer le retour ?", True), ("y a des frais ?", True),
     ("et les frais de retour c pour qui ?", True), ("qui paie le renvoi ?", True),
     ("c combien ?", True), ("cest combien la livraison ?", True), ("faut-il payer ?", True),
     ("ca va couter combien ?", True), ("et les frais de port ?", True),
     ("c pour qui le colis ?", False), ("le colis ca revient quand ?", False),
     ("je dois payer comment ?", False), ("il faut regler par cb ?", False),
     ("combien ca fait de jours ?", False),
     ("le retrait est gratuit", False),  # no question
     ("je peux payer en 3 fois ?", False), ("combien de temps pour renvoyer ?", False)],
)  # fmt: skip
def test_asks_cost(text: str, cost: bool) -> None:
    assert signals.asks_cost(text) is cost


@pytest.mark.parametrize(
    ("text", "compares"),
    [("les prix cest les memes que pr la metropole ?", True), ("c'est comme en France ?", True),
     ("pareil qu'en métropole ?", True), ("plus cher que pour la france ?", True),
     ("je suis en metropole en fait", False), ("vous livrez en france ?", False)],
)  # fmt: skip
def test_compares_with_mainland(text: str, compares: bool) -> None:
    assert signals.compares_with_mainland(text) is compares


@pytest.mark.parametrize(
    ("text", "faster", "when"),
    [("bof. rien de plus rapide ?", True, False), ("ya pas plus vite ?", True, False),
     ("et en tnt ca arrive qd du coup", False, True), ("ca met combien de temps a arriver ?",
     False, True), ("c est urgent, je peux annuler ?", False, False),
     ("la poste je peux les appeler quand ?", False, False),  # not when it comes
     ("colissimo le garde cb de temps en relais ?", False, False),
     ("et en express ?", False, False), ("plus rapide", False, False)],  # no question
)  # fmt: skip
def test_asks_faster_or_when(text: str, faster: bool, when: bool) -> None:
    assert (signals.asks_faster(text), signals.asks_when_it_comes(text)) == (faster, when)


@pytest.mark.parametrize(
    ("text", "asks"),
    [("et je peux appeler tnt moi meme ?", True), ("et le numero de la poste ?", True),
     ("ils sont joignables par tel ?", True), ("ca coute combien d appeler la poste ?", True),
     ("c quoi le num de suivi tnt", False), ("je veux appeler le service client", False),
     ("le livreur est passe", False),
     ("le transporteur dit qu elle repart. Voici le numero de commande : PLKMJNHGB", False),
     ("Le livreur m'a appelé mais j'étais absente, il repasse quand ?", False),
     ("ils sont tellement lents, je peux annuler ?", False),
     ("le transporteur m a donne un num", True)],
)  # fmt: skip
def test_asks_carrier_phone(text: str, asks: bool) -> None:
    assert signals.asks_carrier_phone(text) is asks


@pytest.mark.parametrize(
    ("text", "calls"),
    [("bon tant pis jvais appeler", True), ("je vais vous appeler", True),
     ("je vais appeler la poste", False), ("vous pouvez m appeler ?", False),
     ("bon je vais les appeler. c quoi les horaires", True), ("je vais leur telephoner", True),
     ("je vais les appeler chez colissimo", False), ("je vais le rappeler demain", False),
     ("pfff trop complique jappellerai", True), ("je vous appellerai demain", True),
     ("ils m'appelleront", False)],
)  # fmt: skip
def test_will_call(text: str, calls: bool) -> None:
    assert signals.will_call(text) is calls


def test_them_is_the_carrier_just_named() -> None:
    assert not signals.will_call("ok je vais les appeler merci", carrier_named=True)
    assert signals.will_call("ok je vais vous appeler merci", carrier_named=True)


@pytest.mark.parametrize(
    ("text", "general"),
    [("et le bon de retour en general on le telecharge ou ?", True),
     ("generalement ca met combien de temps", True), ("ou est ma commande", False),
     ("ah top. et si jen recommande un et quil plait pas je peux refaire pareil ?", True),
     ("pour ma prochaine commande je pourrai payer en 3 fois ?", True),
     ("top. et pr une autre commande cest tjrs 100 jours pr renvoyer ?", True),
     ("je veux annuler ma commande", False)],
)  # fmt: skip
def test_in_general(text: str, general: bool) -> None:
    assert signals.in_general(text) is general


@pytest.mark.parametrize(
    ("text", "otherwise"),
    [("ah ma cb passe pas, je peux payer autrement ?", True),
     ("je voudrais changer de mode de paiement", True), ("paiement refusé", True),
     ("vous prenez paypal ?", False), ("paiement en 3 fois possible ?", False),
     ("ah bon jcroyais avoir payé. je peux payer par paypal plutot ?", True),
     ("je peux regler par virement a la place ?", True),
     ("D'accord. Et du coup, pour passer en carte bancaire, comment ça se passe ?", True)],
)  # fmt: skip
def test_pays_otherwise(text: str, otherwise: bool) -> None:
    assert signals.pays_otherwise(text) is otherwise


@pytest.mark.parametrize(
    ("text", "no_email"),
    [("je connais pas son mail, elle habite a nantes", True), ("jai plus acces a ce mail", True),
     ("jai pas son mail, donnez moi juste le num de suivi svp", True),
     ("j'ai pas le numéro de commande ni le mail", False), ("jai perdu la reference", False),
     ("mon mail c'est jean@example.fr", False)],
)  # fmt: skip
def test_has_no_email(text: str, no_email: bool) -> None:
    assert signals.has_no_email(text) is no_email


@pytest.mark.parametrize(
    ("text", "says_it"),
    [("je veux annuler ma commande mais jai pas le num", True),
     ("j'ai perdu la référence", True),
     ("Mon colis est indiqué livré mais je ne l’ai pas reçu, que dois-je faire ?", False),
     ("jai pas de compte", False)],
)  # fmt: skip
def test_says_no_reference(text: str, says_it: bool) -> None:
    assert signals.says_no_reference(text) is says_it


@pytest.mark.parametrize(
    ("text", "until"),
    [("j ai combien de temps encore", True), ("et jai jusqua quand ?", True),
     ("jusqu'à quand je peux le renvoyer", True), ("il me reste combien ?", True),
     ("combien de temps pour la livraison ?", False), ("elle arrive qd", False),
     ("combien de jours avant de le recevoir ?", False), ("c est gratuit ?", False)],
)  # fmt: skip
def test_asks_until_when(text: str, until: bool) -> None:
    assert signals.asks_until_when(text) is until


@pytest.mark.parametrize(
    ("text", "none"),
    [("j ai pas de compte je crois", True), ("jai plus de compte chez vous", True),
     ("je commande sans compte", True), ("je n'ai pas d'espace client", True),
     ("mon compte est bloqué", False), ("pas de commande", False)],
)  # fmt: skip
def test_has_no_account(text: str, none: bool) -> None:
    assert signals.has_no_account(text) is none


@pytest.mark.parametrize(
    ("text", "corrects"),
    [("hmm en fait non, juste retirer le mug, le the je le garde", True),
     ("finalement je veux juste changer l adresse", True), ("plutot changer la date", True),
     ("en fait non", False), ("non merci", False), ("je veux retirer le mug", False)],
)  # fmt: skip
def test_corrects_request(text: str, corrects: bool) -> None:
    assert signals.corrects_request(text) is corrects


@pytest.mark.parametrize(
    ("text", "nothing"),
    [("jai fait ca mais jai rien recu", True), ("fait, mais rien dans ma boite", True),
     ("toujours rien", True), ("j'ai pas reçu le mail", True),
     ("jai rien recu, mon colis est ou ?", False), ("commande pas reçue", False),
     ("le livreur est pas passé", False), ("merci, bien reçu", False),
     ("je l'ai pas reçue", True), ("j'ai pas eu le temps de regarder", False),
     ("je suis pas arrivé à changer le mot de passe", False),
     ("j'ai cliqué mais rien n'est arrivé dans ma boîte", True), ("rien est venu", True),
     ("rien n est arrive, ou est mon colis", False)],
)  # fmt: skip
def test_nothing_came(text: str, nothing: bool) -> None:
    assert signals.nothing_came(text) is nothing


@pytest.mark.parametrize(
    ("text", "question"),
    [("si mon cadeau plait pas je le renvoie, jai combien de temps", True),
     ("cmt je fais", True), ("ca marche ?", True),
     ("le mug est cassé je veux un échange ou un remboursement", False),
     ("quand j'ai ouvert le colis le vase était cassé", False),
     ("je voudrais savoir si mes points de fidelite ont une date limite. Merci beaucoup.", True)],
)  # fmt: skip
def test_asks_by_its_words(text: str, question: bool) -> None:
    assert signals.asks_by_its_words(text) is question


@pytest.mark.parametrize(
    ("text", "adds"),
    [("je voudrais rajouter un papier cadeau", True), ("on peut ajouter une carte ?", True),
     ("jai oublié l emballage cadeau", True), ("et lemballage je peux lenlever ?", False),
     ("vous pouvez supprimer le paquet cadeau", False), ("plus besoin de la carte message", False),
     ("vous proposez des emballages cadeaux ?", None),
     ("sur la carte on peut mettre combien de caracteres ?", None),
     ("l emballage on peut le retirer en boutique ?", None),
     ("enlever la carte et ajouter un emballage", None),
     ("par contre il faudrait un papier cadeau dessus cest pour un anniv", True)],
)  # fmt: skip
def test_adds_or_takes_off(text: str, adds: bool | None) -> None:
    assert signals.adds_or_takes_off(text) is adds


@pytest.mark.parametrize(
    ("text", "asks"),
    [("je dois prevenir qqun ?", True), ("faut que j appelle le service client ?", True),
     ("je dois les prévenir ?", True), ("qui je dois contacter ?", True),
     ("il faut vous ecrire ?", True),
     ("je dois appeler la poste ?", False),  # a carrier's phone
     ("je dois prevenir le voisin", False),  # no question
     ("vous pouvez me prevenir quand il revient ?", False)],
)  # fmt: skip
def test_asks_whom_to_tell(text: str, asks: bool) -> None:
    assert signals.asks_whom_to_tell(text) is asks


@pytest.mark.parametrize(
    ("text", "changes"),
    [("jpeux changer de point relais ?", True), ("on peut passer en express ?", True),
     ("je voudrais plutot au point relais", True), ("modifier le mode de livraison", True),
     ("quels sont vos modes de livraison ?", False), ("vous livrez en express ?", False),
     ("et si je passe en tnt express ça arrive a temps ?", True),
     ("le livreur passe a domicile ?", False), ("ca passe en express ?", False)],
)  # fmt: skip
def test_delivers_otherwise(text: str, changes: bool) -> None:
    assert signals.delivers_otherwise(text) is changes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("et je les depense ou ?", True),
        ("on peut les utiliser pr quoi", True),
        ("jai 1350 maestros, j en fais quoi", True),
        ("ça sert a quoi", False),  # what they are: the programme
        ("combien jai de points", False),
        ("ils expirent quand ?", False),
        ("je les ai dépensés hier", False),  # a statement
        ("jen fais quoi de mes maestros ?", True),
        # Earning them is no spending.
        ("combien de points par euro dépensé ?", False),
        ("je gagne des points sur tout ce que je depense ?", False),
    ],
)  # fmt: skip
def test_asks_how_to_spend(text: str, expected: bool) -> None:
    assert signals.asks_how_to_spend(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("et vous livrez en suisse ?", True),
        ("frais de port pour la belgique ?", True),
        ("ca arrive qd en italie", True),
        ("meme pour la suisse ?", False),
        ("et en belgique alors ?", False),
    ],
)  # fmt: skip
def test_asks_about_shipping(text: str, expected: bool) -> None:
    assert signals.asks_about_shipping(text) is expected


@pytest.mark.parametrize(
    ("text", "done"),
    [("jai deja demande aux voisins et rien. vous pouvez faire qqch ?", True),
     ("j'ai déjà demandé aux voisins, rien. vous faites quoi là concrètement", True),
     ("Personne n a rien pris. Je dois appeler La Poste ?", True),
     ("jai tout fouille y a rien", True), ("vous pouvez faire quelque chose ?", True),
     ("g demandé aux voisins rien. normalement ca se remet en main propre non ?", True),
     ("je vais demander aux voisins si personne la pris", False),  # not done yet
     ("je vais demander aux voisins", False), ("ok merci", False),
     ("vous faites des coffrets ?", False), ("j'ai deja demandé a tout le monde", True),
     ("NON J'AI PAS DE VOISINS QUI ONT PRIS MON COLIS", True)],
)  # fmt: skip
def test_says_checks_done(text: str, done: bool) -> None:
    assert signals.says_checks_done(text) is done


@pytest.mark.parametrize(
    ("text", "person"),
    [("un des articles est arrive casse, je voudrais parler a quelqu un svp pas a un robot", True),
     ("je veux parler à un humain", True), ("je peux parler à une vraie personne ?", True),
     ("il faut que je parle a quelqu un de chez vous", True), ("pas a un robot", True),
     ("c est pas un bot ?", False), ("est ce que je parle a un robot ?", False),
     ("le colis a ete remis a quelqu un", False), ("mon fils veut parler a un robot", False),
     ("et jpeux avoir qqn au tel aussi ?", True), ("comment joindre un conseiller par tel", True),
     ("le livreur a appele qqn au tel", False),
     ("ouais ouvrez une enquete. et filez moi quand meme le tel du service client", True),
     ("donnez-moi le numéro du service client svp", True),
     ("j'ai le numero du service client", False),
     ("dites moi si le numero du service client est surtaxé", True),
     ("donnez moi le numero de TNT", False),
     ("laisse tomber c trop galere, donnez moi juste un numero de tel", True),
     ("filez moi votre numero", True), ("donnez moi le numero de suivi", False),
     ("Bonjour, est-il possible de parler a une vraie personne s'il vous plait ?", True),
     ("pas possible de parler a qqn de chez tnt", False),
     ("donnez moi un numero de tel pour joindre la poste", False),
     ("franchement c nul. donnez moi un numero", True),
     ("vous etes pas arrangeants... c'est quoi votre numero qu'elle vous appelle", True),
     ("le carton est parti aux poubelles. je peux appeler qqn plutot ?", True),
     ("c'est quoi votre numero de commande ?", False), ("quel est votre numero de suivi", False),
     ("donnez moi un numero de commande svp", False),
     ("Je préfère appeler quelqu'un, vous avez un numéro ? Et c'est ouvert le samedi ?", True),
     ("vous avez un numero de suivi ?", False),
     ("bjr, pouvez-vs me rappeler svp ? 06 71 22 48 90. dispo ap 19h", True),
     ("vous pouvez me rappeler le numero de suivi ?", False),
     ("ça me marque code invalide. je peux avoir qqn de competent ?", True),
     ("pas le tps de chercher. n° SC ?", True),
     ("c quoi le numero de tel du livreur ?", False),
     ("ok je retente. et si ca passe toujours pas j'appelle qui", True),
     ("qui dois-je appeler ?", True), ("j'appelle qui chez tnt ?", False),
     ("je voudrais que quelqu'un me rappelle svp", True),
     ("conseiller svp. vs etes ouvert a quelle heure", True),
     ("le conseiller svp il m'a dit quoi ?", False)],
)  # fmt: skip
def test_wants_a_person(text: str, person: bool) -> None:
    assert signals.wants_a_person(text) is person


@pytest.mark.parametrize(
    ("text", "where"),
    [("ou je le trouve ce numero ??", True), ("je la trouve ou ?", True),
     ("ou je trouve la ref", True), ("ou je vois mon numero de commande", True),
     ("ou je trouve le num de suivi", False), ("ou je le trouve mon colis en relais ?", False),
     ("je le trouve ou le numero de suivi ?", False)],
)  # fmt: skip
def test_asks_where_the_reference_is(text: str, where: bool) -> None:
    assert signals.asks_where_the_reference_is(text) is where


@pytest.mark.parametrize(
    ("text", "cost"),
    [("et les frais de port pr le renvoi cest combien ?", True), ("le retour est payant ?", True),
     ("c est combien les frais de retour", True), ("combien coute la livraison", False),
     ("combien de temps pour le retour", False)],
)  # fmt: skip
def test_asks_return_cost(text: str, cost: bool) -> None:
    assert signals.asks_return_cost(text) is cost


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Bonjour, je veux annuler", "je veux annuler"), ("slt jai un souci", "jai un souci"),
     ("Bonsoir !! le mug est cassé", "le mug est cassé"), ("bonjour", "bonjour"),
     ("je dis bonjour a ma mere", "je dis bonjour a ma mere"), ("bonjourno", "bonjourno")],
)  # fmt: skip
def test_without_greeting(text: str, expected: str) -> None:
    assert signals.without_greeting(text) == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [("Je l'envoie ou la photo ?", True), ("je peux vous envoyer la photo ici ?", True),
     ("la photo je la mets ou", True), ("on peut joindre une photo ?", True),
     ("faut quoi sur la photo ?", False), ("jai envoyé la photo hier", False),
     ("ou en est mon colis ?", False)],
)  # fmt: skip
def test_asks_where_to_send_photo(text: str, where: bool) -> None:
    assert signals.asks_where_to_send_photo(text) is where


@pytest.mark.parametrize(
    ("text", "how"),
    [("et pour lautre je fais comment", True), ("jfais comment ?", True),
     ("c quoi la procedure", True), ("comment ca se fait que ce soit pas remboursé", False),
     ("pk vous reprenez pas le perso ??", False), ("et la bougie ?", False)],
)  # fmt: skip
def test_asks_how_to_do(text: str, how: bool) -> None:
    assert signals.asks_how_to_do(text) is how


@pytest.mark.parametrize(
    ("text", "personalised"),
    [("c'est un mug avec mon prenom dessus", True), ("une plaque gravée", True),
     ("un coussin avec la photo de mon chien", True), ("c est un truc perso", True),
     ("c'est un mug", False), ("jai fait une faute dans le message", False),
     ("la bougie est cassee", False)],
)  # fmt: skip
def test_describes_a_personalised_item(text: str, personalised: bool) -> None:
    assert signals.describes_a_personalised_item(text) is personalised


@pytest.mark.parametrize(
    ("text", "nothing"),
    [("et si eux savent rien ?", True),
     ("Merci. Et s'ils ne savent rien, vous faites quoi ?", True),
     ("et si tnt trouve pas mon colis", True), ("si la poste a aucune info je fais quoi", True),
     ("ils savent ou est mon colis ?", False), ("et si je suis pas la ?", False)],
)  # fmt: skip
def test_if_the_carrier_knows_nothing(text: str, nothing: bool) -> None:
    assert signals.if_the_carrier_knows_nothing(text) is nothing


@pytest.mark.parametrize(
    ("text", "asked"),
    [("et filez moi quand meme le tel du service client", True),
     ("Donnez-moi le numéro svp", True), ("dites moi ou il est", True),
     ("sinon envoyez moi le lien", True),
     ("donnez lui le colis", False), ("filez vite", False),
     ("je vous ai donné mon mail", False), ("le livreur m'a dit de vous appeler", False)],
)  # fmt: skip
def test_asks_for(text: str, asked: bool) -> None:
    assert signals.asks_for(text) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [("faites remonter au sav svp", True),
     ("D'accord. Pouvez-vous quand même signaler le problème au service client ?", True),
     ("Pouvez-vous prévenir le service client de ce retour s'il vous plaît ?", True),
     ("je voudrais payer par paypal a la place, vous pouvez faire la demande ?", True),
     ("mettre Papi Jo au lieu de Papy Jo. vous transmettez ?", True),
     ("bon en fait si, 9 jours cest abusé, faites la demande", True),
     ("je vous signale que le mug est cassé", False), ("je dois prévenir qqun ?", False),
     ("vous pouvez me dire où il est ?", False)],
)  # fmt: skip
def test_asks_to_pass_on(text: str, asked: bool) -> None:
    assert signals.asks_to_pass_on(text) is asked


def test_asking_to_pass_it_on_is_a_yes_to_an_offer() -> None:
    assert signals.yes_or_no("Pouvez-vous prévenir le service client s'il vous plaît ?") is True


@pytest.mark.parametrize(
    ("text", "investigation", "outcome"),
    [("bon ok ouvrez l'enquete", True, False), ("je veux une enquete", True, False),
     ("non laissez tomber l'enquete", False, False), ("pas besoin d'enquete", False, False),
     ("bon ils decrochent pas... finalement ouvrez lenquete svp", True, False),
     ("nan laissez tomber lenquete", False, False),
     ("vous pouvez pas juste men renvoyer un ??", False, True),
     ("et je serai remboursee ?", False, True), ("vous m'envoyez un nouveau colis ?", False, True),
     ("je peux le renvoyer ?", False, False), ("je vous renvoie le colis ?", False, False)],
)  # fmt: skip
def test_investigation_and_outcome(text: str, investigation: bool, outcome: bool) -> None:
    assert signals.demands_investigation(text) is investigation
    assert signals.asks_outcome(text) is outcome


@pytest.mark.parametrize(
    ("text", "arrives", "back"),
    [("ok tant pis. il arrive qd du coup", True, False), ("elle part quand ?", True, False),
     ("et ma commande sera livrée quand ?", True, False),
     ("c nul... et si je le renvoie quand il arrive ?", False, True),
     ("bon et si je renvoie toute la commande plutot ?", False, True),
     ("je peux retourner le colis ?", False, True),
     ("vous pouvez me renvoyer le colis ?", False, False),
     ("il arrive", False, False), ("quand est-ce que vous ouvrez ?", False, False),
     ("je voulais savoir si je peux renvoyer une partie des trucs, c la fgh jkl mnb", False, True),
     ("je renvoie des trucs", False, False)],
)  # fmt: skip
def test_when_it_arrives_or_sending_it_back(text: str, arrives: bool, back: bool) -> None:
    assert signals.asks_when_it_arrives(text) is arrives
    assert signals.asks_to_send_it_back(text) is back


@pytest.mark.parametrize(
    ("text", "where", "other"),
    [("bjr jai pas mon numero de commande ou je le trouve ?", True, False),
     ("je l ai pas, ou est ce que je la trouve", True, False),
     ("jai pas mon numero, ou je peux voir si mon colis est parti ?", False, False),
     ("vous pouvez pas la retrouver avec mon nom ? c Julien Bernard", False, True),
     ("vous pouvez chercher par mon adresse ?", False, True),
     ("je retrouve plus le mail", False, False)],
)  # fmt: skip
def test_finding_the_reference(text: str, where: bool, other: bool) -> None:
    assert signals.asks_where_to_find(text) is where
    assert signals.looks_up_by_something_else(text) is other


@pytest.mark.parametrize(
    ("text", "goodbye"),
    [("Merci beaucoup, bonne journée", True), ("au revoir", True), ("bonne soirée !", True),
     ("merci bcp", False), ("bonjour", False)],
)  # fmt: skip
def test_says_goodbye(text: str, goodbye: bool) -> None:
    assert signals.says_goodbye(text) is goodbye


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [("Et l'emballage cadeau est bien compris ?", True),
     ("et l'emballage cadeau il est bien dessus ?", True), ("il y a bien un paquet cadeau ?", True),
     ("et lemballage cadeau que javais pris il est tjrs dessus ?", True),
     ("l'emballage cadeau est déchiré, je fais quoi ?", False),
     ("je peux ajouter un emballage cadeau ?", False),
     ("l'emballage cadeau coute combien ?", False), ("emballage cadeau bien recu", False),
     ("je veux etre sur que l'emballage cadeau est bien prévu", True)],
)  # fmt: skip
def test_asks_if_gift_wrapped(text: str, wrapped: bool) -> None:
    assert signals.asks_if_gift_wrapped(text) is wrapped


@pytest.mark.parametrize(
    ("text", "what", "insists"),
    [("Et l'option retour à 1€ ça sert à quoi exactement ?", True, False),
     ("c quoi exactement une pickup station ?", True, False),
     ("c quoi le num de suivi", False, False),
     ("MAIS CEST LE BON CODE LA", False, True), ("c'est bien mon mail", False, True),
     ("je peux utiliser un code promo ?", False, False)],
)  # fmt: skip
def test_what_it_is_and_proof_insisted_on(text: str, what: bool, insists: bool) -> None:
    assert signals.asks_what_it_is(text) is what
    assert signals.insists_on_proof(text) is insists


@pytest.mark.parametrize(
    ("text", "ordered", "use", "where"),
    [("ah non en fait laissez tomber le virement, annulez carrement la commande svp",
      True, False, False),
     ("je voudrais annuler", False, False, False),
     ("Combien de maestros vais-je gagner et comment puis-je les utiliser ?", False, True, False),
     ("Merci ! Et je les vois où exactement sur le site ?", False, False, True),
     ("ils expirent qd ?", False, False, False)],
)  # fmt: skip
def test_orders_uses_and_finds(text: str, ordered: bool, use: bool, where: bool) -> None:
    assert signals.orders_a_change(text) is ordered
    assert signals.asks_how_to_use(text) is use
    assert signals.asks_where_to_find(text) is where


@pytest.mark.parametrize(
    ("text", "method", "answer"),
    [("je peux payer avec paypal a la place ?", True, False),
     ("je voudrais passer en 3 fois", True, False), ("je peux changer ?", False, False),
     ("ils me repondent qd", False, True), ("et vous me recontactez quand ?", False, True),
     ("quand est-ce que le colis arrive ?", False, False),
     ("et je peux les utiliser pour payer une partie de ma commande ?", False, False)],
)  # fmt: skip
def test_payment_method_and_when_they_answer(text: str, method: bool, answer: bool) -> None:
    assert signals.names_payment_method(text) is method
    assert signals.asks_when_they_answer(text) is answer


@pytest.mark.parametrize(
    ("text", "lone"),
    [("?", True), ("??", True), ("hein ?", True), ("quoi ?", True), ("et ?", False),
     ("c quoi ?", False), ("et la livraison ?", False), ("ok", False), ("hein ? pk ?", True),
     ("mais pourquoi ?", True), ("pk c gratuit ?", False)],
)  # fmt: skip
def test_only_asks(text: str, lone: bool) -> None:
    assert signals.only_asks(text) is lone


@pytest.mark.parametrize(
    ("text", "asked"),
    [("vous etes la jusqu'a quelle heure ?", True), ("et le samedi ?", True),
     ("ok et jusqu'a quelle heure je peux appeler ? faut que ce soit annulé", True),
     ("c ouvert les jours feries ?", True), ("merci", False), ("le samedi ca me va", False),
     ("et si jappelle apres 17h ca repond ?", True), ("je peux appeler vers 9 h ?", True),
     ("apres 3 jours ca revient ?", False),
     ("Donnez-moi les horaires de ce service. Je ne rappellerai pas deux fois.", True)],
)  # fmt: skip
def test_asks_hours(text: str, asked: bool) -> None:
    assert signals.asks_hours(text) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [("et si demain tjrs rien vous faites quoi", True), ("et s'il arrive pas mercredi ?", True),
     ("si toujours rien je fais quoi", True), ("et si le colis arrive jamais ?", True),
     ("et si eux savent rien ?", False), ("il est toujours pas la", False),
     ("je sais pas si il arrive", False)],
)  # fmt: skip
def test_if_it_does_not_come(text: str, asked: bool) -> None:
    assert signals.if_it_does_not_come(text) is asked


@pytest.mark.parametrize(
    ("text", "insult"),
    [("vous etes vraiment une bande d incapables, rendez moi mon fric", True),
     ("je suis incapable de trouver le numero", False)],
)  # fmt: skip
def test_incapables_aimed_is_an_insult(text: str, insult: bool) -> None:
    assert signals.is_insult(text) is insult


@pytest.mark.parametrize(
    ("text", "answer"),
    [("Je prefere que vous vous en occupiez, je ne suis pas tres doue pour ces demarches", True),
     ("occupez-vous en svp", True)],
)  # fmt: skip
def test_a_yes_that_leaves_it_to_the_shop(text: str, answer: bool) -> None:
    assert signals.yes_or_no(text) is answer


@pytest.mark.parametrize(
    ("text", "case"),
    [("si je recup pas mon colis a la pickup station tout de suite il se passe quoi ?", True),
     ("ok et si on commande a 17h", True), ("ma commande si elle arrive pas", False),
     ("je sais pas si je peux", False),
     ("slt si jvais pas chercher mon colis dans la pickup station a temps il vous revient ?", True),
     ("si jai un souci avec ma commande", True), ("si joli ce mug", False),
     ("bonjour si la personne a qui j'offre le cadeau va pas chercher le colis a la pickup "
      "station il se passe quoi ?", True)],
)  # fmt: skip
def test_hypothetical(text: str, case: bool) -> None:
    assert signals.hypothetical(text) is case


@pytest.mark.parametrize(
    ("text", "station"),
    [("si jvais pas chercher mon colis dans la pickup station a temps", True),
     ("le pick up c'est combien de jours ?", True), ("mon colis est dans l'automate", True),
     ("je veux le point relais", False)],
)  # fmt: skip
def test_names_pickup_station(text: str, station: bool) -> None:
    assert signals.names_pickup_station(text) is station


@pytest.mark.parametrize(
    ("text", "again"),
    [("bon et une fois dans la station c'etait combien de jours deja ?", True),
     ("vous avez dit combien de jours ?", True), ("c'est combien de jours ?", False),
     ("jai deja recu un mail ?", False)],
)  # fmt: skip
def test_asks_again(text: str, again: bool) -> None:
    assert signals.asks_again(text) is again


@pytest.mark.parametrize(
    ("text", "instead"),
    [("et le truc perso je peux au moins avoir un bon d'achat a la place ?", True),
     ("je peux l'echanger ?", True), ("vous me remboursez ?", True),
     ("je peux avoir un mug ?", False), ("un bon d'achat", False)],
)  # fmt: skip
def test_asks_something_instead(text: str, instead: bool) -> None:
    assert signals.asks_something_instead(text) is instead


@pytest.mark.parametrize(
    ("text", "named", "asked"),
    [("non laissez tomber je vais les appeler moi meme, cest quoi leur numero", True, True),
     ("cest quoi leur numero", False, False), ("c quoi le numero de tnt", False, True),
     ("leur site c quoi", True, False)],
)  # fmt: skip
def test_their_phone_after_a_carrier_was_named(text: str, named: bool, asked: bool) -> None:
    assert signals.asks_carrier_phone(text, carrier_named=named) is asked


@pytest.mark.parametrize(
    ("text", "insult"),
    [("bon ben tant pis je laisse tomber, vous servez a rien franchement", True),
     ("ca sert a rien de rappeler ?", False)],
)  # fmt: skip
def test_useless_is_an_insult(text: str, insult: bool) -> None:
    assert signals.is_insult(text) is insult


@pytest.mark.parametrize(
    ("text", "money"),
    [("NON LAISSEZ TOMBER VOTRE ENQUETE JE VEUX JUSTE MON ARGENT", True),
     ("remboursez moi", True), ("non merci", False), ("je veux mon colis", False)],
)  # fmt: skip
def test_wants_money_back(text: str, money: bool) -> None:
    assert signals.wants_money_back(text) is money


@pytest.mark.parametrize(
    ("text", "why"),
    [("pk le code postal suffit pas ?? c ma commande quand meme", True),
     ("pourquoi il vous faut le mail ?", True), ("le cp ne suffit pas ?", True),
     ("pourquoi mon colis est en retard", False)],
)  # fmt: skip
def test_asks_why_the_email(text: str, why: bool) -> None:
    assert signals.asks_why_the_email(text) is why


@pytest.mark.parametrize(
    ("text", "codes"),
    [("Par ailleurs, avez-vous des codes de reduction en ce moment ?", True),
     ("on peut les utiliser en reduction ?", False)],
)  # fmt: skip
def test_names_promo_codes(text: str, codes: bool) -> None:
    assert signals.names_promo_codes(text) is codes


@pytest.mark.parametrize(
    ("text", "why"),
    [("et vous pouvez pas le trouver vous meme avec le numero ?? c'est quoi le probleme", True),
     ("pourquoi ?", True), ("13001", False), ("je le trouve pas", False)],
)  # fmt: skip
def test_asks_why_the_proof(text: str, why: bool) -> None:
    assert signals.asks_why_the_proof(text) is why


@pytest.mark.parametrize(
    ("text", "defect"),
    [("ok mais le perso il a un defaut en plus, le texte est a moitié effacé", True),
     ("la lampe marche pas", True), ("je me suis trompé de prénom", False)],
)  # fmt: skip
def test_describes_a_defect(text: str, defect: bool) -> None:
    assert signals.describes_a_defect(text) is defect


@pytest.mark.parametrize(
    ("text", "expiry"),
    [("et ca expire ?", True), ("ils sont valables combien de temps", True),
     ("je peux les utiliser ?", False)],
)  # fmt: skip
def test_asks_expiry(text: str, expiry: bool) -> None:
    assert signals.asks_expiry(text) is expiry


@pytest.mark.parametrize(
    ("text", "spend", "where"),
    [("jpeux en faire quoi", True, False), ("et jles vois ou", False, True)],
)  # fmt: skip
def test_loyalty_follow_ups(text: str, spend: bool, where: bool) -> None:
    assert signals.asks_how_to_spend(text) is spend
    assert signals.asks_where_to_find(text) is where


@pytest.mark.parametrize(
    ("text", "stands", "cannot_find"),
    [("bah si cest ce qui est marqué sur le papier jsp moi je comprends rien", True, False),
     ("bizarre c'est ce qu'il y a sur mon papier", True, False),
     ("c'est bien ça pourtant", True, False), ("c'est bien mon mail", True, False),
     ("jsp ou il est", False, True), ("je le trouve pas", False, True),
     ("je sais pas où il est", False, True), ("ok merci", False, False),
     ("je comprends", False, False), ("ou est mon colis", False, False)],
)  # fmt: skip
def test_after_a_failed_check_or_where_the_reference_is(
    text: str, stands: bool, cannot_find: bool
) -> None:
    assert signals.stands_by_it(text) is stands
    assert signals.cannot_find_it(text) is cannot_find


@pytest.mark.parametrize(
    ("text", "same", "postcode"),
    [("et l'autre de mon mari QSDFGHJKL ? meme code", True, True),
     ("même adresse mail", True, False), ("le cp c'est quarante quatre mille", False, True),
     ("c'est le même", False, False), ("je veux changer d'adresse", False, False)],
)  # fmt: skip
def test_same_proof_and_postcode_named(text: str, same: bool, postcode: bool) -> None:
    assert signals.same_proof(text) is same
    assert signals.names_postcode(text) is postcode


@pytest.mark.parametrize(
    ("text", "call_cost", "tracking", "cancel"),
    [("ça coute combien l'appel ?", True, False, False),
     ("leur numero est payant ?", True, False, False),
     ("la livraison coute combien ?", False, False, False),
     ("Le numéro que j'ai noté est 6A20419837512, mais", False, True, False),
     ("GE481273650 il est ou", False, True, False), ("RR123456785FR", False, True, False),
     ("KQZPTRBWE 69003", False, False, False), ("mon tel 0612345678", False, False, False),
     ("slt je veux annuler ma commande KQZPTRBWE cp 69003", False, False, True),
     ("annulez la svp", False, False, True), ("c'est possible d'annuler ?", False, False, False)],
)  # fmt: skip
def test_call_cost_tracking_number_and_cancellation_wanted(
    text: str, call_cost: bool, tracking: bool, cancel: bool
) -> None:
    assert signals.asks_call_cost(text) is call_cost
    assert signals.gives_a_tracking_number(text) is tracking
    assert signals.wants_to_cancel(text) is cancel


@pytest.mark.parametrize(
    ("text", "reach"),
    [("ok merci, et du coup on peut vous joindre a quelle heure ?", True),
     ("je peux vous appeler le samedi ?", True), ("vous etes ouverts quand ?", False),
     ("le colis arrive a quelle heure", False),
     ("merci. telephone c'est quelle heures ? samedi aussi ?", True),
     ("et le tel c ouvert le samedi ?", True), ("telephone de tnt a quelle heure ?", False),
     ("et c'est joignable jusqu'à quand ? je sors du taf à 18h", True),
     ("jprefere quand meme appeler, vous repondez le samedi ?", True),
     ("vous repondez aux mails ?", False)],
)  # fmt: skip
def test_asks_when_to_reach_us(text: str, reach: bool) -> None:
    assert signals.asks_when_to_reach_us(text) is reach


@pytest.mark.parametrize(
    ("text", "gives_up", "costs"),
    [("bon c'est pas grave elle vous contactera elle meme", True, False),
     ("tant pis je verrai avec elle", True, False), ("je vous donne son mail", False, False),
     ("Et cela va me coûter cher ? Je suis à la retraite vous savez.", False, True),
     ("ça coute qqch ?", False, True), ("ca coute combien la livraison ?", False, False),
     ("et ca coute combien de le renvoyer", False, False)],
)  # fmt: skip
def test_gives_up_and_asks_what_it_costs(text: str, gives_up: bool, costs: bool) -> None:
    assert signals.gives_up(text) is gives_up
    assert signals.asks_what_it_costs(text) is costs


@pytest.mark.parametrize(
    ("text", "leaves", "missing", "back", "corrects"),
    [("le livreur peut le laisser au gardien ? je bosse toute la journée", True, False, False,
      False),
     ("deposez le colis chez ma voisine svp", True, False, False, False),
     ("que se passe t il si je suis absent ?", False, False, False, False),
     ("le carton est ecrasé et un des articles dedans est cassé", False, False, False, False),
     ("il manque la bougie dans le colis", False, True, False, False),
     ("je voudrais rendre un article jamais servi. ref DFGTRHYJK cp 42160", False, False, True,
      False),
     ("j'ai rendu service a ma voisine", False, False, False, False),
     ("ah non pardon c'est julien.bernard@example.fr", False, False, False, True),
     ("non c'est bon merci", False, False, False, False)],
)  # fmt: skip
def test_leaves_missing_sends_back_corrects(
    text: str, leaves: bool, missing: bool, back: bool, corrects: bool
) -> None:
    assert signals.leaves_with_someone(text) is leaves
    assert signals.says_missing(text) is missing
    assert signals.wants_to_send_it_back(text) is back
    assert signals.corrects_itself(text) is corrects


@pytest.mark.parametrize(
    ("text", "where", "email", "call_cost"),
    [("13001. et vous êtes où vous d'abord, encore une plateforme à l'autre bout du monde ?",
      True, False, False),
     ("et je vais tomber sur un centre d'appel a l'etranger ?", True, False, False),
     ("où est mon colis ?", False, False, False),
     ("vous livrez a l'etranger ?", False, False, False),
     ("la plateforme de paiement marche pas ?", False, False, False),
     ("S'agissant d'une réclamation, je préfère une trace écrite. Avez-vous une adresse "
      "électronique ?", False, True, False),
     ("c quoi votre mail", False, True, False),
     ("c'est quoi le mail de confirmation ?", False, False, False),
     ("c facturé combien l'appel chez vous", False, False, True),
     ("c'est payant votre numéro point d'interrogation je suis à la retraite", False, False,
      True)],
)  # fmt: skip
def test_where_they_are_their_email_and_the_call_s_cost(
    text: str, where: bool, email: bool, call_cost: bool
) -> None:
    assert signals.asks_where_they_are(text) is where
    assert signals.asks_shop_email(text) is email
    assert signals.asks_call_cost(text) is call_cost


@pytest.mark.parametrize(
    ("text", "person", "real_one", "reach"),
    [("mon colis LMPQRTSVX n'est pas la j'en ai ras le bol je veux un humain tout de suite", True,
      False, False),
     ("Passez-moi un responsable. Je tiens une boutique de cadeaux", True, False, False),
     ("wsh y a qqn de vrai ici ou c que des bots", False, True, False),
     ("c'est un vrai humain qui me répond ?", False, True, False),
     ("jpeux appeler dimanche ou c mort", False, False, True),
     ("je veux un remboursement", False, False, False)],
)  # fmt: skip
def test_a_person_a_real_one_and_when_to_call(
    text: str, person: bool, real_one: bool, reach: bool
) -> None:
    assert signals.wants_a_person(text) is person
    assert signals.asks_for_a_real_one(text) is real_one
    assert signals.asks_when_to_reach_us(text) is reach


@pytest.mark.parametrize(
    ("text", "how_long"),
    [("ca va prendre combien de temps l'enquete ?", True),
     ("et j'aurai des nouvelles quand ?", True), ("vous livrez en combien de temps ?", True),
     ("et je serai remboursée ?", False),
     ("ca prend du temps", False)],
)  # fmt: skip
def test_asks_how_long_it_takes(text: str, how_long: bool) -> None:
    assert signals.asks_how_long_it_takes(text) is how_long


@pytest.mark.parametrize(
    ("text", "professional"),
    [("je bosse pour un comité d'entreprise on voudrait commander 200 coffrets pour noel", True),
     ("Je tiens une boutique de cadeaux à Saint-Étienne et je veux revendre vos produits", True),
     ("les cadeaux de fin d'année pour ma boîte (une soixantaine de coffrets)", True),
     ("en gros ca met combien de temps", False), ("j'ai commandé 2 coffrets", False)],
)  # fmt: skip
def test_is_professional(text: str, professional: bool) -> None:
    assert signals.is_professional(text) is professional


@pytest.mark.parametrize(
    ("text", "asked"),
    [("et le code pour ouvrir il arrive comment ? faut que je donne mon portable ?", True),
     ("ok et le code pour ouvrir le casier je le recois comment ? ma cmd c BTRXQWMPL", True),
     ("et on recoit un code pr ouvrir ?", True), ("je peux retirer avec le code ?", True),
     ("le code du casier on le recoit ou", True),
     ("le code promo je le mets ou ?", False),
     ("mon code postal c 75011 pour le retrait ?", False),
     ("ou je tape le code de reduction pour le retrait en station ?", False),
     ("le code pour ouvrir le casier", False)],  # no question
)  # fmt: skip
def test_asks_pickup_code(text: str, asked: bool) -> None:
    assert signals.asks_pickup_code(text) is asked


@pytest.mark.parametrize(
    ("text", "wish"),
    [("Très bien c'est noté. Merci mille fois, bonne soirée", "Bonne soirée"),
     ("d'accord merci, bonne soiree", "Bonne soirée"), ("merci bonne nuit", "Bonne nuit"),
     ("merci, bonne journée", None), ("au revoir", None), ("ma soirée est gâchée", None)],
)  # fmt: skip
def test_evening_wish(text: str, wish: str | None) -> None:
    assert signals.evening_wish(text) == wish


@pytest.mark.parametrize(
    ("text", "asked"),
    [("et faut que j'amene quoi ?", True), ("ok et je dois ramener quoi ?", True),
     ("qu'est-ce que j'apporte ?", True), ("il faut quels papiers ?", True),
     ("j'ai besoin de quoi pour le retrait ?", True), ("je peux emmener ma fille ?", False),
     ("vous amenez le colis quand ?", False), ("quoi ?", False)],
)  # fmt: skip
def test_asks_what_to_bring(text: str, asked: bool) -> None:
    assert signals.asks_what_to_bring(text) is asked


@pytest.mark.parametrize(
    ("text", "lunch"),
    [("je passerai sur ma pause dej vers 12h45", True), ("le midi c'est ouvert ?", True),
     ("vers 13h ca va ?", True), ("je passe vers 16h", False),
     ("jai deja commandé hier", False)],
)  # fmt: skip
def test_says_lunchtime(text: str, lunch: bool) -> None:
    assert signals.says_lunchtime(text) is lunch


@pytest.mark.parametrize(
    ("text", "food"),
    [("ok et si c des chocolats ?", True), ("un coffret de confitures et de terrines", True),
     ("et pour un coffret de chocolats meme pas ouvert ?", True), ("et la bougie ?", False),
     ("un mug personnalisé", False)],
)  # fmt: skip
def test_describes_a_perishable_item(text: str, food: bool) -> None:
    assert signals.describes_a_perishable_item(text) is food


@pytest.mark.parametrize(
    ("text", "asked"),
    [("ok et la demande je la fais ou", True), ("ok et concretement je fais comment", True),
     ("ou est ce que je fais la demande ?", True), ("le colis est ou ?", False),
     ("je le fais ou bien je vous appelle ?", False), ("comment ca se fait ?", False)],
)  # fmt: skip
def test_asks_how_or_where_to_do(text: str, asked: bool) -> None:
    assert signals.asks_how_or_where_to_do(text) is asked


@pytest.mark.parametrize(
    ("text", "day"),
    [("et si je commande un samedi ?", 5),
     ("une commande passée le week-end, elle part quand ?", 5), ("si je commande dimanche soir", 6),
     ("si je passe commande vendredi apres 16h ?", 4),
     ("en commandant un lundi ca part quand", 0),
     ("jai commandé lundi elle arrive quand", None),  # their order, placed already
     ("et si je commande ce soir ?", None), ("vous livrez le samedi ?", None)],
)  # fmt: skip
def test_ordering_day(text: str, day: int | None) -> None:
    assert signals.ordering_day(text) == day


@pytest.mark.parametrize(
    ("text", "hour"),
    [("si je passe commande vendredi apres 16h ?", (16, 30)), ("vers 17h30", (17, 30)),
     ("samedi a 9h", (9, 0)), ("un samedi", None), ("a 25h", None)],
)  # fmt: skip
def test_ordering_hour(text: str, hour: tuple[int, int] | None) -> None:
    assert signals.ordering_hour(text) == hour


@pytest.mark.parametrize(
    ("text", "asked"),
    [("jai encore rien acheté, jveux juste savoir si vous livrez le samedi", True),
     ("et ils livrent le dimanche ?", True), ("le livreur passe le samedi ?", True),
     ("si je commande le samedi ca arrive quand", False),  # an order's day: the estimates
     ("vous etes ouverts le samedi ?", False)],
)  # fmt: skip
def test_asks_delivery_days(text: str, asked: bool) -> None:
    assert signals.asks_delivery_days(text) is asked


@pytest.mark.parametrize(
    ("text", "nothing"),
    [("il dit qu'il a rien reçu", True), ("toujours rien recu", True),
     ("jai pas recu le mail de confirmation", False), ("pas recu de code", False),
     ("ma commande est arrivée", False)],
)  # fmt: skip
def test_says_nothing_received(text: str, nothing: bool) -> None:
    assert signals.says_nothing_received(text) is nothing


@pytest.mark.parametrize(
    ("text", "waits"),
    [("9 JOURS !!! 9 jours que j'attends mon colis c'est une blague ??", True),
     ("j'attends toujours ma commande", True), ("je peux commander par telephone ?", False),
     ("j'attends votre reponse", False)],
)  # fmt: skip
def test_waits_for_the_parcel(text: str, waits: bool) -> None:
    assert signals.waits_for_the_parcel(text) is waits


@pytest.mark.parametrize(
    ("text", "ordered"),
    [("J'ai passé une commande par téléphone la semaine dernière", True),
     ("J'ai commandé un coffret pour mon petit fils par téléphone", True),
     ("je peux commander par telephone ?", False), ("on peut passer commande par tel ?", False)],
)  # fmt: skip
def test_ordered_by_phone(text: str, ordered: bool) -> None:
    assert signals.ordered_by_phone(text) is ordered


@pytest.mark.parametrize(
    ("text", "answer"),
    [("ah ouais carrément, avec une petite carte si possible", True),
     ("euh oui pourquoi pas", True), ("bah ouais", True), ("bon ben allez-y", True),
     ("ah", None), ("ah bon ?", None)],
)  # fmt: skip
def test_yes_or_no_after_an_interjection(text: str, answer: bool | None) -> None:
    assert signals.yes_or_no(text) is answer


@pytest.mark.parametrize(
    ("text", "answer", "corrects"),
    [("hmm en fait non laissez, je l'emballerai moi même", False, False),
     ("non laissez", False, False), ("finalement non", False, False),
     ("bon finalement non.", False, False),
     ("hmm en fait non, juste retirer le mug", None, True),
     ("en fait non c est pour l autre commande", None, True)],
)  # fmt: skip
def test_a_no_is_not_a_correction(text: str, answer: bool | None, corrects: bool) -> None:
    assert signals.yes_or_no(text) is answer
    assert signals.corrects_request(text) is corrects


@pytest.mark.parametrize(
    ("text", "found"),
    [("c'est bon la gardienne l'avait gardé !! merci", True),
     ("je l'ai retrouvé chez le voisin", True), ("finalement il est arrivé ce matin", True),
     ("je viens de le recevoir", True), ("il est pas arrivé", False),
     ("je l'ai toujours pas reçu", False), ("il est arrivé quand ?", False),
     ("je viens de recevoir un mail", False)],
)  # fmt: skip
def test_found_the_parcel(text: str, found: bool) -> None:
    assert signals.found_the_parcel(text) is found


@pytest.mark.parametrize(
    ("text", "missed"),
    [("pardon DFGTRHYJK, il manquait le J. mail claire.martin@example.fr", True),
     ("j avais oublié un K : KQZPTRBWE", True), ("il manque la b a la fin", True),
     ("il manque le t-shirt", False), ("il manque un article KQZPTRBWE", False)],
)  # fmt: skip
def test_names_a_missed_letter(text: str, missed: bool) -> None:
    assert signals.names_a_missed_letter(text) is missed


@pytest.mark.parametrize(
    ("text", "where"),
    [("ou je trouve mon numero de commande ?", True), ("la reference elle est ou ?", True),
     ("Très bien et le fameux numéro de commande je le retrouve au même endroit ?", True),
     ("ou je trouve le numero de suivi de ma commande ?", False),
     ("ou en est ma commande ?", False), ("c quoi la ref de ma commande ?", False)],
)  # fmt: skip
def test_asks_where_the_order_number_is(text: str, where: bool) -> None:
    assert signals.asks_where_the_order_number_is(text) is where


@pytest.mark.parametrize(
    ("text", "none", "how"),
    [("on fait comment sans le numero ?", True, True),
     ("je trouve pas mon numéro de suivi nulle part, il est ou ?", False, False),
     ("je n'ai pas le numéro de commande", True, False),
     ("sans le numero de suivi je fais comment", False, False)],
)  # fmt: skip
def test_without_the_reference(text: str, none: bool, how: bool) -> None:
    assert signals.says_no_reference(text) is none
    assert signals.asks_how_without_reference(text) is how


@pytest.mark.parametrize(
    ("text", "looks"),
    [("il ressemble a quoi ce numero ?", True), ("c'est des lettres ou des chiffres ?", True),
     ("il a combien de lettres ?", True),
     ("il ressemble a quoi le numero de suivi ?", False), ("ou est mon colis ?", False)],
)  # fmt: skip
def test_asks_what_the_reference_looks_like(text: str, looks: bool) -> None:
    assert signals.asks_what_the_reference_looks_like(text) is looks


@pytest.mark.parametrize(
    ("text", "ours", "reach"),
    [("Ils répondent jusqu'à quelle heure au téléphone ?", True, True),
     ("Ils répondent jusqu'à quelle heure au téléphone ?", False, False),
     ("et tnt ils repondent jusqu a quelle heure ?", True, False),
     ("on peut vous joindre a quelle heure ?", False, True)],
)  # fmt: skip
def test_asks_when_to_reach_us_after_the_contacts(text: str, ours: bool, reach: bool) -> None:
    assert signals.asks_when_to_reach_us(text, ours) is reach


@pytest.mark.parametrize(
    ("text", "calls", "person"),
    [("bon bah je vous appelle alors", True, False),
     ("je vous appelle demain", True, False),
     ("je peux pas plutot appeler qqn ?", False, True)],
)  # fmt: skip
def test_will_call_or_wants_a_person(text: str, calls: bool, person: bool) -> None:
    assert signals.will_call(text) is calls
    assert signals.wants_a_person(text) is person


@pytest.mark.parametrize(
    ("text", "another"),
    [("ok et vous avez quoi comme emballages au fait", True),
     ("autre question : vous livrez en suisse ?", True), ("et en suisse ?", False)],
)  # fmt: skip
def test_changes_subject(text: str, another: bool) -> None:
    assert signals.changes_subject(text) is another


@pytest.mark.parametrize(
    ("text", "costs"),
    [("c'est un numéro surtaxé ?", True), ("c'est un numéro local ?", False)],
)  # fmt: skip
def test_asks_call_cost_surtaxe(text: str, costs: bool) -> None:
    assert signals.asks_call_cost(text) is costs


@pytest.mark.parametrize(
    ("text", "misses"),
    [("j'ai pas eu le temps d'aller chercher mon colis dans la consigne pickup", True),
     ("et si jarrive pas a le recuperer a temps ca fait quoi", True),
     ("je suis pas encore allé le chercher", True), ("je vais le chercher demain", False)],
)  # fmt: skip
def test_misses_the_pickup(text: str, misses: bool) -> None:
    assert signals.misses_the_pickup(text) is misses


@pytest.mark.parametrize(
    ("text", "code"),
    [("devant la pickup station, jai effacé le sms avec le code, je fais comment", True),
     ("jai effacé le sms avec le code, je fais comment", False),  # no station named
     ("le code promo de la pickup station ?", False)],
)  # fmt: skip
def test_asks_pickup_code_by_its_sms(text: str, code: bool) -> None:
    assert signals.asks_pickup_code(text) is code


@pytest.mark.parametrize(
    ("text", "carrier_named", "asked"),
    [("Qui dois-je appeler maintenant ?", True, True), ("j'appelle qui", True, True),
     ("j'appelle qui", False, False)],
)  # fmt: skip
def test_whom_to_call_after_a_carrier(text: str, carrier_named: bool, asked: bool) -> None:
    assert signals.asks_whom_to_call(text)
    assert signals.asks_carrier_phone(text, carrier_named) is asked


@pytest.mark.parametrize(
    ("text", "change"),
    [("Est-ce qu'elle peut être établie au nom de mon entreprise plutôt qu'au mien ?", True),
     ("on peut changer l'adresse de facturation dessus ?", True),
     ("je la trouve ou ?", False), ("elle est au nom de mon entreprise", False)],
)  # fmt: skip
def test_asks_invoice_change(text: str, change: bool) -> None:
    assert signals.asks_invoice_change(text) is change


@pytest.mark.parametrize(
    ("text", "quote"),
    [("Et pour un devis de 150 mugs, vous faites des prix ?", True),
     ("vous faites des prix pour 150 mugs ?", False)],
)  # fmt: skip
def test_asks_for_a_quote(text: str, quote: bool) -> None:
    assert signals.asks_for_a_quote(text) is quote


@pytest.mark.parametrize(
    ("text", "collect", "not_ordered", "without_option"),
    [("et on a combien de temps pour aller le chercher ?", True, False, False),
     ("jai pas encore commandé, vous livrez en suisse ?", False, True, False),
     ("et si je prends pas l'option, un retour me coute combien ?", False, False, True),
     ("je suis passée le chercher hier", False, False, False)],
)  # fmt: skip
def test_pickup_time_not_ordered_and_the_option(
    text: str, collect: bool, not_ordered: bool, without_option: bool
) -> None:
    assert signals.asks_how_long_to_collect(text) is collect
    assert signals.has_not_ordered(text) is not_ordered
    assert signals.without_the_option(text) is without_option


@pytest.mark.parametrize(
    ("text", "back"),
    [("le mug personnalisé, je pourrai le rendre si elle aime pas ?", True),
     ("je pourrai le recevoir quand ?", False)],
)  # fmt: skip
def test_asks_to_send_it_back_in_the_future(text: str, back: bool) -> None:
    assert signals.asks_to_send_it_back(text) is back


# Messages the session's new signals must not read as theirs (from the review of the change).
NOT_THEIRS = [
    ("corrects_request", "en fait non laissez tomber, j'ai une autre question"),
    ("corrects_request", "en fait non c'est bon, je vais juste attendre"),
    ("corrects_request", "en fait non laissez, je mettrai la carte moi meme"),
    ("found_the_parcel", "il est arrive casse"),
    ("found_the_parcel", "finalement il est arrivé mais le mug est cassé"),
    ("found_the_parcel", "le colis est arrivé mais il manque un article"),
    ("found_the_parcel", "je l'ai reçu mais c'est pas le bon article"),
    ("found_the_parcel", "le colis est arrive au mauvais endroit"),
    ("misses_the_pickup", "je peux pas recuperer mon mot de passe"),
    ("misses_the_pickup", "pas encore recupere mon remboursement"),
    (
        "misses_the_pickup",
        "devant la pickup station, j'arrive pas a recuperer mon colis, le code marche pas",
    ),
    ("misses_the_pickup", "la station est en panne, j'ai pas pu le retirer"),
    ("asks_how_long_to_collect", "combien de temps pour recuperer mes points ?"),
    ("asks_how_long_to_collect", "cb de jours pour aller le chercher a l'entrepot ?"),
    ("wants_a_person", "je veux pas appeler quelqu un, je veux une reponse ici"),
    ("wants_a_person", "je prefere pas contacter un conseiller"),
    ("says_no_reference", "comment vous contacter sans numero de telephone ?"),
    ("says_no_reference", "c possible de livrer sans numero de rue ?"),
    ("says_no_reference", "je trouve pas le numero du colis"),
    ("asks_where_the_order_number_is", "le numero de commande est bon ou pas ?"),
    ("asks_where_the_order_number_is", "j'ai donné le numero de commande, ou en est le colis ?"),
    ("asks_where_the_order_number_is", "c'est la ref du produit ou de la commande ?"),
    ("changes_subject", "d ailleurs il est toujours pas arrive"),
    ("changes_subject", "le mug n'a rien a voir avec la photo"),
    ("declines", "non laissez-le chez le gardien svp"),
    ("declines", "en fait non ?"),
    ("asks_what_the_reference_looks_like", "quel format pour la photo ?"),
    ("asks_invoice_change", "la facture est etablie automatiquement ?"),
    ("has_not_ordered", "j'ai recu un mug que j'ai pas commande !"),
    ("will_call", "je vous appelle ?"),
    ("will_call", "ca fait 3 fois que je vous appelle"),
    ("looks_up_by_something_else", "j'ai verifie avec mon adresse mail, j'ai rien recu"),
    ("names_a_missed_letter", "commande DFGTRHYJK : vous avez oublié le h dans thomas sur le mug"),
]


@pytest.mark.parametrize(("signal", "text"), NOT_THEIRS)
def test_the_new_signals_do_not_read_these(signal: str, text: str) -> None:
    assert not getattr(signals, signal)(text)


def test_when_to_reach_us_not_about_a_request_nor_a_carrier() -> None:
    assert not signals.asks_when_to_reach_us("ils répondent quand à ma demande ?", True)
    assert not signals.asks_when_to_reach_us(
        "j'ai appelé le service client, ils vont la contacter quand la poste ?"
    )
