-- 0017: a few more default keyword rules (lemmas, like 0006's and 0015's), each for a kind
-- of story the rules missed on the parts of bench/tagging.py that were looked at (its
-- docstring says which): the Kremlin as a government (politics, besides world), a pardon,
-- suicide bombers and naval forces, shippers, foster and social care, nuclear reactors,
-- disappearances, photojournalists and exhibits; in English, and in Ukrainian
-- and Russian where one word says it. Rules go only to topics that still exist; a rule
-- already there stays as it is. The same SQL on both stores.

WITH new_rules (topic, keyword) AS (VALUES
    ('politics', 'kremlin'), ('politics', 'кремль'), ('politics', 'pardon'),
    ('politics', 'помилування'), ('politics', 'помилование'),
    ('war', 'suicide bomber'), ('war', 'смертник'), ('war', 'naval'),
    ('economy', 'shipper'),
    ('society', 'foster care'), ('society', 'social care'),
    ('tech', 'nuclear reactor'), ('tech', 'ядерний реактор'), ('tech', 'ядерный реактор'),
    ('crime', 'disappearance'),
    ('culture', 'photojournalist'), ('culture', 'фотожурналіст'),
    ('culture', 'фотожурналист'), ('culture', 'exhibit')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;
