-- 0025: a woman's title or trade is its man's lemma (bot/text/lemmas.py `masculine`):
-- "міністерка" is "міністр", "депутатка" "депутат", "речниця" "речник", "журналистка"
-- "журналист", "spokeswoman" "spokesman". Ukrainian news names women by their own titles
-- (the 2019 orthography), and a rule, a search or a follow of "міністр" never met
-- "Міністерка економіки ...", nor "/follow посол" "Посолка України ...". And a Cyrillic word
-- with Latin look-alike letters in it ("Мiнiстр" typed with a Latin "i", as on a keyboard
-- without "і") is the Cyrillic word (`_casefold`), and a word that is a common noun's own
-- dictionary form is not filed under a person's name ("влада", the authorities, was "влад",
-- Vlad, while "влади" was "влада"; "дані", data, was "дана"). What changes, the same SQL on
-- both stores:
-- - the nine default rules of a woman's word become the man's, which eight of their topics
--   hold already ("спортсменка" beside "спортсмен"; "акушерка" becomes "акушер"): a story's
--   "спортсменка" is read as "спортсмен" now, so the old rule could match nothing; and
--   two rules stored under a name ("персональний дана", "тая брейк") read as their words;
--   "ритейлер", which the lemmatizer spells "ретейлер" in every form but one, is
--   "ретейлер"; and beside "роздрібний продаж" (retail sales) comes "роздрібний продажа",
--   what its most used forms ("роздрібні продажі", "роздрібного продажу") are read as
--   (bench/tagging.py lists the rule words whose forms mostly miss);
-- - stories with Cyrillic lemmas (a look-alike's among them) or a "-woman" word leave the
--   search index, and newsbot indexes them again (bot.ingest.tagging.fill_search_lemmas,
--   run by `newsbot migrate` and the poller); PostgreSQL's is
--   0025_feminine_titles.postgresql.sql (a regular expression);
-- - in Python, once the flag below is set, in a store in use: readers' follows are rebuilt
--   from the words they typed ("/follow депутатка" asks for "депутат"), and an admin's rules
--   and channels' keywords of a woman's word or a look-alike, which no word form reaches
--   now, become their words' lemmas (bot.ingest.tagging.upgrade_lemmas, as 0022's and 0024's).

CREATE TEMPORARY TABLE rule_changes (topic TEXT, old TEXT, new TEXT);

INSERT INTO rule_changes (topic, old, new) VALUES
    ('politics', 'congresswoman', 'congressman'),
    ('culture', 'співачка', 'співак'),
    ('sport', 'sportswoman', 'sportsman'),
    ('sport', 'гимнастка', 'гимнаст'),
    ('sport', 'гімнастка', 'гімнаст'),
    ('sport', 'спортсменка', 'спортсмен'),
    ('sport', 'теннисистка', 'теннисист'),
    ('health', 'акушерка', 'акушер'),
    ('crime', 'policewoman', 'policeman'),
    ('tech', 'персональний дана', 'персональний дані'),
    ('sport', 'тая брейк', 'тай брейк'),
    ('economy', 'ритейлер', 'ретейлер');

INSERT INTO topic_keywords (topic, keyword)
SELECT topic, new FROM rule_changes
 WHERE EXISTS (SELECT 1 FROM topic_keywords AS rule
                WHERE rule.topic = rule_changes.topic AND rule.keyword = rule_changes.old)
ON CONFLICT DO NOTHING;

DELETE FROM topic_keywords
 WHERE EXISTS (SELECT 1 FROM rule_changes AS changed
                WHERE changed.topic = topic_keywords.topic
                  AND changed.old = topic_keywords.keyword);

DROP TABLE rule_changes;

INSERT INTO topic_keywords (topic, keyword)
SELECT topic, 'роздрібний продажа' FROM topic_keywords
 WHERE topic = 'economy' AND keyword = 'роздрібний продаж'
ON CONFLICT DO NOTHING;

UPDATE articles SET search_text = NULL
 WHERE search_text GLOB '*[а-яёіїєґ]*' OR search_text LIKE '%woman%';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
