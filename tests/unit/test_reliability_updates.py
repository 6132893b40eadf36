"""The reliability suite's updates: every generated one is Telegram-shaped; the checker catches
what Telegram would never send."""

from __future__ import annotations

import itertools
import random

from bench.reliability import tgshape, updategen

PEOPLE = updategen.People(
    admin=900, users=(2001, 2002, 2003), groups=(-3001,), supergroups=(-1001000000001,),
    channel=-1001999000001, bot_username="attache_test_bot",
)


def _ids():
    counter = itertools.count(1)
    return lambda chat_id: next(counter)


def _all_generated() -> list[dict]:
    rng, next_id = random.Random(3), _ids()
    names = ["start", "subscribe", "timezone", "addfeed"]
    out = [
        *updategen.commands(rng, PEOPLE, next_id, names),
        *updategen.chatter(rng, PEOPLE, next_id),
        *updategen.groups(rng, PEOPLE, next_id, names),
    ]
    bot_message = {
        "message_id": 5, "date": 1, "chat": updategen.chat_json(2001, "private"),
        "from": {"id": 1, "is_bot": True, "first_name": "Bot"}, "text": "Pick one",
        "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "sub:relay:0"}]]},
    }
    return out + updategen.forged_callbacks(rng, PEOPLE, [bot_message], 30)


def test_every_generated_update_is_one_telegram_could_send():
    """Commands, pastes, edits, group and channel posts, membership changes and presses all
    pass the shape check (ids, chat types, entities, lengths, callback data)."""
    updates = _all_generated()
    assert len(updates) > 500
    for n, payload in enumerate(updates):
        assert tgshape.problems({"update_id": n + 1, **payload}) == [], payload


def test_a_long_paste_arrives_as_messages_within_the_limit():
    """5,000 characters of emoji-laden text become consecutive messages of ≤ 4096 UTF-16 units
    that join back to the paste."""
    paste = "🤝 talks " * 700
    parts = updategen.split_paste(paste)
    assert len(parts) > 1
    assert "".join(parts) == paste
    assert all(tgshape.problems({"update_id": 1, **updategen.message(
        PEOPLE, _ids(), 2001, 2001, p)}) == [] for p in parts)


def test_the_checker_refuses_what_telegram_never_sends():
    """Too long a text, oversized callback data, a private chat with a group's id, a channel
    post with a sender, an edit without edit_date, a command without its entity."""
    next_id = _ids()
    good = updategen.message(PEOPLE, next_id, 2001, 2001, "/start")
    too_long = updategen.message(PEOPLE, next_id, 2001, 2001, "x" * 4097)
    no_entity = updategen.message(PEOPLE, next_id, 2001, 2001, "/start")
    no_entity["message"].pop("entities")
    wrong_chat = updategen.message(PEOPLE, next_id, 2001, 2001, "hi")
    wrong_chat["message"]["chat"]["id"] = -5
    channel_with_sender = updategen.message(PEOPLE, next_id, PEOPLE.channel, None, "hi")
    channel_with_sender["channel_post"]["from"] = {"id": 1, "is_bot": False, "first_name": "X"}
    edit = updategen.message(PEOPLE, next_id, 2001, 2001, "hi", edited=True)
    edit["edited_message"].pop("edit_date")
    press = updategen.forged_callbacks(random.Random(1), PEOPLE, [good["message"]], 1)[0]
    press["callback_query"]["data"] = "x" * 65
    assert tgshape.problems({"update_id": 1, **good}) == []
    for bad in (too_long, no_entity, wrong_chat, channel_with_sender, edit, press):
        assert tgshape.problems({"update_id": 1, **bad}), bad
