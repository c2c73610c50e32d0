"""Rasa input channels of the assistant and what they answer when something behind them fails."""
