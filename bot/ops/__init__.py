"""Operating the bot: the status view, the health and metrics server, and log set-up."""
