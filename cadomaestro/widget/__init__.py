"""The website's chat widget as the Rasa server serves it: the built script, photo uploads, the
photos for agents, logged-in customers' tokens and the local demo page (the socket.io protocol
is in cadomaestro.channels.socketio)."""
