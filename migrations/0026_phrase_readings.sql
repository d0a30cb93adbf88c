-- 0026: a rule, a search or a follow of several words meets a run of words each of which
-- may stand for its word, not only a run of each word's most likely lemma
-- (bot/text/lemmas.py `readings`). "Золота бутса" is read "золото бутсы" word by word
-- ("золота" as gold's genitive), while "Золотої бутси" is "золотий бутс"; the default rule
-- "золотий бутса" met neither, and a reader's `/follow "Золота бутса"` only the stories
-- that spell it so. And the forms of a woman's word no dictionary knows are the man's
-- lemma, as its nominative was (0025): "посолки", "посолку", "посолці" are "посол" (they
-- were themselves), "членкині" is "член", "суддині" "суддя". And an acronym with a case
-- ending is the acronym ("КАБами" is "каб"), and a word of a headline in capitals a word
-- ("ВИБУХИ" is "вибух"; an acronym such as "США" or "ВАКС" stays). What changes:
-- - rules and channels' keywords are matched against the readings as stories come:
--   nothing stored changes for that;
-- - a follow's query is the FTS run of its words' lemmas and now also of their readings,
--   so the follows are built again from the words the readers typed; admins' rules and
--   channels' keywords no word form reaches are upgraded ("членкиня" becomes "член"), and
--   stories with Cyrillic lemmas leave the search index to be indexed again
--   (bot.ingest.tagging.upgrade_lemmas and fill_search_lemmas, on `newsbot migrate` and the
--   poller's next pass; about 3 ms a story), in a store in use.
-- PostgreSQL's file differs only in the regular expression.
UPDATE articles SET search_text = NULL WHERE search_text GLOB '*[а-яёіїєґ]*';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
