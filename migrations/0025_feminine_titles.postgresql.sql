-- PostgreSQL's 0025 (0025_feminine_titles.sql is SQLite's, with what it does).

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
 WHERE search_text ~ '[а-яёіїєґ]' OR search_text LIKE '%woman%';

INSERT INTO kv (key, value)
SELECT 'lemmas.rules', '1'
 WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM follows)
    OR EXISTS (SELECT 1 FROM channels)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
