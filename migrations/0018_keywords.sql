-- 0018: more default keyword rules (lemmas, like 0006's, 0015's and 0017's): words of kinds
-- of story the rules missed on the parts of bench/tagging.py that were looked at, the fifth
-- fresh set's among them once it had been measured, and a few unambiguous news words beside
-- them (company results and raw materials, juries, verdicts and embezzlement, democracy and
-- votes, wellness, fitness and therapy, laptops and malware, sieges and navies, tsunamis and
-- pilgrims, sculptors and playwrights, footballers and baseball), in English, and in
-- Ukrainian and Russian where one word says it. Left out as meaning other things in news as
-- often: "outbreak" (of war, of armyworms), "storm" and "flood" (figurative), "app", "diet"
-- (Japan's parliament), "constitution" (a platform told to follow it), "police", "campaign",
-- "landslide", "union", "striker", "crash". Rules go only to topics that still exist; a rule
-- already there stays as it is. The same SQL on both stores.

WITH new_rules (topic, keyword) AS (VALUES
    ('politics', 'democracy'), ('politics', 'vote'), ('politics', 'homeland security'),
    ('politics', 'демократія'), ('politics', 'демократия'), ('war', 'siege'),
    ('war', 'облога'), ('war', 'осада'), ('war', 'navy'), ('economy', 'earnings'),
    ('economy', 'revenue'), ('economy', 'ipo'), ('economy', 'commodity'),
    ('economy', 'supply chain'), ('economy', 'manufacturer'), ('economy', 'retailer'),
    ('economy', 'economist'), ('economy', 'refinery'), ('economy', 'critical mineral'),
    ('economy', 'fracking'), ('economy', 'venture capital'), ('economy', 'прибуток'),
    ('economy', 'прибыль'), ('economy', 'виручка'), ('economy', 'выручка'),
    ('economy', 'сировина'), ('economy', 'сырьё'), ('economy', 'виробник'),
    ('economy', 'производитель'), ('economy', 'ритейлер'), ('economy', 'економіст'),
    ('economy', 'экономист'), ('economy', 'нпз'), ('economy', 'layoff'),
    ('economy', 'dow jones'), ('economy', 'opec'), ('economy', 'опек'),
    ('society', 'wildlife'), ('society', 'pope'), ('society', 'паводок'),
    ('society', 'папа римський'), ('society', 'папа римский'), ('society', 'tsunami'),
    ('society', 'цунамі'), ('society', 'цунами'), ('society', 'blizzard'),
    ('society', 'pilgrim'), ('society', 'паломник'), ('culture', 'art collection'),
    ('culture', 'artwork'), ('culture', 'pop singer'), ('culture', 'sculptor'),
    ('culture', 'скульптор'), ('culture', 'playwright'), ('culture', 'драматург'),
    ('culture', 'unesco'), ('culture', 'юнеско'), ('sport', 'footballer'),
    ('sport', 'футболіст'), ('sport', 'футболист'), ('sport', 'baseball'),
    ('sport', 'бейсбол'), ('health', 'wellness'), ('health', 'uninsured'),
    ('health', 'nutrition'), ('health', 'fitness'), ('health', 'yoga'), ('health', 'therapy'),
    ('health', 'support group'), ('health', 'йога'), ('health', 'терапія'),
    ('health', 'терапия'), ('health', 'фітнес'), ('health', 'фитнес'), ('health', 'surgeon'),
    ('health', 'хірург'), ('health', 'хирург'), ('health', 'drugmaker'), ('tech', 'laptop'),
    ('tech', 'data breach'), ('tech', 'processor'), ('tech', 'ноутбук'), ('tech', 'malware'),
    ('tech', 'microchip'), ('crime', 'jury'), ('crime', 'juror'), ('crime', 'killer'),
    ('crime', 'bribery'), ('crime', 'verdict'), ('crime', 'abduction'),
    ('crime', 'embezzlement'), ('crime', 'mafia'), ('crime', 'присяжний'),
    ('crime', 'присяжный'), ('crime', 'мафія'), ('crime', 'мафия'), ('crime', 'розтрата'),
    ('crime', 'растрата'), ('crime', 'detective'), ('crime', 'acquit'),
    ('crime', 'extradition'), ('crime', 'екстрадиція'), ('crime', 'экстрадиция')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;
