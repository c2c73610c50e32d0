"""The dialogue's pure parts: what a message signals besides its topic (signals)."""
