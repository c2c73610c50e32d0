"""The agent console: customer service reads the assistant's conversations (read-only, from the
conversation store) in its own process and database (`python -m cadomaestro.console`)."""
