"""Attaché: a Telegram bot that briefs you on the diplomatic storylines you follow."""

__version__ = "0.1.0"
