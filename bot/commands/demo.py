"""`attache demo`: the whole job offline — seed feeds → match → extract → briefings, a digest, the
seed storyline's timeline and its itinerary map (written to a temporary file).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from pathlib import Path

from bot.commands.common import run_async, seeds_dir
from bot.config import DatabaseSettings, FeedEntry, StorylineSettings, load_settings
from bot.progress import Progress

# The storyline written from the seed article (seeds/storylines/).
SEED_STORYLINE = "pompeo-asia-trip-2018"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="offline demo on the seed feeds (no token, temporary SQLite)")
    p.add_argument("--keep", metavar="DB", help="keep the demo database at this path")
    p.set_defaults(func=lambda args: run_async(_demo, args))


def _say(text: str = "") -> None:
    print(text, flush=True)


async def _demo(args: argparse.Namespace) -> int:
    from bot.app import build
    from bot.briefings.render import render_digest

    seeds = seeds_dir()
    feed_files = sorted(f for f in (seeds / "feeds").iterdir() if f.suffix in (".xml", ".atom"))
    with tempfile.TemporaryDirectory(prefix="attache-demo-") as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "demo.db"
        base = load_settings(None)
        settings = dataclasses.replace(
            base,
            database=DatabaseSettings(url=f"sqlite+aiosqlite:///{db}"),
            feeds=dataclasses.replace(
                base.feeds,
                sources=tuple(FeedEntry(url=f.as_uri()) for f in feed_files),
                allow_private=True,  # the seed feeds are local files
            ),
            storylines=dataclasses.replace(StorylineSettings(), paths=(str(seeds / "storylines"),)),
        )
        app = await build(settings)
        try:
            return await _run(app, render_digest, len(feed_files))
        finally:
            await app.close()


async def _run(app, render_digest, n_feeds: int) -> int:  # type: ignore[no-untyped-def]
    _say(f"Attaché demo: {n_feeds} seed feeds, {len(app.storylines)} storylines "
         f"({', '.join(sorted(app.storylines))})")
    _say()
    _say("1. Polling the seed feeds")
    reports = await app.pipeline.poll_cycle(force=True, process=False)
    for r in reports:
        _say(f"   {Path(r.url).name:<24} {r.describe()}")
    articles = sorted((a for r in reports for a in r.new_items), key=lambda a: a.published)

    _say()
    _say("2. Matching items against the storylines")
    matched_ids = set()
    for a in articles:
        ms = app.pipeline.matcher.match_article(a)
        if ms:
            matched_ids.add(a.id)
            for m in ms:
                _say(f"   ✓ {a.title[:70]}")
                _say(f"       → {m.slug} (score {m.score:.1f}): {m.explain()}")
        else:
            _say(f"   · {a.title[:70]}  (left out: no storyline)")

    _say()
    _say("3. Extracting who met whom, where, and what was said (matched items only)")
    total = sum(len(app.pipeline.matcher.match_article(a)) for a in articles)
    with Progress("Extracting", total) as bar:
        matches = await app.pipeline.process(articles, progress=bar.advance)
    if app.pipeline.extractions.error:
        _say(f"   note: {app.pipeline.extractions.error}; briefings say what is missing")

    _say()
    _say("4. Briefings")
    by_id = {a.id: a for a in articles}
    for m in matches:
        _say()
        _say(await app.reading.briefing(by_id[m.article_id], m, fmt="txt"))

    _say("5. Digest")
    view = await app.reading.digest_view(sorted(app.storylines), since=None, local_time=app.clock())
    _say(render_digest(view, "txt"))
    await _itinerary(app)
    failed = [r for r in reports if r.outcome == "failed"]
    return 1 if failed and len(failed) == len(reports) else 0


async def _itinerary(app) -> None:  # type: ignore[no-untyped-def]
    """The seed storyline's timeline, and its itinerary map written to a file that outlives the
    demo (the last line names it)."""
    if SEED_STORYLINE not in app.storylines:
        return
    _say(f"6. Timeline and itinerary map: {SEED_STORYLINE}")
    for message in await app.reading.timeline(SEED_STORYLINE, fmt="txt"):
        _say(message)
    picture = await app.reading.itinerary(SEED_STORYLINE)
    if picture.png is None:
        _say(f"itinerary image: none ({picture.reason})")
        return
    with tempfile.NamedTemporaryFile(prefix="attache-itinerary-", suffix=".png", delete=False) as f:
        f.write(picture.png)
    _say(f"itinerary image: {f.name}")


