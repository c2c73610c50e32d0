"""The shop's rules (docs/rules.md) as pure functions: no Rasa, no database, no I/O.

Every answer that depends on an order's status, on time or on the customer calls these modules;
nothing else restates a rule.
"""
