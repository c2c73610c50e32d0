"""The order backend: orders, customers and loyalty points in an SQL database, imported from JSON
files and served to the assistant over a small HTTP API (see openapi.yaml).

Run it with `python -m cadomaestro.backend serve`; `python -m cadomaestro.backend --help` lists the
other commands.
"""
