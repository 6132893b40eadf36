"""Telegram text, pure: UTF-16 units and limits, Telegram-HTML validation, splitting into messages."""
