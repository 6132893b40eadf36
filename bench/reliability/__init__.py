"""The reliability suite: hostile feeds, hostile updates, kill -9 and Bot API storms, measured."""
