-- 0022: lemmas (bot/text/lemmas.py) change in two ways, and stored lemmas follow:
-- - Russian "ё" is folded to "е", since Russian news mostly prints "е" for it: a rule
--   "наёмник" never matched "наемники", nor /search "вертолёт" a story about a "вертолет";
-- - Ukrainian and Russian words are checked against pymorphy3's dictionaries: a word
--   simplemma does not know gets pymorphy3's lemma, and one simplemma files under a lemma
--   the dictionary does not give it gets the dictionary's ("дорожный" is not "знак", "время"
--   not "врем'я"). The forms of "піаніст", "кассетная бомба", "полномасштабное вторжение"
--   meet at their lemma now, where each was its own word before (bench/tagging.py).
-- What changes here, the same SQL on both stores:
-- - the default rules that no word form reaches any more become the lemmas of their words
--   (a rule already there in that form stays); 0021's "рак лёгкое" (lung cancer) never
--   matched "рак лёгких", whose lungs are the lemma "легкий"; then every rule with "ё" is
--   folded;
-- - the search index is rebuilt by 0023;
-- - in Python, once the flag below is set, in a store in use (one with stories, follows or
--   channels; a new one has nothing to bring along) (bot.ingest.tagging.upgrade_lemmas, run
--   by `newsbot migrate` and the poller): an admin's rules and channels' include/exclude
--   keywords that no word form reaches become their words' lemmas as the defaults here did,
--   and readers' follows are rebuilt from the words they typed (a follow that then repeats
--   another of the same reader goes).

CREATE TEMPORARY TABLE rule_changes (topic TEXT, old TEXT, new TEXT);

INSERT INTO rule_changes (topic, old, new) VALUES
    ('health', 'рак лёгкое', 'рак легкий'),
    ('crime', 'відмивання кошти', 'відмивання кошт'),
    ('crime', 'инсайдерская торговля', 'инсайдерский торговля'),
    ('crime', 'коррупционное дело', 'коррупционный дело'),
    ('crime', 'корупційна справа', 'корупційний справа'),
    ('crime', 'наручники', 'наручник'),
    ('crime', 'отмывание деньги', 'отмывание деньга'),
    ('crime', 'інсайдерська торгівля', 'інсайдерський торгівля'),
    ('culture', 'мет гал', 'мета гал'),
    ('economy', 'денежно кредитный политик', 'денежный кредитный политик'),
    ('health', 'вирус зика', 'вирус зик'),
    ('politics', 'капітолія', 'капітолій'),
    ('society', 'дорожно транспортный происшествие', 'дорожный транспортный происшествие'),
    ('tech', 'висадок на місяць', 'висадка на місяць'),
    ('tech', 'хакери', 'хакер'),
    ('war', 'безполітна зона', 'безполітний зона'),
    ('war', 'боеприпасы', 'боеприпас'),
    ('war', 'буферная зона', 'буферный зона'),
    ('war', 'канонерская лодка', 'канонерский лодка'),
    ('war', 'кассетная бомба', 'кассетный бомба'),
    ('war', 'кассетный боеприпасы', 'кассетный боеприпас'),
    ('war', 'полномасштабное вторжение', 'полномасштабный вторжение'),
    ('war', 'придорожня бомба', 'придорожній бомба');

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
SELECT topic, replace(keyword, 'ё', 'е') FROM topic_keywords WHERE keyword LIKE '%ё%'
ON CONFLICT DO NOTHING;

DELETE FROM topic_keywords WHERE keyword LIKE '%ё%';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
