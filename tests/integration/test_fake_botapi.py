"""The fake Bot API server answers like Telegram: shapes, validation rules, limits, driver API."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

from bot.telegram.fake import DEFAULT_TOKEN, FakeBotAPI, RateLimits


class FakeMonotonic:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta retry_after (else PTB warns, and warnings are errors here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
async def api(mono: FakeMonotonic):
    async with FakeBotAPI(clock=mono) as server:
        yield server


@pytest.fixture
async def http(api: FakeBotAPI):
    async with httpx.AsyncClient(base_url=f"{api.base_url}{api.token}/") as client:
        yield client


@pytest.fixture
async def bot(api: FakeBotAPI):
    async with Bot(api.token, base_url=api.base_url) as ptb_bot:
        yield ptb_bot


async def send(http: httpx.AsyncClient, **params: object) -> httpx.Response:
    return await http.post("sendMessage", json=params)


# ---------------------------------------------------------------- basics


async def test_server_binds_loopback_port_and_reports_base_url(api: FakeBotAPI) -> None:
    """Port 0 is replaced by the bound port; base_url is what PTB's base_url expects."""
    assert api.port > 0
    assert api.base_url == f"http://127.0.0.1:{api.port}/bot"


def test_server_refuses_non_loopback_host() -> None:
    """The fake never listens beyond 127.0.0.1."""
    with pytest.raises(ValueError, match="loopback"):
        FakeBotAPI(host="0.0.0.0")


async def test_get_me_through_ptb_returns_the_bot_user(bot: Bot, api: FakeBotAPI) -> None:
    """PTB's initialize/getMe parses the fake's bot user."""
    me = await bot.get_me()
    assert me.is_bot
    assert me.username == api.bot_username
    assert me.id == api.bot_id


async def test_unknown_method_is_404_with_telegram_error_shape(http: httpx.AsyncClient) -> None:
    """An unknown method answers 404 with Telegram's exact error body."""
    response = await http.post("sendTelepathy", json={})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_wrong_token_is_401_unauthorized(api: FakeBotAPI) -> None:
    """Another token is refused like Telegram refuses it."""
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{api.base_url}1:other/getMe")
    assert response.status_code == 401
    assert response.json()["description"] == "Unauthorized"


async def test_method_names_are_case_insensitive(http: httpx.AsyncClient) -> None:
    """Telegram accepts getme as well as getMe."""
    response = await http.get("getme")
    assert response.json()["ok"] is True


async def test_form_encoded_body_is_accepted_like_json(http: httpx.AsyncClient, api: FakeBotAPI) -> None:
    """A form body (non-string values JSON-encoded, as PTB posts) works like a JSON body."""
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    response = await http.post(
        "sendMessage",
        data={"chat_id": "42", "text": "<i>hi</i>", "parse_mode": "HTML", "reply_markup": json.dumps(markup)},
    )
    body = response.json()
    assert body["ok"] is True
    assert body["result"]["chat"]["id"] == 42
    assert api.messages(42)[0].reply_markup == markup
    assert api.messages(42)[0].entities == ({"type": "italic", "offset": 0, "length": 2},)


async def test_malformed_json_body_is_a_clear_400(http: httpx.AsyncClient) -> None:
    """A body that is not JSON gets a 400, not a server error."""
    response = await http.post(
        "sendMessage", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False


# ---------------------------------------------------------------- text validation


async def test_send_message_returns_message_with_parsed_text_and_entities(
    http: httpx.AsyncClient,
) -> None:
    """HTML is parsed into plain text plus entities, as Telegram returns it."""
    response = await send(
        http, chat_id=7, text='<b>Pompeo</b> met <a href="https://example.org/x">Kim</a> &amp; co',
        parse_mode="HTML",
    )
    result = response.json()["result"]
    assert result["text"] == "Pompeo met Kim & co"
    assert {"type": "bold", "offset": 0, "length": 6} in result["entities"]
    assert {"type": "text_link", "offset": 11, "length": 3, "url": "https://example.org/x"} in result[
        "entities"
    ]


async def test_empty_text_is_rejected_as_empty(http: httpx.AsyncClient) -> None:
    """Whitespace-only text (also after parsing) → 400 message text is empty."""
    for text, mode in (("   ", None), ("<b> </b>", "HTML")):
        response = await send(http, chat_id=7, text=text, parse_mode=mode)
        assert response.status_code == 400
        assert response.json()["description"] == "Bad Request: message text is empty"


async def test_text_over_4096_utf16_units_is_rejected_as_too_long(http: httpx.AsyncClient) -> None:
    """4096 UTF-16 units pass; 4097 fail; astral characters count twice."""
    ok = await send(http, chat_id=7, text="a" * 4096)
    assert ok.status_code == 200
    too_long = await send(http, chat_id=7, text="a" * 4097)
    assert too_long.status_code == 400
    assert too_long.json()["description"] == "Bad Request: message is too long"
    emoji = await send(http, chat_id=8, text="\U0001f30d" * 2049)  # 4098 UTF-16 units
    assert emoji.json()["description"] == "Bad Request: message is too long"


async def test_length_is_measured_after_entity_parsing(http: httpx.AsyncClient) -> None:
    """Markup does not count toward 4096: 4096 visible characters inside <b> pass."""
    response = await send(http, chat_id=7, text="<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag"),
        ("1 < 2", 'Unsupported start tag ""'),
        ('<span class="red">x</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<b", "Unclosed start tag"),
        ("<br/>", 'Unsupported start tag "br"'),
    ],
)
async def test_bad_html_is_400_cant_parse_entities(
    http: httpx.AsyncClient, markup: str, reason: str
) -> None:
    """Unknown tags, unbalanced markup and bare '<' → 400 "can't parse entities"."""
    response = await send(http, chat_id=7, text=markup, parse_mode="HTML")
    assert response.status_code == 400
    description = response.json()["description"]
    assert description.startswith("Bad Request: can't parse entities: ")
    assert reason in description


@pytest.mark.parametrize(
    "markup",
    [
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins>",
        "<s>s</s><strike>k</strike><del>d</del><code>c</code><pre>p</pre>",
        '<pre><code class="language-python">x = 1</code></pre>',
        "<blockquote>q</blockquote><blockquote expandable>e</blockquote>",
        '<tg-spoiler>t</tg-spoiler><span class="tg-spoiler">s</span>',
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "&lt;tag&gt; &quot;q&quot; &#8212; &#x2014; AT&T &nbsp;",
        '<a href="https://example.org/?a=1&amp;b=2">link</a>',
    ],
)
async def test_every_supported_tag_and_entity_is_accepted(http: httpx.AsyncClient, markup: str) -> None:
    """The tags and entities Telegram documents for HTML parse mode all pass."""
    response = await send(http, chat_id=7, text=markup, parse_mode="HTML")
    assert response.status_code == 200, response.json()


async def test_unknown_named_entity_stays_literal(http: httpx.AsyncClient) -> None:
    """'&nbsp;' and a bare '&' are kept as typed, as Telegram does."""
    response = await send(http, chat_id=7, text="AT&T &nbsp;", parse_mode="HTML")
    assert response.json()["result"]["text"] == "AT&T &nbsp;"


async def test_unknown_parse_mode_is_rejected(http: httpx.AsyncClient) -> None:
    """A parse_mode Telegram does not know → 400."""
    response = await send(http, chat_id=7, text="x", parse_mode="XML")
    assert response.status_code == 400
    assert "parse_mode" in response.json()["description"]


# ---------------------------------------------------------------- reply markup


@pytest.mark.parametrize("data", ["", "x" * 65, "é" * 33])
async def test_callback_data_outside_1_to_64_bytes_is_button_data_invalid(
    http: httpx.AsyncClient, data: str
) -> None:
    """callback_data of 0 or more than 64 bytes (UTF-8) → 400 BUTTON_DATA_INVALID."""
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]}
    response = await send(http, chat_id=7, text="x", reply_markup=markup)
    assert response.status_code == 400
    assert response.json()["description"] == "Bad Request: BUTTON_DATA_INVALID"


async def test_callback_data_of_exactly_64_bytes_is_accepted(http: httpx.AsyncClient) -> None:
    """64 bytes is the limit, inclusive."""
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "x" * 64}]]}
    response = await send(http, chat_id=7, text="x", reply_markup=markup)
    assert response.status_code == 200


async def test_reply_markup_that_is_not_json_is_rejected(http: httpx.AsyncClient) -> None:
    """A form reply_markup that is not JSON → 400 can't parse reply keyboard markup."""
    response = await http.post("sendMessage", data={"chat_id": "7", "text": "x", "reply_markup": "{"})
    assert response.json()["description"] == (
        "Bad Request: can't parse reply keyboard markup JSON object"
    )


async def test_button_without_action_or_text_is_rejected(http: httpx.AsyncClient) -> None:
    """A button with no text, or with neither callback_data nor url, → 400."""
    no_text = {"inline_keyboard": [[{"text": "", "callback_data": "a"}]]}
    no_action = {"inline_keyboard": [[{"text": "Go"}]]}
    assert (await send(http, chat_id=7, text="x", reply_markup=no_text)).status_code == 400
    assert (await send(http, chat_id=7, text="x", reply_markup=no_action)).status_code == 400


# ---------------------------------------------------------------- chat states


async def test_blocked_chat_gets_403_and_others_are_unaffected(bot: Bot, api: FakeBotAPI) -> None:
    """block(chat) → 403 bot was blocked by the user; another chat still receives."""
    api.block(11)
    with pytest.raises(Forbidden, match="(?i)blocked by the user"):
        await bot.send_message(11, "x")
    await bot.send_message(12, "y")
    assert [m.text for m in api.messages(12)] == ["y"]
    assert api.messages(11) == []
    assert api.counters.rejected_403 == 1


async def test_migrated_group_gets_400_with_migrate_to_chat_id(
    http: httpx.AsyncClient, bot: Bot, api: FakeBotAPI
) -> None:
    """migrate(old, new) → 400 with parameters.migrate_to_chat_id; PTB raises ChatMigrated."""
    api.migrate(-5, -1005)
    response = await send(http, chat_id=-5, text="x")
    assert response.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: group chat was upgraded to a supergroup chat",
        "parameters": {"migrate_to_chat_id": -1005},
    }
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(-5, "x")
    assert info.value.new_chat_id == -1005
    await bot.send_message(-1005, "there")
    assert [m.text for m in api.messages(-1005)] == ["there"]


async def test_strict_chats_refuses_unknown_chat(mono: FakeMonotonic) -> None:
    """With strict_chats, a chat the bot never met → 400 chat not found."""
    async with FakeBotAPI(clock=mono, strict_chats=True) as server:
        async with httpx.AsyncClient(base_url=f"{server.base_url}{server.token}/") as client:
            response = await send(client, chat_id=99, text="x")
    assert response.json()["description"] == "Bad Request: chat not found"


# ---------------------------------------------------------------- rate limits


async def test_private_chat_allows_small_burst_then_429_with_retry_after(
    http: httpx.AsyncClient, api: FakeBotAPI, mono: FakeMonotonic
) -> None:
    """A private chat takes a burst of 3, then 429 retry_after; one more per second after."""
    codes = [(await send(http, chat_id=3, text="m")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = await send(http, chat_id=3, text="m")
    body = limited.json()
    assert body["error_code"] == 429
    assert body["parameters"]["retry_after"] >= 1
    assert body["description"].startswith("Too Many Requests: retry after ")
    mono.advance(1.0)
    assert (await send(http, chat_id=3, text="m")).status_code == 200
    assert (await send(http, chat_id=3, text="m")).status_code == 429
    assert api.counters.rejected_429 == 3
    assert api.counters.per_chat_sent[3] == 4


async def test_sustained_one_per_second_per_private_chat_never_hits_429(
    http: httpx.AsyncClient, api: FakeBotAPI, mono: FakeMonotonic
) -> None:
    """Exactly one message per second to a chat is always accepted."""
    for _ in range(20):
        assert (await send(http, chat_id=3, text="m")).status_code == 200
        mono.advance(1.0)
    assert api.counters.rejected_429 == 0


async def test_overall_limit_is_30_per_second_across_chats(
    http: httpx.AsyncClient, api: FakeBotAPI, mono: FakeMonotonic
) -> None:
    """Across chats, above 30 messages/s the 31st gets 429; a second later 30 more pass."""
    codes = [(await send(http, chat_id=100 + i, text="m")).status_code for i in range(31)]
    assert codes.count(200) == 30
    assert codes[-1] == 429
    mono.advance(1.0)
    codes = [(await send(http, chat_id=200 + i, text="m")).status_code for i in range(30)]
    assert codes.count(200) == 30


async def test_group_limit_is_20_per_minute(
    http: httpx.AsyncClient, api: FakeBotAPI, mono: FakeMonotonic
) -> None:
    """A group (negative id) takes 20 messages, then 429 with a retry_after of seconds."""
    for _ in range(20):
        assert (await send(http, chat_id=-77, text="m")).status_code == 200
        mono.advance(0.1)
    limited = (await send(http, chat_id=-77, text="m")).json()
    assert limited["error_code"] == 429
    assert 1 <= limited["parameters"]["retry_after"] <= 3
    mono.advance(3.0)
    assert (await send(http, chat_id=-77, text="m")).status_code == 200


async def test_ptb_raises_retry_after_on_429(bot: Bot, api: FakeBotAPI) -> None:
    """PTB's own error mapping sees the 429 as RetryAfter."""
    for _ in range(3):
        await bot.send_message(9, "m")
    with pytest.raises(RetryAfter):
        await bot.send_message(9, "m")


async def test_rate_limits_can_be_disabled(mono: FakeMonotonic) -> None:
    """RateLimits(enabled=False) accepts any rate (for handler tests that need no limits)."""
    async with FakeBotAPI(clock=mono, limits=RateLimits(enabled=False)) as server:
        async with httpx.AsyncClient(base_url=f"{server.base_url}{server.token}/") as client:
            codes = {(await send(client, chat_id=1, text="m")).status_code for _ in range(10)}
    assert codes == {200}


# ---------------------------------------------------------------- updates and driver


async def test_user_sends_command_reaches_get_updates_with_bot_command_entity(
    bot: Bot, api: FakeBotAPI
) -> None:
    """user_sends queues a message update; a command carries its bot_command entity."""
    api.user_sends(21, "/subscribe pompeo-asia-2018")
    updates = await bot.get_updates(timeout=1)
    message = updates[0].message
    assert message.text == "/subscribe pompeo-asia-2018"
    assert message.chat.type == "private"
    assert message.from_user.id == 21
    assert message.entities[0].type == "bot_command"
    assert message.entities[0].length == 10


async def test_get_updates_offset_confirms_and_forgets_older_updates(bot: Bot, api: FakeBotAPI) -> None:
    """Updates below the offset are gone; the next call returns only newer ones."""
    api.user_sends(21, "one")
    api.user_sends(21, "two")
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["one", "two"]
    again = await bot.get_updates(offset=first[0].update_id + 1)
    assert [u.message.text for u in again] == ["two"]
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()


async def test_get_updates_long_poll_returns_when_an_update_arrives(bot: Bot, api: FakeBotAPI) -> None:
    """A long poll waits for the next update instead of returning empty at once."""
    poll = asyncio.create_task(bot.get_updates(timeout=10, read_timeout=15))
    await api.wait_for_poll(timeout=5)
    api.user_sends(22, "hello")
    updates = await asyncio.wait_for(poll, 5)
    assert [u.message.text for u in updates] == ["hello"]


async def test_group_message_and_forum_topic_thread_id(bot: Bot, api: FakeBotAPI) -> None:
    """A group message carries the sender, the group chat and the forum thread id."""
    api.user_sends(-300, "/mysubs", user_id=5, chat_type="supergroup", thread_id=17)
    message = (await bot.get_updates())[0].message
    assert message.chat.id == -300
    assert message.chat.type == "supergroup"
    assert message.from_user.id == 5
    assert message.message_thread_id == 17
    await bot.send_message(-300, "reply", message_thread_id=17)
    assert api.messages(-300)[0].thread_id == 17


async def test_user_presses_button_then_answer_and_edit_in_place(bot: Bot, api: FakeBotAPI) -> None:
    """A press becomes a callback query; the answer is recorded; an edit keeps the message id."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Subscribe", callback_data="sub:x")]])
    sent = await bot.send_message(31, "Pick", reply_markup=keyboard)
    query_id = api.user_presses(31, sent.message_id, "sub:x")
    query = (await bot.get_updates())[0].callback_query
    assert query.id == query_id
    assert query.data == "sub:x"
    assert query.message.message_id == sent.message_id
    await bot.answer_callback_query(query_id, text="Subscribed")
    assert api.callback_answers[-1]["text"] == "Subscribed"
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    await bot.edit_message_text("Done", chat_id=31, message_id=sent.message_id)
    [message] = api.messages(31)
    assert message.text == "Done"
    assert message.edits == 1
    assert message.reply_markup is None


async def test_pressing_a_message_the_bot_never_sent_is_a_driver_error(api: FakeBotAPI) -> None:
    """user_presses on an unknown message fails loudly in the test, not silently."""
    with pytest.raises(KeyError):
        api.user_presses(31, 999, "x")


async def test_edit_with_identical_content_is_message_not_modified(bot: Bot) -> None:
    """Telegram refuses an edit that changes nothing."""
    sent = await bot.send_message(32, "same")
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_text("same", chat_id=32, message_id=sent.message_id)


async def test_edit_reply_markup_and_unknown_message(bot: Bot, api: FakeBotAPI) -> None:
    """editMessageReplyMarkup replaces the keyboard; editing a missing message → 400."""
    sent = await bot.send_message(33, "m")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="p:2")]])
    await bot.edit_message_reply_markup(chat_id=33, message_id=sent.message_id, reply_markup=keyboard)
    assert api.messages(33)[0].buttons == [{"text": "Next", "callback_data": "p:2"}]
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=33, message_id=12345)


async def test_edits_follow_telegrams_rules_for_age_owner_and_text(bot: Bot, api: FakeBotAPI) -> None:
    """Within 48 hours the bot's message is edited; after that, or for a user's message, Telegram
    says it can't be edited; a deleted one is not found; HTML and length rules hold for edits."""
    wall = [1_000_000.0]
    api.wall = lambda: wall[0]
    sent = await bot.send_message(34, "<b>first</b>", parse_mode="HTML")
    wall[0] += 47 * 3600
    await bot.edit_message_text("<b>first</b> + second", chat_id=34, message_id=sent.message_id, parse_mode="HTML")
    assert api.messages(34)[0].text == "first + second"
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await bot.edit_message_text("<b>open", chat_id=34, message_id=sent.message_id, parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.edit_message_text("x" * 4097, chat_id=34, message_id=sent.message_id)
    wall[0] += 2 * 3600  # 49 hours after sending
    with pytest.raises(BadRequest, match="(?i)message can't be edited"):
        await bot.edit_message_text("late", chat_id=34, message_id=sent.message_id)
    assert api.messages(34)[0].text == "first + second"  # refused edits change nothing
    users = api.user_sends(34, "a user's own words")
    with pytest.raises(BadRequest, match="(?i)message can't be edited"):
        await bot.edit_message_text("hijack", chat_id=34, message_id=users["message_id"])
    fresh = await bot.send_message(34, "to be deleted")
    api.delete_message(34, fresh.message_id)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("gone", chat_id=34, message_id=fresh.message_id)


async def test_a_reply_to_a_deleted_message_needs_allow_sending_without_reply(bot: Bot, api: FakeBotAPI) -> None:
    """A reply names the message it answers; one to a deleted message is refused unless the
    request allows sending without it, and then arrives as a plain message."""
    from telegram import ReplyParameters

    first = await bot.send_message(35, "briefing")
    reply = await bot.send_message(35, "follow-up", reply_parameters=ReplyParameters(first.message_id))
    assert api.messages(35)[-1].reply_to == first.message_id
    assert reply.message_id != first.message_id
    api.delete_message(35, first.message_id)
    with pytest.raises(BadRequest, match="(?i)message to be replied not found"):
        await bot.send_message(35, "again", reply_parameters=ReplyParameters(first.message_id))
    await bot.send_message(
        35, "anyway",
        reply_parameters=ReplyParameters(first.message_id, allow_sending_without_reply=True),
    )
    assert [(m.text, m.reply_to) for m in api.messages(35)] == [("follow-up", 1), ("anyway", None)]


async def test_set_and_get_my_commands_and_invalid_command(bot: Bot, api: FakeBotAPI) -> None:
    """setMyCommands stores the list per scope; a bad command name → BOT_COMMAND_INVALID."""
    await bot.set_my_commands([("start", "What this bot does"), ("help", "Commands")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Not valid!", "x")])
    with pytest.raises(BadRequest, match="(?i)BOT_COMMANDS_TOO_MUCH"):
        await bot.set_my_commands([(f"c{i}", "d") for i in range(101)])


async def test_delete_webhook_get_chat_and_admins(bot: Bot, api: FakeBotAPI) -> None:
    """deleteWebhook succeeds; getChat describes known chats; admins come from set_admins."""
    assert await bot.delete_webhook() is True
    api.add_chat(-400, "supergroup", title="Desk")
    api.set_admins(-400, [1, 2])
    chat = await bot.get_chat(-400)
    assert chat.title == "Desk"
    assert chat.type == "supergroup"
    statuses = {m.user.id: m.status for m in await bot.get_chat_administrators(-400)}
    assert statuses == {1: "creator", 2: "administrator"}
    assert (await bot.get_chat_member(-400, 3)).status == "member"
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.get_chat(-401)


async def test_wait_for_message_is_event_based_and_skips_older_replies(
    bot: Bot, api: FakeBotAPI
) -> None:
    """wait_for_message returns the reply sent after the last user action, not an older one."""
    await bot.send_message(41, "old reply")
    api.user_sends(41, "/start")
    waiter = asyncio.create_task(api.wait_for_message(41, lambda m: "reply" in m.text, timeout=5))
    await bot.send_message(41, "new reply")
    assert (await waiter).text == "new reply"


async def test_wait_for_message_times_out_with_what_it_saw(api: FakeBotAPI) -> None:
    """No matching message → TimeoutError naming the chat."""
    with pytest.raises(TimeoutError, match="chat 42"):
        await api.wait_for_message(42, timeout=0.05)


async def test_request_log_and_server_log_never_contain_the_token(
    bot: Bot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """Requests are recorded by method and parameters; the token is never logged or recorded."""
    for name in ("bot.telegram.fake", "aiohttp.access", "aiohttp.server"):
        caplog.set_level(logging.DEBUG, logger=name)
    await bot.send_message(51, "hello")
    with pytest.raises(BadRequest):
        await bot.send_message(51, "<nope>", parse_mode="HTML")
    assert [r.method for r in api.requests][-2:] == ["sendMessage", "sendMessage"]
    assert api.requests[-1].status == 400
    secret = DEFAULT_TOKEN.split(":", 1)[1]
    server_lines = [r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore", "telegram"))]
    assert server_lines, "the fake logs each refused request at DEBUG"
    assert all(secret not in line for line in server_lines)
    assert all(secret not in json.dumps(r.params) for r in api.requests)


async def test_force_reply_markup_is_accepted_but_not_echoed(bot: Bot, api: FakeBotAPI) -> None:
    """A ForceReply is recorded for the test, while the returned Message carries no markup."""
    from telegram import ForceReply

    sent = await bot.send_message(61, "Which title?", reply_markup=ForceReply(selective=True))
    assert sent.reply_markup is None
    assert api.messages(61)[0].reply_markup == {"force_reply": True, "selective": True}


# ---------------------------------------------------------------- channels

CHANNEL = -1001234500001


async def test_a_channel_is_found_by_its_username_and_tells_the_bot_its_rights(
    bot: Bot, api: FakeBotAPI
) -> None:
    """getChat takes a public channel's @username in any case; getChatMember on the bot itself
    shows an administrator with the right to post; the creator and admins are listed."""
    api.add_channel(CHANNEL, "Gulf_Briefs", title="Gulf Briefs", creator=77)
    chat = await bot.get_chat("@gulf_briefs")
    assert (chat.id, chat.type, chat.username, chat.title) == (CHANNEL, "channel", "Gulf_Briefs", "Gulf Briefs")
    me = await bot.get_chat_member(CHANNEL, api.bot_id)
    assert me.status == "administrator"
    assert me.can_post_messages is True  # type: ignore[attr-defined]
    admins = await bot.get_chat_administrators(CHANNEL)
    assert [(a.user.id, a.status) for a in admins] == [(77, "creator"), (api.bot_id, "administrator")]
    sent = await bot.send_message("@gulf_briefs", "<b>First post</b>", parse_mode="HTML")
    assert sent.chat.id == CHANNEL
    assert api.messages(CHANNEL)[0].text == "First post"


async def test_a_channel_the_bot_does_not_administer_refuses_like_telegram(
    bot: Bot, api: FakeBotAPI
) -> None:
    """Not an admin: the bot sees itself as "left", other members are inaccessible and a post is
    403; an admin without the right to post gets 400; a private channel it is not in is not
    found; an unknown @username is not found."""
    api.add_channel(CHANNEL, "not_ours", bot_admin=False)
    assert (await bot.get_chat_member(CHANNEL, api.bot_id)).status == "left"
    with pytest.raises(BadRequest, match="(?i)member list is inaccessible"):
        await bot.get_chat_member(CHANNEL, 1_000)
    with pytest.raises(BadRequest, match="(?i)member list is inaccessible"):
        await bot.get_chat_administrators(CHANNEL)
    with pytest.raises(Forbidden, match="(?i)not a member of the channel"):
        await bot.send_message(CHANNEL, "hello")
    api.set_channel_rights(CHANNEL, bot_admin=True, can_post=False)
    assert (await bot.get_chat_member(CHANNEL, api.bot_id)).can_post_messages is False  # type: ignore[attr-defined]
    with pytest.raises(BadRequest, match="(?i)need administrator rights"):
        await bot.send_message(CHANNEL, "hello")
    api.add_channel(CHANNEL - 1, None, bot_admin=False)  # private, and the bot is not in it
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.get_chat(CHANNEL - 1)
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.get_chat("@nobody_has_this")
    assert api.messages(CHANNEL) == []


async def test_channel_posts_are_limited_like_a_group(api: FakeBotAPI, mono: FakeMonotonic, http) -> None:
    """A channel shares a group's flood limit: a burst beyond 20 posts a minute draws a 429."""
    api.limits = RateLimits(group_per_minute=20.0, group_burst=2.0, overall_per_s=100, overall_burst=100)
    api.add_channel(CHANNEL, "paced_news")
    codes = [(await send(http, chat_id=CHANNEL, text=f"post {i}")).status_code for i in range(3)]
    assert codes == [200, 200, 429]
    mono.advance(3.0)  # one post's worth of a 20-a-minute allowance
    assert (await send(http, chat_id=CHANNEL, text="post 3")).status_code == 200
