-- 0020: a few more default keyword rules (lemmas, like 0019's): words of kinds of story the
-- rules missed on the seventh fresh set of bench/tagging.py once it had been measured: a
-- Russian strike or Israeli fire, submarines, state visits, humanitarian aid, shareholders'
-- AGMs, subsidiaries, steel, coal mines and jet fuel, phones' operating systems, betas and
-- security flaws, cartoons, golfers and champions, calories, gag orders, arms deals and drug
-- gangs; in English, and in Ukrainian and Russian where one word says it. Left out as
-- pointing both ways: "vulnerability" alone (of people as often as of software), "defence"
-- (a court's as often as an army's), "appoint" (boards appoint as often as governments).
-- Rules go only to topics that still exist; a rule already there stays as it is. The same
-- SQL on both stores.

WITH new_rules (topic, keyword) AS (VALUES
    ('politics', 'prime minister elect'), ('politics', 'state visit'),
    ('politics', 'державний візит'), ('politics', 'государственный визит'),
    ('war', 'russian strike'), ('war', 'israeli fire'), ('war', 'submarine'),
    ('war', 'підводний човен'), ('economy', 'agm'), ('economy', 'subsidiary'),
    ('economy', 'steel'), ('economy', 'coal mine'), ('economy', 'producer price'),
    ('economy', 'palladium'), ('economy', 'jet fuel'), ('economy', 'сталь'),
    ('society', 'humanitarian aid'), ('society', 'humanitarian relief'),
    ('society', 'retirement'), ('culture', 'cartoon'), ('culture', 'мультфільм'),
    ('culture', 'мультфильм'), ('sport', 'golfer'), ('sport', 'champion'),
    ('health', 'weight control'), ('health', 'calorie'), ('health', 'калорія'),
    ('health', 'калория'), ('tech', 'beta'), ('tech', 'ios'), ('tech', 'macos'),
    ('tech', 'security vulnerability'), ('tech', 'security flaw'), ('tech', 'voip'),
    ('tech', 'handset'), ('tech', 'chip maker'), ('tech', 'suv'), ('tech', 'neuroscientist'),
    ('tech', 'neuroscience'), ('crime', 'arm broker'), ('crime', 'arm deal'),
    ('crime', 'gag order'), ('crime', 'anti graft'), ('crime', 'drug gang')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;
