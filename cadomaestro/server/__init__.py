"""What the Rasa server process loads besides its channels: its settings, the conversation store
(tracker_store), the apology when something behind a channel fails (failures), and the patches
of Rasa's slow paths (speedups). The channels (cadomaestro.channels) install the patches."""
