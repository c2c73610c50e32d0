// Every string the customer sees (or hears through a screen reader), in one place.

export const TEXTS = Object.freeze({
  defaultTitle: "Assistant CadoMaestro",
  open: "Ouvrir la discussion",
  close: "Fermer la discussion",
  messages: "Messages",
  input: "Votre message",
  placeholder: "Votre message…",
  send: "Envoyer",
  attachPhoto: "Joindre une photo",
  privacy: "Politique de confidentialité",
  typing: "L’assistant écrit…",
  uploading: "Envoi de la photo…",
  photoSent: "Photo envoyée",
  tooLong: "Votre message atteint la limite de 2 000 caractères : envoyez la suite dans un autre message.",
  photoAlt: "Votre photo",
  photoFailed: "La photo n’a pas pu être envoyée. Réessayez, s’il vous plaît.",
  connectionLost: "Connexion perdue. Reconnexion en cours…",
  connectionBack: "Connexion rétablie.",
  error: "Une erreur est survenue. Réessayez, s’il vous plaît.",
});
