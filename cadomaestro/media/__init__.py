"""Photos customers send: checked (cadomaestro.media.images), kept in a media store
(cadomaestro.media.store)."""
