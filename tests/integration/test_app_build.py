"""What build() and build_application() assemble: the feed client leaves redirects to the
Fetcher's per-hop checks, and the bot's rate limiter is the one built from config."""

from __future__ import annotations

import dataclasses

from bot.app import build
from bot.config import load_settings
from bot.telegram.application import build_application
from bot.telegram.delivery import build_bot

TOKEN = "123456:TEST-token-for-the-build-checks"


async def test_the_feed_client_does_not_follow_redirects_itself(storage) -> None:
    """httpx must hand every redirect back to the Fetcher, which checks each hop's address."""
    app = await build(load_settings(None), storage=storage, storylines=[])
    try:
        assert app.http.follow_redirects is False
    finally:
        await app.close()


async def test_both_bots_rate_limit_with_the_configured_figures(storage) -> None:
    """The application's bot and the standalone sending bot get a limiter with the configured
    rates and retries (PTB's default of no retries would drop a message on the first 429)."""
    base = load_settings(None)
    tg = dataclasses.replace(base.telegram, overall_max_rate=11.0, group_max_rate=7.0, max_retries=4)
    settings = dataclasses.replace(base, telegram=tg)
    app = await build(settings, storage=storage, storylines=[])
    try:
        application = build_application(app, TOKEN, base_url="http://127.0.0.1:9/bot", tick_interval=None)
        for limiter in (application.bot.rate_limiter, build_bot(TOKEN, settings).rate_limiter):
            assert limiter is not None
            assert limiter._max_retries == 4
            assert limiter._base_limiter.max_rate == 11.0
            assert limiter._group_max_rate == 7.0
    finally:
        await app.close()


async def test_the_match_threshold_is_the_scoring_datas_unless_the_config_sets_one(storage) -> None:
    """Without `[storylines] min_score` the matcher keeps the threshold of scoring.toml; a
    value in the config overrides it (the precedence config.example.toml documents)."""
    from bot.storylines.scoring import SCORING

    base = load_settings(None)
    assert base.storylines.min_score is None
    app = await build(base, storage=storage, storylines=[])
    try:
        assert app.pipeline.matcher.min_score == SCORING.min_score  # type: ignore[attr-defined]
    finally:
        await app.close()
    stricter = dataclasses.replace(
        base, storylines=dataclasses.replace(base.storylines, min_score=SCORING.min_score + 0.5)
    )
    app = await build(stricter, storage=storage, storylines=[])
    try:
        assert app.pipeline.matcher.min_score == SCORING.min_score + 0.5  # type: ignore[attr-defined]
    finally:
        await app.close()
