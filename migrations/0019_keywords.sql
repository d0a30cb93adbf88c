-- 0019: a few more default keyword rules (lemmas, like 0018's): words of kinds of story the
-- rules missed on the sixth fresh set of bench/tagging.py once it had been measured: tankers
-- and iron ore, general strikes, monsoons, assassinations, gubernatorial races, swearing-ins,
-- the far right and states of emergency, weight loss, comedians and masterpieces; in English,
-- and in Ukrainian and Russian where one word says it. Left out as pointing both ways on the
-- parts looked at: "blockade" (of ports in a war, and in markets' news), "lunar new year"
-- (festivities: society or culture). Rules go only to topics that still exist; a rule
-- already there stays as it is. The same SQL on both stores.

WITH new_rules (topic, keyword) AS (VALUES
    ('politics', 'gubernatorial'), ('politics', 'swearing-in'), ('politics', 'far right'),
    ('politics', 'state of emergency'), ('economy', 'tanker'), ('economy', 'танкер'),
    ('economy', 'iron ore'), ('society', 'general strike'), ('society', 'загальний страйк'),
    ('society', 'monsoon'), ('society', 'мусон'), ('culture', 'comedian'),
    ('culture', 'comedy'), ('culture', 'комік'), ('culture', 'комедія'),
    ('culture', 'комедия'), ('culture', 'masterpiece'), ('culture', 'шедевр'),
    ('health', 'weight loss'), ('crime', 'assassination'), ('crime', 'убивство')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;
