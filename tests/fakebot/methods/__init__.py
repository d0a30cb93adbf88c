"""The Bot API methods of the fake, one mixin per method group.

Each module holds one mixin class whose methods take ``self: FakeBotServer``: they read and
change the server's state (chats, messages, files, updates) and use the core's shared checks
(``_parse``, ``_text``, ``_caption``, ``_rate_check``). ``FakeBotServer`` inherits them all;
``FakeBotServer._register_methods`` is the one table binding Bot API method names to them.
"""

from fakebot.methods.callbacks import CallbacksMixin
from fakebot.methods.chats import ChatsMixin
from fakebot.methods.commands import CommandsMixin
from fakebot.methods.edits import EditsMixin
from fakebot.methods.files import FilesMixin
from fakebot.methods.inline import InlineMixin
from fakebot.methods.markup import MarkupMixin
from fakebot.methods.media import MediaMixin
from fakebot.methods.messages import MessagesMixin
from fakebot.methods.pins import PinsMixin
from fakebot.methods.updates import UpdatesMixin
from fakebot.methods.webhook import WebhookMixin

__all__ = [
    "CallbacksMixin",
    "ChatsMixin",
    "CommandsMixin",
    "EditsMixin",
    "FilesMixin",
    "InlineMixin",
    "MarkupMixin",
    "MediaMixin",
    "MessagesMixin",
    "PinsMixin",
    "UpdatesMixin",
    "WebhookMixin",
]
