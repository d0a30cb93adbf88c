-- PostgreSQL's 0002: 0002_default_topics.sql with ON CONFLICT DO NOTHING for INSERT OR IGNORE.
-- 0002: the default topics (README, "Topics"; docs/architecture.md) with English and Ukrainian titles and keyword rules.
-- A keyword matches when a word of the headline or lead starts with it (case-insensitive);
-- a keyword of several words matches a run of words the same way. Stems are chosen so
-- that they do not catch unrelated words: no bare "war" (warm, warning), "crime"
-- (Crimea), "ai" (aid, air), "рак" (ракета), "суд" (судно), "робот" (робота).

INSERT INTO topics (slug, title_en, title_uk, position) VALUES
    ('politics', 'Politics', 'Політика', 1),
    ('war', 'War', 'Війна', 2),
    ('economy', 'Economy', 'Економіка', 3),
    ('world', 'World', 'Світ', 4),
    ('society', 'Society', 'Суспільство', 5),
    ('culture', 'Culture', 'Культура', 6),
    ('sport', 'Sport', 'Спорт', 7),
    ('health', 'Health', 'Здоров''я', 8),
    ('tech', 'Technology', 'Технології', 9),
    ('crime', 'Crime', 'Кримінал', 10)
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('politics', 'politic'), ('politics', 'parliament'), ('politics', 'elector'),
    ('politics', 'election'), ('politics', 'lawmaker'), ('politics', 'legislat'),
    ('politics', 'minister'), ('politics', 'president'), ('politics', 'senat'),
    ('politics', 'congress'), ('politics', 'referendum'), ('politics', 'політи'),
    ('politics', 'парламент'), ('politics', 'депутат'), ('politics', 'вибори'),
    ('politics', 'виборів'), ('politics', 'виборах'), ('politics', 'виборч'),
    ('politics', 'міністр'), ('politics', 'президент'), ('politics', 'уряд'),
    ('politics', 'прем''єр'), ('politics', 'кабмін'), ('politics', 'верховн рад'),
    ('politics', 'законопроєкт'), ('politics', 'референдум')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('war', 'wartime'), ('war', 'warfare'), ('war', 'invasion'), ('war', 'missile'),
    ('war', 'drone'), ('war', 'frontline'), ('war', 'front line'), ('war', 'shelling'),
    ('war', 'airstrike'), ('war', 'air strike'), ('war', 'troops'), ('war', 'army'),
    ('war', 'militar'), ('war', 'ceasefire'), ('war', 'artillery'), ('war', 'soldier'),
    ('war', 'counteroffensive'), ('war', 'війн'), ('war', 'військ'), ('war', 'зсу'),
    ('war', 'фронт'), ('war', 'обстріл'), ('war', 'ракет'), ('war', 'дрон'), ('war', 'безпілот'),
    ('war', 'бпла'), ('war', 'шахед'), ('war', 'окупант'), ('war', 'окупац'), ('war', 'артилер'),
    ('war', 'мобілізац'), ('war', 'повітрян тривог'), ('war', 'полонен')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('economy', 'econom'), ('economy', 'inflation'), ('economy', 'gdp'), ('economy', 'budget'),
    ('economy', 'taxes'), ('economy', 'taxation'), ('economy', 'tariff'),
    ('economy', 'interest rate'), ('economy', 'central bank'), ('economy', 'stock market'),
    ('economy', 'recession'), ('economy', 'unemploy'), ('economy', 'currency'),
    ('economy', 'investor'), ('economy', 'investment'), ('economy', 'економ'),
    ('economy', 'інфляц'), ('economy', 'ввп'), ('economy', 'бюджет'), ('economy', 'податк'),
    ('economy', 'тариф'), ('economy', 'нбу'), ('economy', 'нацбанк'), ('economy', 'гривн'),
    ('economy', 'долар'), ('economy', 'експорт'), ('economy', 'імпорт'), ('economy', 'інвест'),
    ('economy', 'зарплат'), ('economy', 'подорожч')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('world', 'united nations'), ('world', 'nato'), ('world', 'european union'),
    ('world', 'diplomat'), ('world', 'diplomac'), ('world', 'summit'), ('world', 'sanction'),
    ('world', 'embassy'), ('world', 'ambassador'), ('world', 'foreign minister'), ('world', 'g7'),
    ('world', 'g20'), ('world', 'kremlin'), ('world', 'оон'), ('world', 'нато'),
    ('world', 'євросоюз'), ('world', 'дипломат'), ('world', 'саміт'), ('world', 'санкц'),
    ('world', 'посольств'), ('world', 'посол'), ('world', 'кремл'), ('world', 'міжнародн'),
    ('world', 'закордон'), ('world', 'іноземн')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('society', 'societ'), ('society', 'education'), ('society', 'school'),
    ('society', 'university'), ('society', 'student'), ('society', 'teacher'),
    ('society', 'pension'), ('society', 'protest'), ('society', 'refugee'), ('society', 'migrant'),
    ('society', 'migration'), ('society', 'housing'), ('society', 'church'),
    ('society', 'суспільств'), ('society', 'соціальн'), ('society', 'освіт'), ('society', 'школ'),
    ('society', 'університет'), ('society', 'студент'), ('society', 'вчител'),
    ('society', 'пенсі'), ('society', 'протест'), ('society', 'біжен'), ('society', 'переселен'),
    ('society', 'впо'), ('society', 'громад'), ('society', 'церкв'), ('society', 'житл'),
    ('society', 'комунальн')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('culture', 'cultur'), ('culture', 'film'), ('culture', 'movie'), ('culture', 'cinema'),
    ('culture', 'museum'), ('culture', 'theatre'), ('culture', 'theater'), ('culture', 'concert'),
    ('culture', 'festival'), ('culture', 'music'), ('culture', 'exhibition'),
    ('culture', 'artist'), ('culture', 'literat'), ('culture', 'eurovision'),
    ('culture', 'культур'), ('culture', 'фільм'), ('culture', 'кіно'), ('culture', 'музе'),
    ('culture', 'театр'), ('culture', 'концерт'), ('culture', 'фестивал'), ('culture', 'музик'),
    ('culture', 'виставк'), ('culture', 'книг'), ('culture', 'письменни'),
    ('culture', 'літератур'), ('culture', 'євробачен'), ('culture', 'співак'),
    ('culture', 'співачк')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('sport', 'sport'), ('sport', 'football'), ('sport', 'soccer'), ('sport', 'tennis'),
    ('sport', 'olympi'), ('sport', 'paralympi'), ('sport', 'championship'),
    ('sport', 'tournament'), ('sport', 'boxing'), ('sport', 'basketball'), ('sport', 'hockey'),
    ('sport', 'uefa'), ('sport', 'fifa'), ('sport', 'world cup'), ('sport', 'athlete'),
    ('sport', 'спорт'), ('sport', 'футбол'), ('sport', 'теніс'), ('sport', 'олімпі'),
    ('sport', 'паралімпі'), ('sport', 'чемпіон'), ('sport', 'турнір'), ('sport', 'матч'),
    ('sport', 'збірна'), ('sport', 'бокс'), ('sport', 'баскетбол'), ('sport', 'хокей'),
    ('sport', 'уєфа'), ('sport', 'тренер'), ('sport', 'атлет')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('health', 'health'), ('health', 'hospital'), ('health', 'disease'), ('health', 'virus'),
    ('health', 'vaccin'), ('health', 'covid'), ('health', 'cancer'), ('health', 'medic'),
    ('health', 'pandemic'), ('health', 'epidemic'), ('health', 'outbreak'), ('health', 'patient'),
    ('health', 'surgery'), ('health', 'doctors'), ('health', 'здоров'), ('health', 'лікар'),
    ('health', 'хвороб'), ('health', 'вірус'), ('health', 'вакцин'), ('health', 'ковід'),
    ('health', 'онколог'), ('health', 'медич'), ('health', 'медицин'), ('health', 'моз'),
    ('health', 'пацієнт'), ('health', 'епідемі'), ('health', 'пандемі'), ('health', 'грип'),
    ('health', 'лікуван')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('tech', 'technolog'), ('tech', 'artificial intelligence'), ('tech', 'chatgpt'),
    ('tech', 'openai'), ('tech', 'software'), ('tech', 'smartphone'), ('tech', 'iphone'),
    ('tech', 'android'), ('tech', 'startup'), ('tech', 'cyber'), ('tech', 'hacker'),
    ('tech', 'internet'), ('tech', 'robot'), ('tech', 'semiconductor'), ('tech', 'computer'),
    ('tech', 'crypto'), ('tech', 'технолог'), ('tech', 'штучн інтелект'), ('tech', 'смартфон'),
    ('tech', 'програмн'), ('tech', 'кібер'), ('tech', 'хакер'), ('tech', 'інтернет'),
    ('tech', 'стартап'), ('tech', 'гаджет'), ('tech', 'застосунк'), ('tech', 'цифров'),
    ('tech', 'криптовалют')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('crime', 'crimes'), ('crime', 'criminal'), ('crime', 'police'), ('crime', 'arrest'),
    ('crime', 'murder'), ('crime', 'homicide'), ('crime', 'robbery'), ('crime', 'fraud'),
    ('crime', 'corruption'), ('crime', 'bribe'), ('crime', 'stabbing'), ('crime', 'kidnap'),
    ('crime', 'smuggl'), ('crime', 'prosecutor'), ('crime', 'detained'), ('crime', 'prison'),
    ('crime', 'кримінал'), ('crime', 'поліці'), ('crime', 'затрима'), ('crime', 'вбив'),
    ('crime', 'убив'), ('crime', 'шахрай'), ('crime', 'корупц'), ('crime', 'хабар'),
    ('crime', 'прокурор'), ('crime', 'вирок'), ('crime', 'ув''язнен'), ('crime', 'підозр'),
    ('crime', 'крадіжк'), ('crime', 'пограбув'), ('crime', 'наркот'), ('crime', 'злочин'),
    ('crime', 'контрабанд')
ON CONFLICT DO NOTHING;
