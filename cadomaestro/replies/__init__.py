"""What the assistant says about an order: pure functions from an order (as the backend returns it)
and the time to French chat messages. No Rasa, no HTTP; the rules come from cadomaestro.rules."""
