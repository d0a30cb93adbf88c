"""/addtopic and /keywords: the topics stories are tagged with."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup
from telegram import (
    Update,
)

from bot.ingest.text import html_to_text
from bot.ingest.topics import match_topic, rule_lemmas, rules_language
from bot.locales import LANGUAGES, t
from bot.models import Topic
from bot.render import clean_line
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    known_topics,
)
from bot.telegram.common import (
    ALL_WORDS,
    echo,
    lines,
    reply,
    say,
    shows_anything,
    topic_names,
)
from bot.telegram.context import NewsContext
from bot.text.lemmas import only_function_words
from bot.text.search import single_letters

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
TITLE_LIMIT = 64
KEYWORD_LIMIT = 64
MAX_KEYWORDS = 2000  # a topic's rules; the defaults (migrations 0015-0021) have up to about 560
LIST_AT_MOST = 100  # a topic with more rules hears back what changed, not every rule


# Words that already mean something where topics are named: "/subscribe all", and the
# picker's "All" and "None" buttons in both languages; a topic by that name could not be
# chosen.
RESERVED = ALL_WORDS | {
    t(lang, key).casefold() for lang in LANGUAGES for key in ("btn.all", "btn.none")
}


def split_keywords(text: str) -> tuple[list[str], list[str]]:
    """ "a b, -c, d" -> (["a b", "d"], ["c"]): words to add and words to remove."""
    add: list[str] = []
    remove: list[str] = []
    for part in text.split(","):
        word = " ".join(part.split()).casefold()
        if not word:
            continue
        if word.startswith("-") and len(word) > 1:
            remove.append(word[1:].strip()[:KEYWORD_LIMIT])
        else:
            add.append(word[:KEYWORD_LIMIT])
    return list(dict.fromkeys(add)), list(dict.fromkeys(remove))


@admin_command("addtopic")
async def addtopic(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = context.runtime, admin.lang
    parts = admin.args.split(maxsplit=1)
    if len(parts) != 2 or "|" not in parts[1]:
        await reply(update, t(lang, "adm.addtopic.usage"), lang=lang)
        return False
    slug = parts[0].casefold()
    title_en, _, title_uk = (clean_line(p) for p in parts[1].partition("|"))
    title_en, title_uk = title_en[:TITLE_LIMIT].strip(), title_uk[:TITLE_LIMIT].strip()
    if not SLUG.match(slug):
        await reply(update, t(lang, "adm.addtopic.bad_slug", slug=echo(parts[0])), lang=lang)
        return False
    if not shows_anything(title_en) or not shows_anything(title_uk) or "|" in title_uk:
        await reply(update, t(lang, "adm.addtopic.usage"), lang=lang)
        return False
    taken = [name for name in (slug, title_en, title_uk) if name.casefold() in RESERVED]
    if taken:
        await reply(update, t(lang, "adm.addtopic.reserved", name=taken[0]), lang=lang)
        return False
    if not await runtime.store.topics.add(slug, title_en, title_uk):
        await reply(update, t(lang, "adm.addtopic.exists", slug=slug), lang=lang)
        return False
    runtime.renderer.topics[slug] = Topic(slug, title_en, title_uk)
    await reply(
        update, t(lang, "adm.addtopic.done", slug=slug, en=title_en, uk=title_uk), lang=lang
    )
    return True


@admin_command("keywords")
async def keywords(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    parts = admin.args.split(maxsplit=1)
    if not parts:
        await reply(update, t(lang, "adm.keywords.usage"), lang=lang)
        return False
    topics = await known_topics(context)
    topic = match_topic(parts[0], topics)  # its slug or either title, as /channel takes it
    if topic is None:
        await reply(
            update,
            t(
                lang,
                "adm.topics.unknown",
                names=Markup("<code>{}</code>").format(echo(parts[0])),
                topics=topic_names(topics, lang),
            ),
            lang=lang,
        )
        return False
    if len(parts) == 1:  # "/keywords SLUG": the topic's rules, over several messages if long
        await say(update, lang, _listing(lang, topic.slug, topic.keywords))
        return True
    # markup is no words ("<b>bold</b>" was the rule "b bold b"): its text alone
    typed, remove = split_keywords(html_to_text(parts[1]))
    # a rule of words in nearly every story ("the", "на") would tag nearly every story; one
    # of letters standing alone ("C#" is "c" to the index) every story with "D.C." in it
    common = [word for word in typed if only_function_words(word)]
    letters = [word for word in typed if single_letters(word) and word not in common]
    typed = [word for word in typed if word not in common and word not in letters]
    # Rules compare lemmas: words typed in any form are stored (and shown) as their lemmas,
    # the words Ukrainian and Russian share read in the language of the words typed together;
    # "-мира" removes the rule of either reading ("мир", "миро").
    language = rules_language([*typed, *remove])
    add = [k for k in dict.fromkeys(rule_lemmas(word, language) for word in typed) if k]
    drop = {*remove, *(rule_lemmas(w, lang) for w in remove for lang in (language, "uk", "ru"))}
    refused = lines(
        t(lang, "adm.keywords.too_common", words=", ".join(common)) if common else "",
        t(lang, "adm.keywords.single_letter", words=", ".join(letters)) if letters else "",
    )
    if not add and not remove:
        await reply(update, refused or t(lang, "adm.keywords.usage"), lang=lang)
        return False
    words = [k for k in dict.fromkeys([*topic.keywords, *add]) if k not in drop][:MAX_KEYWORDS]
    had = set(topic.keywords)
    absent = [  # "-word" that is no rule of the topic: said, not passed over in silence
        w
        for w in remove
        if not {w, *(rule_lemmas(w, code) for code in (language, "uk", "ru"))} & had
    ]
    if absent:
        refused = lines(
            refused, t(lang, "adm.keywords.not_rules", slug=topic.slug, words=", ".join(absent))
        )
    await store.topics.set_keywords(topic.slug, words)
    if len(words) <= LIST_AT_MOST:
        text = _listing(lang, topic.slug, words)
    else:
        before, after = set(topic.keywords), set(words)
        text = t(
            lang,
            "adm.keywords.changed",
            slug=topic.slug,
            count=len(words),
            added=", ".join(k for k in words if k not in before) or "-",
            removed=", ".join(k for k in topic.keywords if k not in after) or "-",
        )
    await say(update, lang, refused, text)
    return True


def _listing(lang: str, slug: str, words: Sequence[str]) -> str:
    return t(
        lang, "adm.keywords.done", slug=slug, count=len(words), keywords=", ".join(words) or "-"
    )
