"""Inline mode: a user types "@bot words" in any chat (``inject_inline_query``), the bot
answers (answerInlineQuery, checked as Telegram does), the user picks a result
(``inject_chosen_inline_result``, sent when inline feedback is on at @BotFather).

Telegram's rules: a query is answered once, within 10 seconds of its arrival; at most 50
results; result ids 1-64 bytes, unique; ``next_offset`` at most 64 bytes; an article needs a
title and an ``input_message_content`` whose text (after entity parsing) is 1-4096
characters; a photo needs ``photo_url`` and ``thumbnail_url`` (a JPEG URL) and its caption
at most 1,024 characters.
"""

from __future__ import annotations

import time
from typing import Any

from fakebot.html import ParsedText
from fakebot.methods.base import Server
from fakebot.model import JSON, MAX_CAPTION, MAX_TEXT, Params, bad_request, user_json

MAX_RESULTS = 50
MAX_ID_BYTES = 64
MAX_OFFSET_BYTES = 64
QUERY_LIFETIME = 10.0  # seconds Telegram waits for an answer
MAX_QUERY = 256  # characters of an inline query's text
_EXPIRED = "query is too old and response timeout expired or query ID is invalid"


class InlineMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def inject_inline_query(
        self: Server,
        user_id: int,
        query: str,
        offset: str = "",
        *,
        chat_type: str = "supergroup",
        first_name: str = "U",
        language_code: str | None = "en",
    ) -> str:
        """A user types "@bot ``query``" in a chat of ``chat_type``; returns the query id."""
        if len(query) > MAX_QUERY:
            raise ValueError("an inline query has at most 256 characters")
        self._inline_counter += 1
        qid = str(7_000_000_000 + self._inline_counter)
        self._inline_queries[qid] = {"user_id": user_id, "at": time.monotonic()}
        body: JSON = {
            "id": qid,
            "from": user_json(user_id, first_name, None, None, language_code),
            "query": query,
            "offset": offset,
            "chat_type": chat_type,
        }
        self.inject_update({"inline_query": body})
        return qid

    def inject_chosen_inline_result(
        self: Server, user_id: int, result_id: str, query: str, *, language_code: str = "en"
    ) -> JSON:
        """The user sent the result ``result_id`` of their inline query ``query``."""
        body: JSON = {
            "result_id": result_id,
            "from": user_json(user_id, "U", None, None, language_code),
            "query": query,
        }
        return self.inject_update({"chosen_inline_result": body})

    def _answer_inline_query(self: Server, p: Params) -> bool:
        qid = p.get_str("inline_query_id")
        query = self._inline_queries.get(qid or "")
        if query is None or time.monotonic() - float(query["at"]) > self.inline_query_lifetime:
            raise bad_request(_EXPIRED)
        raw = p.get_json("results")
        if not isinstance(raw, list):
            raise bad_request("can't parse results JSON object")
        if len(raw) > MAX_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        offset = p.get_str("next_offset") or ""
        if len(offset.encode()) > MAX_OFFSET_BYTES:
            raise bad_request("NEXT_OFFSET_INVALID")
        cache_time = p.get_int("cache_time")
        if cache_time is not None and cache_time < 0:
            raise bad_request("invalid cache_time specified")
        seen: set[str] = set()
        results = [self._inline_result(item, seen) for item in raw]
        del self._inline_queries[qid or ""]  # answered once
        self.inline_answers.append(
            {
                "inline_query_id": qid,
                "user_id": query["user_id"],
                "results": results,
                "next_offset": offset,
                "cache_time": cache_time,
                "is_personal": p.get_bool("is_personal"),
            }
        )
        self._wake()
        return True

    def _inline_result(self: Server, item: Any, seen: set[str]) -> JSON:
        """One result, checked; with ``text`` (and ``entities``) as the chat would show it."""
        if not isinstance(item, dict):
            raise bad_request("can't parse InlineQueryResult JSON object")
        rid = item.get("id")
        if not isinstance(rid, str) or not rid or len(rid.encode()) > MAX_ID_BYTES:
            raise bad_request("RESULT_ID_INVALID")
        if rid in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(rid)
        kind = item.get("type")
        content = item.get("input_message_content")
        out: JSON = {"id": rid, "type": kind}
        if kind == "article":
            if not isinstance(item.get("title"), str) or not item["title"].strip():
                raise bad_request("RESULT_TITLE_EMPTY")
            if not isinstance(content, dict):
                raise bad_request("SEND_MESSAGE_MEDIA_INVALID")
            out["title"] = item["title"]
        elif kind == "photo":
            for name in ("photo_url", "thumbnail_url"):
                url = item.get(name)
                if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                    raise bad_request("PHOTO_INVALID" if name == "photo_url" else "THUMB_INVALID")
                if url in self.bad_urls:
                    raise bad_request("WEBDOCUMENT_URL_INVALID")
            out["photo_url"] = item["photo_url"]
            if content is None:
                parsed = self._inline_text(item, "caption", "caption_entities", MAX_CAPTION, True)
                out["caption"], out["caption_entities"] = parsed.text, parsed.entities
        else:
            raise bad_request("RESULT_TYPE_INVALID")
        if content is not None:
            if not isinstance(content, dict) or "message_text" not in content:
                raise bad_request("SEND_MESSAGE_MEDIA_INVALID")
            parsed = self._inline_text(content, "message_text", "entities", MAX_TEXT, False)
            out["text"], out["entities"] = parsed.text, parsed.entities
        return out

    def _inline_text(
        self: Server, body: JSON, field: str, entities: str, limit: int, allow_empty: bool
    ) -> ParsedText:
        """A result's text or caption parsed with its own parse_mode, as a message's is."""
        raw = body.get(field)
        if raw is None or raw == "":
            if allow_empty:
                return ParsedText("", [])
            raise bad_request("MESSAGE_EMPTY")
        if not isinstance(raw, str):
            raise bad_request(f"can't parse {field}")
        params = Params({"parse_mode": body.get("parse_mode"), entities: body.get(entities)}, {})
        parsed = self._parse(raw, params, entities)
        if not parsed.text and not allow_empty:
            raise bad_request("MESSAGE_EMPTY")
        if len(parsed.text) > limit:
            raise bad_request("MESSAGE_TOO_LONG" if field == "message_text" else "CAPTION_TOO_LONG")
        return parsed
