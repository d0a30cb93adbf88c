-- 0029: the plural of a noun no dictionary knows yet (a loanword, a new word of the war) is
-- its singular, as pymorphy3 predicts it by analogy with the nouns it knows
-- (bot/text/lemmas.py `_unknown_plural`): "шахедів", "шахедами", "шахеди" are "шахед",
-- "старлінками" "старлінк", "дипфейків" "дипфейк". They were themselves, so the rule
-- "шахед" and `/follow шахед` missed "Сили ППО знищили 40 шахедів". Singular forms stay
-- as they are: an unknown word in "-а" or "-у" is as often a name ("Умєрова").
-- In a store in use: stories with Cyrillic lemmas leave the search index to be indexed
-- again, follows are built again from the words the readers typed, and admins' rules and
-- channels' keywords no word form reaches any more are upgraded (bot.ingest.tagging
-- .upgrade_lemmas, on `newsbot migrate` and the poller's next pass; about 3 ms a story).
-- PostgreSQL's file differs only in the regular expression.
UPDATE articles SET search_text = NULL WHERE search_text GLOB '*[а-яёіїєґ]*';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
