-- PostgreSQL's 0006 (0006_lemmas.sql is SQLite's): the same rules; the index is a tsvector.
-- 0006: keyword rules, /search and /follow compare lemmas (word forms, bot/text/lemmas.py), never
-- raw prefixes: "прем'єр" no longer tags a theatre premiere, "ракет" a tennis racket.

-- The lemmas of each story's headline and lead, written by newsbot (bot/ingest/tagging.py) when it
-- tags the story; NULL until then (rows from before this migration, rows other programs
-- insert). The poller fills the NULL ones on its next pass, `newsbot migrate` at once.
ALTER TABLE articles ADD COLUMN search_text TEXT;
CREATE INDEX articles_unlemmatized ON articles(id) WHERE search_text IS NULL;

-- The full-text index holds the lemmas (folded by newsbot: lower case, Latin letters without
-- diacritics, as FTS5's unicode61 folds them), one lexeme per lemma at its position ("'" and "-"
-- stay inside a lexeme: "прем'єр-міністр" is one), taken as they are (no dictionary, no
-- stemming): the same tokens SQLite's FTS5 index holds, so /search and /follow find the same
-- stories on both stores. Queries are tsquery built from the same lemmas
-- (bot/text/search.py, fts_to_tsquery).
CREATE FUNCTION newsbot_lemma_tsv(lemmas text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        string_agg('''' || replace(replace(w, '\', ''), '''', '''''') || '''' || ':' || least(i, 16383), ' ')::tsvector,
        ''::tsvector)
    FROM unnest(regexp_split_to_array(lemmas, '\s+')) WITH ORDINALITY AS t(w, i)
    WHERE w <> ''
$$;
ALTER TABLE articles ADD COLUMN search_tsv tsvector
    GENERATED ALWAYS AS (newsbot_lemma_tsv(search_text)) STORED;
CREATE INDEX articles_search ON articles USING gin (search_tsv);

-- The default keyword rules, now lemmas, in Ukrainian, Russian and English. A rule matches a
-- word whose lemma equals it; a rule of several words a run of consecutive lemmas. Words that
-- mean other things in news are left out: bare "summit" (a mountain's), "shell" (what
-- "shelling" lemmatizes to; Shell the company), "outbreak" (of armyworms), "killing" ("kill":
-- accidents). "прем'єр" matches only the premier's own forms (bot/text/lemmas.py); a premiere,
-- "прем'єра", is culture. "police" (поліція, полиция) is no crime: police report accidents,
-- protests and rescues too; bare "trade" is also "traded threats", bare "crash" a skier's or
-- a market's (the accidents are "car crash", "plane crash"...), "blast" also "criticizes",
-- "storm" also "stormed", "flood" also "a flood of". Where rules overlap the longest wins
-- (bot/ingest/topics.py): "foreign minister" is world, not also politics. The old prefixes
-- of 0002 go; rules admins added stay and are rewritten to lemmas.

DELETE FROM topic_keywords WHERE (topic, keyword) IN (VALUES
    ('politics', 'politic'), ('politics', 'parliament'), ('politics', 'elector'),
    ('politics', 'election'), ('politics', 'lawmaker'), ('politics', 'legislat'),
    ('politics', 'minister'), ('politics', 'president'), ('politics', 'senat'),
    ('politics', 'congress'), ('politics', 'referendum'), ('politics', 'політи'),
    ('politics', 'парламент'), ('politics', 'депутат'), ('politics', 'вибори'),
    ('politics', 'виборів'), ('politics', 'виборах'), ('politics', 'виборч'),
    ('politics', 'міністр'), ('politics', 'президент'), ('politics', 'уряд'),
    ('politics', 'прем''єр'), ('politics', 'кабмін'), ('politics', 'верховн рад'),
    ('politics', 'законопроєкт'), ('politics', 'референдум'), ('war', 'wartime'),
    ('war', 'warfare'), ('war', 'invasion'), ('war', 'missile'), ('war', 'drone'),
    ('war', 'frontline'), ('war', 'front line'), ('war', 'shelling'), ('war', 'airstrike'),
    ('war', 'air strike'), ('war', 'troops'), ('war', 'army'), ('war', 'militar'),
    ('war', 'ceasefire'), ('war', 'artillery'), ('war', 'soldier'), ('war', 'counteroffensive'),
    ('war', 'війн'), ('war', 'військ'), ('war', 'зсу'), ('war', 'фронт'), ('war', 'обстріл'),
    ('war', 'ракет'), ('war', 'дрон'), ('war', 'безпілот'), ('war', 'бпла'), ('war', 'шахед'),
    ('war', 'окупант'), ('war', 'окупац'), ('war', 'артилер'), ('war', 'мобілізац'),
    ('war', 'повітрян тривог'), ('war', 'полонен'), ('economy', 'econom'),
    ('economy', 'inflation'), ('economy', 'gdp'), ('economy', 'budget'), ('economy', 'taxes'),
    ('economy', 'taxation'), ('economy', 'tariff'), ('economy', 'interest rate'),
    ('economy', 'central bank'), ('economy', 'stock market'), ('economy', 'recession'),
    ('economy', 'unemploy'), ('economy', 'currency'), ('economy', 'investor'),
    ('economy', 'investment'), ('economy', 'економ'), ('economy', 'інфляц'), ('economy', 'ввп'),
    ('economy', 'бюджет'), ('economy', 'податк'), ('economy', 'тариф'), ('economy', 'нбу'),
    ('economy', 'нацбанк'), ('economy', 'гривн'), ('economy', 'долар'), ('economy', 'експорт'),
    ('economy', 'імпорт'), ('economy', 'інвест'), ('economy', 'зарплат'),
    ('economy', 'подорожч'), ('world', 'united nations'), ('world', 'nato'),
    ('world', 'european union'), ('world', 'diplomat'), ('world', 'diplomac'),
    ('world', 'summit'), ('world', 'sanction'), ('world', 'embassy'), ('world', 'ambassador'),
    ('world', 'foreign minister'), ('world', 'g7'), ('world', 'g20'), ('world', 'kremlin'),
    ('world', 'оон'), ('world', 'нато'), ('world', 'євросоюз'), ('world', 'дипломат'),
    ('world', 'саміт'), ('world', 'санкц'), ('world', 'посольств'), ('world', 'посол'),
    ('world', 'кремл'), ('world', 'міжнародн'), ('world', 'закордон'), ('world', 'іноземн'),
    ('society', 'societ'), ('society', 'education'), ('society', 'school'),
    ('society', 'university'), ('society', 'student'), ('society', 'teacher'),
    ('society', 'pension'), ('society', 'protest'), ('society', 'refugee'),
    ('society', 'migrant'), ('society', 'migration'), ('society', 'housing'),
    ('society', 'church'), ('society', 'суспільств'), ('society', 'соціальн'),
    ('society', 'освіт'), ('society', 'школ'), ('society', 'університет'),
    ('society', 'студент'), ('society', 'вчител'), ('society', 'пенсі'), ('society', 'протест'),
    ('society', 'біжен'), ('society', 'переселен'), ('society', 'впо'), ('society', 'громад'),
    ('society', 'церкв'), ('society', 'житл'), ('society', 'комунальн'), ('culture', 'cultur'),
    ('culture', 'film'), ('culture', 'movie'), ('culture', 'cinema'), ('culture', 'museum'),
    ('culture', 'theatre'), ('culture', 'theater'), ('culture', 'concert'),
    ('culture', 'festival'), ('culture', 'music'), ('culture', 'exhibition'),
    ('culture', 'artist'), ('culture', 'literat'), ('culture', 'eurovision'),
    ('culture', 'культур'), ('culture', 'фільм'), ('culture', 'кіно'), ('culture', 'музе'),
    ('culture', 'театр'), ('culture', 'концерт'), ('culture', 'фестивал'), ('culture', 'музик'),
    ('culture', 'виставк'), ('culture', 'книг'), ('culture', 'письменни'),
    ('culture', 'літератур'), ('culture', 'євробачен'), ('culture', 'співак'),
    ('culture', 'співачк'), ('sport', 'sport'), ('sport', 'football'), ('sport', 'soccer'),
    ('sport', 'tennis'), ('sport', 'olympi'), ('sport', 'paralympi'), ('sport', 'championship'),
    ('sport', 'tournament'), ('sport', 'boxing'), ('sport', 'basketball'), ('sport', 'hockey'),
    ('sport', 'uefa'), ('sport', 'fifa'), ('sport', 'world cup'), ('sport', 'athlete'),
    ('sport', 'спорт'), ('sport', 'футбол'), ('sport', 'теніс'), ('sport', 'олімпі'),
    ('sport', 'паралімпі'), ('sport', 'чемпіон'), ('sport', 'турнір'), ('sport', 'матч'),
    ('sport', 'збірна'), ('sport', 'бокс'), ('sport', 'баскетбол'), ('sport', 'хокей'),
    ('sport', 'уєфа'), ('sport', 'тренер'), ('sport', 'атлет'), ('health', 'health'),
    ('health', 'hospital'), ('health', 'disease'), ('health', 'virus'), ('health', 'vaccin'),
    ('health', 'covid'), ('health', 'cancer'), ('health', 'medic'), ('health', 'pandemic'),
    ('health', 'epidemic'), ('health', 'outbreak'), ('health', 'patient'),
    ('health', 'surgery'), ('health', 'doctors'), ('health', 'здоров'), ('health', 'лікар'),
    ('health', 'хвороб'), ('health', 'вірус'), ('health', 'вакцин'), ('health', 'ковід'),
    ('health', 'онколог'), ('health', 'медич'), ('health', 'медицин'), ('health', 'моз'),
    ('health', 'пацієнт'), ('health', 'епідемі'), ('health', 'пандемі'), ('health', 'грип'),
    ('health', 'лікуван'), ('tech', 'technolog'), ('tech', 'artificial intelligence'),
    ('tech', 'chatgpt'), ('tech', 'openai'), ('tech', 'software'), ('tech', 'smartphone'),
    ('tech', 'iphone'), ('tech', 'android'), ('tech', 'startup'), ('tech', 'cyber'),
    ('tech', 'hacker'), ('tech', 'internet'), ('tech', 'robot'), ('tech', 'semiconductor'),
    ('tech', 'computer'), ('tech', 'crypto'), ('tech', 'технолог'), ('tech', 'штучн інтелект'),
    ('tech', 'смартфон'), ('tech', 'програмн'), ('tech', 'кібер'), ('tech', 'хакер'),
    ('tech', 'інтернет'), ('tech', 'стартап'), ('tech', 'гаджет'), ('tech', 'застосунк'),
    ('tech', 'цифров'), ('tech', 'криптовалют'), ('crime', 'crimes'), ('crime', 'criminal'),
    ('crime', 'police'), ('crime', 'arrest'), ('crime', 'murder'), ('crime', 'homicide'),
    ('crime', 'robbery'), ('crime', 'fraud'), ('crime', 'corruption'), ('crime', 'bribe'),
    ('crime', 'stabbing'), ('crime', 'kidnap'), ('crime', 'smuggl'), ('crime', 'prosecutor'),
    ('crime', 'detained'), ('crime', 'prison'), ('crime', 'кримінал'), ('crime', 'поліці'),
    ('crime', 'затрима'), ('crime', 'вбив'), ('crime', 'убив'), ('crime', 'шахрай'),
    ('crime', 'корупц'), ('crime', 'хабар'), ('crime', 'прокурор'), ('crime', 'вирок'),
    ('crime', 'ув''язнен'), ('crime', 'підозр'), ('crime', 'крадіжк'), ('crime', 'пограбув'),
    ('crime', 'наркот'), ('crime', 'злочин'), ('crime', 'контрабанд')
);

-- Admins' own keyword rules (what is left now) and readers' follows were stored as typed
-- (prefixes, FTS queries of prefixes): newsbot rewrites them to lemmas in Python once this
-- flag is set (bot.ingest.tagging.upgrade_lemmas, run by `newsbot migrate` and the poller), then
-- clears it.
INSERT INTO kv (key, value)
SELECT 'lemmas.pending', '1'
 WHERE EXISTS (SELECT 1 FROM follows) OR EXISTS (SELECT 1 FROM topic_keywords)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('politics', 'politics'), ('politics', 'political'), ('politics', 'politician'),
    ('politics', 'parliament'), ('politics', 'parliamentary'), ('politics', 'election'),
    ('politics', 'elector'), ('politics', 'electoral'), ('politics', 'lawmaker'),
    ('politics', 'legislation'), ('politics', 'legislature'), ('politics', 'minister'),
    ('politics', 'prime minister'), ('politics', 'president'), ('politics', 'presidential'),
    ('politics', 'senate'), ('politics', 'senator'), ('politics', 'congress'),
    ('politics', 'referendum'), ('politics', 'white house'), ('politics', 'opposition'),
    ('politics', 'party leader'), ('politics', 'by-election'), ('politics', 'candidate'),
    ('politics', 'політика'), ('politics', 'політичний'), ('politics', 'політик'),
    ('politics', 'парламент'), ('politics', 'парламентський'), ('politics', 'депутат'),
    ('politics', 'вибори'), ('politics', 'виборчий'), ('politics', 'міністр'),
    ('politics', 'прем''єр'), ('politics', 'прем''єр-міністр'), ('politics', 'президент'),
    ('politics', 'президентський'), ('politics', 'уряд'), ('politics', 'кабмін'),
    ('politics', 'верховний рада'), ('politics', 'законопроєкт'), ('politics', 'референдум'),
    ('politics', 'опозиція'), ('politics', 'партія'), ('politics', 'кандидат'),
    ('politics', 'политик'), ('politics', 'политический'), ('politics', 'выборы'),
    ('politics', 'избирательный'), ('politics', 'министр'), ('politics', 'премьер-министр'),
    ('politics', 'правительство'), ('politics', 'рада'), ('politics', 'законопроект'),
    ('politics', 'оппозиция'), ('politics', 'партия')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('war', 'war'), ('war', 'wartime'), ('war', 'warfare'), ('war', 'invasion'),
    ('war', 'missile'), ('war', 'drone'), ('war', 'frontline'), ('war', 'front line'),
    ('war', 'airstrike'), ('war', 'air strike'), ('war', 'troop'), ('war', 'army'),
    ('war', 'military'), ('war', 'ceasefire'), ('war', 'artillery'), ('war', 'soldier'),
    ('war', 'counteroffensive'), ('war', 'bombing'), ('war', 'weapon'), ('war', 'hostage'),
    ('war', 'rebel'), ('war', 'militia'), ('war', 'militant'), ('war', 'cease fire'),
    ('war', 'warship'), ('war', 'aircraft carrier'), ('war', 'peace talk'),
    ('war', 'мирний переговори'), ('war', 'мирный переговоры'), ('war', 'air defense'),
    ('war', 'ппо'), ('war', 'протиповітряний оборона'), ('war', 'противовоздушный оборона'), ('war', 'війна'), ('war', 'військовий'),
    ('war', 'військо'), ('war', 'зсу'), ('war', 'фронт'), ('war', 'обстріл'), ('war', 'ракета'),
    ('war', 'дрон'), ('war', 'безпілотник'), ('war', 'бпла'), ('war', 'шахед'),
    ('war', 'окупант'), ('war', 'окупація'), ('war', 'артилерія'), ('war', 'мобілізація'),
    ('war', 'повітряний тривога'), ('war', 'полонений'), ('war', 'вторгнення'),
    ('war', 'армія'), ('war', 'солдат'), ('war', 'заручник'), ('war', 'бойовик'),
    ('war', 'окупований'), ('war', 'шахеди'), ('war', 'война'), ('war', 'военный'),
    ('war', 'армия'), ('war', 'беспилотник'), ('war', 'обстрел'), ('war', 'оккупант'),
    ('war', 'оккупация'), ('war', 'мобилизация'), ('war', 'вторжение'), ('war', 'вагнеровца'),
    ('war', 'заложник'), ('war', 'боевик')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('economy', 'economy'), ('economy', 'economic'), ('economy', 'inflation'),
    ('economy', 'gdp'), ('economy', 'budget'), ('economy', 'tax'), ('economy', 'taxation'),
    ('economy', 'tariff'), ('economy', 'interest rate'), ('economy', 'central bank'),
    ('economy', 'stock market'), ('economy', 'recession'), ('economy', 'unemployment'),
    ('economy', 'currency'), ('economy', 'investor'), ('economy', 'investment'),
    ('economy', 'wage'), ('economy', 'real estate'), ('economy', 'property market'),
    ('economy', 'trade war'), ('economy', 'trade deal'), ('economy', 'trade talk'),
    ('economy', 'trade agreement'), ('economy', 'free trade'), ('economy', 'price'),
    ('economy', 'ceo'), ('economy', 'profit'), ('economy', 'економіка'), ('economy', 'економічний'),
    ('economy', 'інфляція'), ('economy', 'ввп'), ('economy', 'бюджет'), ('economy', 'податок'),
    ('economy', 'тариф'), ('economy', 'нбу'), ('economy', 'нацбанк'), ('economy', 'гривня'),
    ('economy', 'долар'), ('economy', 'експорт'), ('economy', 'імпорт'),
    ('economy', 'інвестиція'), ('economy', 'інвестор'), ('economy', 'зарплата'),
    ('economy', 'подорожчання'), ('economy', 'экономика'), ('economy', 'экономический'),
    ('economy', 'инфляция'), ('economy', 'налог'), ('economy', 'гривна'), ('economy', 'доллар'),
    ('economy', 'экспорт'), ('economy', 'импорт'), ('economy', 'инвестиция')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('world', 'united nation'), ('world', 'un'), ('world', 'nato'), ('world', 'european union'),
    ('world', 'eu'), ('world', 'diplomat'), ('world', 'diplomatic'), ('world', 'diplomacy'),
    ('world', 'sanction'), ('world', 'embassy'), ('world', 'ambassador'),
    ('world', 'foreign minister'), ('world', 'g7'), ('world', 'g20'), ('world', 'kremlin'),
    ('world', 'peace talk'), ('world', 'nuclear talk'), ('world', 'envoy'),
    ('world', 'annexation'), ('world', 'negotiation'), ('world', 'negotiator'),
    ('world', 'foreign ministry'), ('world', 'secretary of state'), ('world', 'оон'),
    ('world', 'нато'), ('world', 'євросоюз'), ('world', 'єс'), ('world', 'дипломат'),
    ('world', 'дипломатичний'), ('world', 'дипломатія'), ('world', 'саміт'),
    ('world', 'санкція'), ('world', 'посольство'), ('world', 'посол'), ('world', 'кремль'),
    ('world', 'переговори'), ('world', 'мзс'), ('world', 'евросоюз'), ('world', 'ес'),
    ('world', 'дипломатия'), ('world', 'саммит'), ('world', 'санкция'), ('world', 'переговоры'),
    ('world', 'мид'), ('world', 'генсек'),
    ('world', 'міністр закордонний справа'), ('world', 'министр иностранный дело'),
    ('world', 'nuclear deal')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('society', 'society'), ('society', 'social'), ('society', 'education'),
    ('society', 'school'), ('society', 'university'), ('society', 'student'),
    ('society', 'teacher'), ('society', 'pension'), ('society', 'protest'),
    ('society', 'refugee'), ('society', 'migrant'), ('society', 'migration'),
    ('society', 'housing'), ('society', 'church'), ('society', 'protester'),
    ('society', 'activist'), ('society', 'homeless'), ('society', 'civil right'),
    ('society', 'суспільство'), ('society', 'соціальний'), ('society', 'освіта'),
    ('society', 'школа'), ('society', 'університет'), ('society', 'студент'),
    ('society', 'вчитель'), ('society', 'пенсія'), ('society', 'протест'),
    ('society', 'біженець'), ('society', 'переселенець'), ('society', 'впо'),
    ('society', 'громада'), ('society', 'церква'), ('society', 'житло'),
    ('society', 'комунальний'), ('society', 'субсидія'), ('society', 'общество'),
    ('society', 'социальный'), ('society', 'образование'), ('society', 'университет'),
    ('society', 'учитель'), ('society', 'пенсия'), ('society', 'беженец'),
    ('society', 'переселенец'), ('society', 'церковь'), ('society', 'жилье'),
    ('society', 'забастовка'), ('society', 'субсидия'), ('society', 'жкх'),
    ('society', 'детский сад'), ('society', 'выходной'), ('society', 'car crash'),
    ('society', 'plane crash'), ('society', 'air crash'), ('society', 'road crash'),
    ('society', 'highway crash'), ('society', 'train crash'), ('society', 'bus crash'),
    ('society', 'helicopter crash'), ('society', 'explosion'), ('society', 'blaze'),
    ('society', 'wildfire'), ('society', 'bushfire'), ('society', 'earthquake'),
    ('society', 'tornado'), ('society', 'hurricane'), ('society', 'flooding'),
    ('society', 'flash flood'), ('society', 'evacuate'), ('society', 'evacuation'),
    ('society', 'derail'), ('society', 'drown'), ('society', 'аварія'), ('society', 'дтп'),
    ('society', 'пожежа'), ('society', 'евакуація'), ('society', 'евакуювати'),
    ('society', 'торнадо'), ('society', 'смерч'), ('society', 'ураган'),
    ('society', 'повінь'), ('society', 'землетрус'), ('society', 'негода'),
    ('society', 'рятувальник'), ('society', 'дснс'), ('society', 'авария'),
    ('society', 'пожар'), ('society', 'эвакуировать'), ('society', 'эвакуация'),
    ('society', 'наводнение'), ('society', 'землетрясение'), ('society', 'непогода'),
    ('society', 'стихия'), ('society', 'спасатель'), ('society', 'мчс')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('culture', 'culture'), ('culture', 'cultural'), ('culture', 'film'), ('culture', 'movie'),
    ('culture', 'cinema'), ('culture', 'museum'), ('culture', 'theatre'),
    ('culture', 'theater'), ('culture', 'concert'), ('culture', 'festival'),
    ('culture', 'music'), ('culture', 'musician'), ('culture', 'exhibition'),
    ('culture', 'artist'), ('culture', 'literature'), ('culture', 'eurovision'),
    ('culture', 'book'), ('culture', 'actor'), ('culture', 'actress'), ('culture', 'singer'),
    ('culture', 'album'), ('culture', 'opera'), ('culture', 'ballet'), ('culture', 'writer'),
    ('culture', 'культура'), ('culture', 'культурний'), ('culture', 'фільм'),
    ('culture', 'кіно'), ('culture', 'музей'), ('culture', 'театр'), ('culture', 'концерт'),
    ('culture', 'фестиваль'), ('culture', 'музика'), ('culture', 'музикант'),
    ('culture', 'виставка'), ('culture', 'книга'), ('culture', 'письменник'),
    ('culture', 'література'), ('culture', 'євробачення'), ('culture', 'співак'),
    ('culture', 'співачка'), ('culture', 'вистава'), ('culture', 'актор'), ('culture', 'гурт'),
    ('culture', 'фронтмен'), ('culture', 'альбом'), ('culture', 'мистецтво'),
    ('culture', 'опера'), ('culture', 'балет'), ('culture', 'режисер'), ('culture', 'фильм'),
    ('culture', 'спектакль'), ('culture', 'кино'), ('culture', 'музыка'),
    ('culture', 'выставка'), ('culture', 'писатель'), ('culture', 'литература'),
    ('culture', 'евровидение'), ('culture', 'певец'), ('culture', 'певица'),
    ('culture', 'искусство')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('sport', 'sport'), ('sport', 'football'), ('sport', 'soccer'), ('sport', 'tennis'),
    ('sport', 'olympics'), ('sport', 'olympic'), ('sport', 'paralympic'),
    ('sport', 'championship'), ('sport', 'tournament'), ('sport', 'box'),
    ('sport', 'basketball'), ('sport', 'hockey'), ('sport', 'uefa'), ('sport', 'fifa'),
    ('sport', 'world cup'), ('sport', 'athlete'), ('sport', 'medal'), ('sport', 'league'),
    ('sport', 'nba'), ('sport', 'nfl'), ('sport', 'ski'),
    ('sport', 'skier'), ('sport', 'snowboarder'), ('sport', 'skater'),
    ('sport', 'figure skate'), ('sport', 'biathlon'), ('sport', 'bobsleigh'), ('sport', 'спорт'), ('sport', 'спортивний'),
    ('sport', 'чемпіонський'), ('sport', 'футбол'), ('sport', 'теніс'), ('sport', 'тенісист'),
    ('sport', 'олімпіада'), ('sport', 'олімпійський'), ('sport', 'паралімпійський'),
    ('sport', 'чемпіонат'), ('sport', 'чемпіон'), ('sport', 'турнір'), ('sport', 'матч'),
    ('sport', 'збірний'), ('sport', 'бокс'), ('sport', 'баскетбол'), ('sport', 'хокей'),
    ('sport', 'уєфа'), ('sport', 'тренер'), ('sport', 'атлет'), ('sport', 'медаль'),
    ('sport', 'ліга'), ('sport', 'теннис'), ('sport', 'олимпиада'), ('sport', 'чемпионат'),
    ('sport', 'чемпион'), ('sport', 'турнир'), ('sport', 'сборный'), ('sport', 'хоккей')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('health', 'health'), ('health', 'hospital'), ('health', 'disease'), ('health', 'virus'),
    ('health', 'vaccine'), ('health', 'vaccination'), ('health', 'covid'),
    ('health', 'coronavirus'), ('health', 'cancer'), ('health', 'medical'),
    ('health', 'medicine'), ('health', 'pandemic'), ('health', 'epidemic'),
    ('health', 'patient'), ('health', 'surgery'), ('health', 'doctor'), ('health', 'здоров''я'),
    ('health', 'лікар'), ('health', 'хвороба'), ('health', 'вірус'), ('health', 'вакцина'),
    ('health', 'вакцинація'), ('health', 'ковід'), ('health', 'коронавірус'),
    ('health', 'онкологія'), ('health', 'медичний'), ('health', 'медицина'), ('health', 'моз'),
    ('health', 'пацієнт'), ('health', 'епідемія'), ('health', 'пандемія'), ('health', 'грип'),
    ('health', 'лікування'), ('health', 'лікарня'), ('health', 'захворюваність'),
    ('health', 'здоровье'), ('health', 'врач'), ('health', 'болезнь'), ('health', 'вирус'),
    ('health', 'коронавирус'), ('health', 'медицинский'), ('health', 'пациент'),
    ('health', 'эпидемия'), ('health', 'пандемия'), ('health', 'грипп'), ('health', 'больница'),
    ('health', 'заболеваемость'), ('health', 'ocd'), ('health', 'dementia'),
    ('health', 'autism'), ('health', 'diabetes'), ('health', 'measle'),
    ('health', 'tuberculosis'), ('health', 'hiv'), ('health', 'alzheimer'),
    ('health', 'діабет'), ('health', 'деменція'), ('health', 'аутизм'),
    ('health', 'туберкульоз'), ('health', 'віл'), ('health', 'диабет'),
    ('health', 'туберкулёз'), ('health', 'деменция')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('tech', 'technology'), ('tech', 'artificial intelligence'), ('tech', 'ai'),
    ('tech', 'chatgpt'), ('tech', 'openai'), ('tech', 'software'), ('tech', 'smartphone'),
    ('tech', 'iphone'), ('tech', 'android'), ('tech', 'startup'), ('tech', 'cyberattack'),
    ('tech', 'hacker'), ('tech', 'internet'), ('tech', 'robot'), ('tech', 'semiconductor'),
    ('tech', 'computer'), ('tech', 'cryptocurrency'), ('tech', 'nasa'), ('tech', 'satellite'),
    ('tech', 'технологія'), ('tech', 'технологічний'), ('tech', 'штучний інтелект'),
    ('tech', 'ші'), ('tech', 'смартфон'), ('tech', 'програмний'), ('tech', 'кібератака'),
    ('tech', 'хакер'), ('tech', 'інтернет'), ('tech', 'стартап'), ('tech', 'гаджет'),
    ('tech', 'застосунок'), ('tech', 'цифровий'), ('tech', 'криптовалюта'),
    ('tech', 'супутник'), ('tech', 'технология'), ('tech', 'искусственный интеллект'),
    ('tech', 'интернет')
ON CONFLICT DO NOTHING;

INSERT INTO topic_keywords (topic, keyword) VALUES
    ('crime', 'crime'), ('crime', 'criminal'), ('crime', 'arrest'),
    ('crime', 'murder'), ('crime', 'homicide'), ('crime', 'robbery'), ('crime', 'fraud'),
    ('crime', 'corruption'), ('crime', 'bribe'), ('crime', 'stab'), ('crime', 'kidnapping'),
    ('crime', 'smuggle'), ('crime', 'prosecutor'), ('crime', 'detain'), ('crime', 'prison'),
    ('crime', 'gang'), ('crime', 'trafficking'), ('crime', 'cocaine'), ('crime', 'heroin'),
    ('crime', 'terrorism'), ('crime', 'кримінальний'), ('crime', 'кримінал'),
    ('crime', 'затримати'),
    ('crime', 'затримання'), ('crime', 'вбивство'), ('crime', 'вбити'), ('crime', 'убити'),
    ('crime', 'вбивця'), ('crime', 'шахрай'), ('crime', 'шахрайство'), ('crime', 'корупція'),
    ('crime', 'хабар'), ('crime', 'прокурор'), ('crime', 'вирок'), ('crime', 'ув''язнення'),
    ('crime', 'підозра'), ('crime', 'крадіжка'), ('crime', 'пограбування'),
    ('crime', 'наркотик'), ('crime', 'злочин'), ('crime', 'контрабанда'),
    ('crime', 'криминальный'),
    ('crime', 'задержать'), ('crime', 'убийство'), ('crime', 'мошенник'),
    ('crime', 'коррупция'), ('crime', 'приговор'), ('crime', 'кража'), ('crime', 'героин'),
    ('crime', 'преступление'), ('crime', 'избить'), ('crime', 'уголовный')
ON CONFLICT DO NOTHING;
