-- 0027: words a reader types side by side without quotes may be a phrase too. `/search
-- золота бутса` asked for "золото" and "бутсы", each word's most likely lemma, and missed
-- "Золотої бутси" (indexed "золотий бутс"); a quoted phrase met it since 0026. Each word of
-- a query now also meets a run of its own and its unquoted neighbour's readings
-- (bot/text/search.py `fts_query`): "золота бутса" finds the stories holding both words'
-- lemmas, as before, and those holding any agreed run of their readings. One word alone
-- is still its lemma ("стали" is no "сталь").
-- A follow's query is built from the words the reader typed, so the follows are built
-- again (bot.ingest.tagging.upgrade_lemmas, on `newsbot migrate` and the poller's next
-- pass), in a store that has any; nothing else changes. The same file serves both stores.
INSERT INTO kv (key, value)
SELECT 'follows.rebuild', '1'
 WHERE EXISTS (SELECT 1 FROM follows)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
