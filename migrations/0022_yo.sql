-- 0022: Russian "ё" is folded to "е" in every lemma (bot/text/lemmas.py), since Russian news
-- mostly prints "е" for it: a rule "наёмник" never matched "наемники", nor /search "вертолёт"
-- a story about a "вертолет". The same SQL on both stores:
-- - rules: each rule with "ё" becomes its folded form (a rule already there in that form
--   stays). 0021's "рак лёгкое" (lung cancer) never matched: the lungs of "рак лёгких" are
--   the lemma "легкий", so the rule becomes "рак легкий";
-- - stories whose lemmas hold "ё" leave the search index and newsbot indexes them again
--   (bot.ingest.tagging.fill_search_lemmas, run by `newsbot migrate` and the poller);
-- - readers' follows: a lemma with "ё" in a query becomes the folded lemma, exactly what the
--   words the reader typed give now; a reader's follow that then repeats another goes.

INSERT INTO topic_keywords (topic, keyword)
SELECT topic, 'рак легкий' FROM topic_keywords WHERE keyword = 'рак лёгкое'
ON CONFLICT DO NOTHING;

DELETE FROM topic_keywords WHERE keyword = 'рак лёгкое';

INSERT INTO topic_keywords (topic, keyword)
SELECT topic, replace(keyword, 'ё', 'е') FROM topic_keywords WHERE keyword LIKE '%ё%'
ON CONFLICT DO NOTHING;

DELETE FROM topic_keywords WHERE keyword LIKE '%ё%';

UPDATE articles SET search_text = NULL WHERE search_text LIKE '%ё%';

DELETE FROM follows
 WHERE query LIKE '%ё%'
   AND EXISTS (SELECT 1 FROM follows AS other
                WHERE other.chat_id = follows.chat_id
                  AND replace(other.query, 'ё', 'е') = replace(follows.query, 'ё', 'е')
                  AND (other.query NOT LIKE '%ё%' OR other.id < follows.id));

UPDATE follows SET query = replace(query, 'ё', 'е') WHERE query LIKE '%ё%';
