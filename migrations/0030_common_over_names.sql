-- 0030: a Ukrainian word written in lower case whose lemma simplemma files under a name when
-- looked up with a capital, and under a common noun in lower case, is the more common of the
-- two (wordfreq's frequencies; bot/text/lemmas.py `_more_common`): "газу", "газі", "гази"
-- are "газ" (gas), not "Газа" (Gaza); "кухарів" "кухар", "золотого" "золотий", "влад"
-- "влада". A word written with a capital keeps the name ("сектор Гази" is Gaza's). So
-- `/search газ`, `/follow газ` and the rule "газ" missed "Україна збільшила імпорт газу".
-- In a store in use: stories with Cyrillic lemmas leave the search index to be indexed
-- again, follows are built again from the words the readers typed, and admins' rules and
-- channels' keywords no word form reaches any more are upgraded (bot.ingest.tagging
-- .upgrade_lemmas, on `newsbot migrate` and the poller's next pass), as after 0029.
-- PostgreSQL's file differs only in the regular expression.
UPDATE articles SET search_text = NULL WHERE search_text GLOB '*[а-яёіїєґ]*';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
