-- 0024: a Russian story's words are read as Russian (bot/text/lemmas.py `text_language`):
-- the Cyrillic words both languages share ("мира", "дома", "попали", "нового") were read
-- as Ukrainian first, so "условия мира" was indexed as "условие миро" (chrism) and a
-- Russian rule "мирный договор" never met "мирного договора". And where pymorphy3's
-- Russian dictionary ranks a word's lemmas by frequency, its most likely is the lemma
-- ("рака" is "рак", cancer, not "рака", a shrine). What changes, the same SQL on both
-- stores:
-- - the default Russian rules stored under the Ukrainian reading of a shared word ("спора",
--   "банка", "лука") become what a Russian story's words are read as;
-- - stories with Cyrillic lemmas leave the search index, and newsbot indexes them again
--   (bot.ingest.tagging.fill_search_lemmas, run by `newsbot migrate` and the poller):
--   whether a story is Russian shows in its words, not always in its lemmas' letters;
--   PostgreSQL's is 0024_russian_lemmas.postgresql.sql (a regular expression);
-- - in Python, once the flag below is set, in a store in use: readers' follows are rebuilt
--   from the words they typed ("/follow условия мира" asks for "мир"), and an admin's rules
--   and channels' keywords that no word form reaches become their words' lemmas
--   (bot.ingest.tagging.upgrade_lemmas, as 0022's). An admin's rule stored under the
--   Ukrainian reading that some word form still reaches stays as it is: the words typed are
--   not kept, and a Russian story can only be told from its words; `/keywords` reads it
--   again from the words an admin types.

CREATE TEMPORARY TABLE rule_changes (topic TEXT, old TEXT, new TEXT);

INSERT INTO rule_changes (topic, old, new) VALUES
    ('world', 'пограничный спора', 'пограничный спор'),
    ('world', 'территориальный спора', 'территориальный спор'),
    ('world', 'морской спора', 'морской спор'),
    ('world', 'совет сотрудничество арабский государство персидский залива',
     'совет сотрудничество арабский государство персидский залив'),
    ('crime', 'ограбление банка', 'ограбление банк'),
    ('sport', 'стрельба из лука', 'стрельба из лук'),
    ('sport', 'золотой бутса', 'золотой бутсы'),
    ('war', 'бесполетная зона', 'бесполетный зона'),
    ('society', 'пропасти ребенок', 'пропасть ребенок');

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

UPDATE articles SET search_text = NULL WHERE search_text GLOB '*[а-яёіїєґ]*';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
