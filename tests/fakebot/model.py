"""What the fake keeps and answers with: request parameters, chats, sent messages, the
request log and the Bot API's error answers. Shared by the server core and the method groups
in :mod:`fakebot.methods`; no behaviour of its own beyond typing and shaping values.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

JSON = dict[str, Any]


MAX_TEXT = 4096


MAX_CAPTION = 1024


MAX_CALLBACK_DATA = 64


NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        out: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def bad_request(reason: str, parameters: JSON | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}", parameters)


def too_many(retry_after: int) -> ApiError:
    retry_after = max(1, int(retry_after))
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


@dataclass
class SentMessage:
    """Current state of a message the bot sent (edits applied)."""

    chat_id: int
    message_id: int
    kind: str  # "text" | "photo" | "document"
    date: int
    seq: int  # global send order
    thread_id: int | None = None
    text: str | None = None  # parsed plain text (text messages)
    html: str | None = None  # text as sent, before parsing
    entities: list[JSON] = field(default_factory=list)
    caption: str | None = None  # parsed plain caption (media messages)
    caption_html: str | None = None
    caption_entities: list[JSON] = field(default_factory=list)
    parse_mode: str | None = None
    photo: list[JSON] | None = None  # PhotoSize dicts
    photo_source: str | None = None  # URL, file_id, or "upload:<filename>"
    document: JSON | None = None
    media_group_id: str | None = None
    reply_markup: JSON | None = None
    disable_notification: bool = False
    protect_content: bool = False
    link_preview_options: JSON | None = None
    reply_to_message_id: int | None = None
    edited: int = 0
    edit_date: int | None = None
    deleted: bool = False
    method: str = ""

    @property
    def content(self) -> str:
        """Text or caption, whichever the message has."""
        return self.text if self.text is not None else (self.caption or "")

    def to_dict(self) -> JSON:
        return asdict(self)


@dataclass
class RequestRecord:
    method: str
    params: JSON
    status: int
    time: float  # time.time() when the request arrived
    description: str | None = None
    duration: float = 0.0
    files: list[str] = field(default_factory=list)
    client_gone: bool = False  # the client had closed the connection before the answer

    def to_dict(self) -> JSON:
        return asdict(self)


@dataclass
class Chat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_forum: bool = False
    bot_is_admin: bool = False
    bot_can_pin: bool = True  # as an admin: can_pin_messages (groups), can_edit_messages (channels)
    bot_is_member: bool = True
    blocked: bool = False
    deactivated: bool = False
    migrated_to: int | None = None
    topics: dict[int, str] = field(default_factory=dict)
    admins: set[int] = field(default_factory=set)
    next_message_id: int = 1
    messages: dict[int, SentMessage] = field(default_factory=dict)
    incoming: dict[int, JSON] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)  # pinned message ids, the most recent last

    def take_message_id(self) -> int:
        mid = self.next_message_id
        self.next_message_id += 1
        return mid

    def api(self) -> JSON:
        out: JSON = {"id": self.id, "type": self.type}
        if self.type == "private":
            out["first_name"] = self.first_name or "User"
            if self.last_name:
                out["last_name"] = self.last_name
        else:
            out["title"] = self.title or str(self.id)
        if self.username:
            out["username"] = self.username
        if self.is_forum:
            out["is_forum"] = True
        return out


class Params:
    """Request parameters from query string, JSON body, form or multipart, typed on demand."""

    __slots__ = ("files", "values")

    def __init__(self, values: JSON, files: dict[str, tuple[str, str, bytes]]) -> None:
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def get_str(self, name: str) -> str | None:
        v = self.values.get(name)
        if v is None or isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return str(v)
        return json.dumps(v)

    def get_int(self, name: str) -> int | None:
        v = self.values.get(name)
        if v is None or v == "":
            return None
        if isinstance(v, bool):
            raise bad_request(f"invalid {name} specified")
        if isinstance(v, int):
            return v
        try:
            return int(str(v).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool:
        v = self.values.get(name)
        if v is None:
            return False
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return v != 0
        return str(v).strip().lower() in ("true", "1")

    def get_json(self, name: str) -> Any:
        v = self.values.get(name)
        if isinstance(v, str):
            if not v:
                return None
            try:
                return json.loads(v)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return v


def user_json(
    user_id: int,
    first_name: str,
    last_name: str | None,
    username: str | None,
    language_code: str | None,
) -> JSON:
    user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def input_media_params(item: JSON, files: dict[str, tuple[str, str, bytes]]) -> Params:
    """An InputMedia object's fields as request parameters (its file under "media"), read
    as a method's own are: its caption's parse mode and entities, its file or URL."""
    return Params(
        {
            "parse_mode": item.get("parse_mode"),
            "caption_entities": item.get("caption_entities"),
            "media": item.get("media"),
        },
        files,
    )
