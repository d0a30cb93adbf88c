-- 0026: a rule, a search or a follow of several words meets a run of words each of which
-- may stand for its word, not only a run of each word's most likely lemma
-- (bot/text/lemmas.py `readings`). "Золота бутса" is read "золото бутсы" word by word
-- ("золота" as gold's genitive), while "Золотої бутси" is "золотий бутса"; the default rule
-- "золотий бутса" met one and not the other, and a reader's `/follow "Золота бутса"` only
-- the stories that spell it so. Rules and channels' keywords are matched against the
-- readings as stories come (nothing stored changes); a follow's query is the FTS run of
-- its words' lemmas, and now also of their readings, so the follows are built again from
-- the words the readers typed (bot.ingest.tagging.upgrade_lemmas, on `newsbot migrate` and
-- the poller's next pass), in a store that has any. The same SQL on both stores.
INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM follows)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
