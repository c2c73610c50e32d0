"""Custom actions of the CadoMaestro assistant, served by `rasa run actions` (port 5055)."""
