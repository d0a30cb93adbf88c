-- 0015: a wider vocabulary for the default keyword rules (bot/ingest/topics.py reads them as
-- lemmas, like 0006's): government and parliament words, diplomacy, armed forces and armed
-- groups, markets, trade and energy, local life and weather, courts and police work, science
-- and technology, diseases and care, the arts, sports and their competitions, in English,
-- Ukrainian and Russian. Each rule is a lemma (what bot.text.lemmas gives the word in any
-- form). Left out because they mean other things in news as often: bare "woman", "child",
-- "family" (every topic's stories have them), "strike" (a military strike or a walkout),
-- "bank", "company", "market", "trade", "team", "cup", "final", "show", "art", "defence",
-- "administration", "regime"/"режим" (also a mode), "роман" (a novel and a name), "картина"
-- (a painting and a picture of things), "операція" (surgery and a military operation),
-- "премьера" (its lemma is "премьер", the premier), "fed" ("feed"), "coach" (a bus too),
-- "mogul" (a media mogul), "rally" (markets rally), "killed in" (an air strike too).
-- bench/tagging.py measures them (docstring: the figures, and which labelled parts were
-- looked at while they were chosen).
--
-- Three of 0006's rules go: "wartime" (a wartime economy or wartime inflation is about the
-- economy), "doctor" and "medical" (a doctor's or a medical setting in a story about abuse,
-- a strike or an economy under pressure; the diseases and the care are the topic).
-- Rules go only to topics that still exist (an admin may have removed one); a rule already
-- there stays as it is. The same SQL on both stores.

DELETE FROM topic_keywords
 WHERE (topic = 'war' AND keyword = 'wartime')
    OR (topic = 'health' AND keyword IN ('doctor', 'medical'));

WITH new_rules (topic, keyword) AS (VALUES
    ('politics', 'government'), ('politics', 'govt'), ('politics', 'cabinet'),
    ('politics', 'congressman'), ('politics', 'congresswoman'), ('politics', 'congressional'),
    ('politics', 'parliamentarian'), ('politics', 'state of the union'),
    ('politics', 'republican'), ('politics', 'democrat'), ('politics', 'democratic party'),
    ('politics', 'gop'), ('politics', 'labour party'), ('politics', 'conservative party'),
    ('politics', 'governor'), ('politics', 'mayor'), ('politics', 'chancellor'),
    ('politics', 'coalition'), ('politics', 'ballot'), ('politics', 'voter'),
    ('politics', 'impeachment'), ('politics', 'impeach'), ('politics', 'speaker of the house'),
    ('politics', 'legislative'), ('politics', 'legislator'), ('politics', 'populist'),
    ('politics', 'dictator'), ('politics', 'coup'), ('politics', 'supreme leader'),
    ('politics', 'chief minister'), ('politics', 'political prisoner'),
    ('politics', 'opposition leader'), ('politics', 'inauguration'), ('politics', 'premier'),
    ('politics', 'election campaign'), ('politics', 'reelection'), ('politics', 're-election'),
    ('politics', 'head of state'), ('politics', 'ruling party'), ('politics', 'dissident'),
    ('politics', 'голосування'), ('politics', 'виборець'), ('politics', 'коаліція'),
    ('politics', 'відставка'), ('politics', 'губернатор'), ('politics', 'мер'),
    ('politics', 'спікер'), ('politics', 'указ'), ('politics', 'конституція'),
    ('politics', 'диктатор'), ('politics', 'переворот'), ('politics', 'інавгурація'),
    ('politics', 'політв''язень'), ('politics', 'опозиціонер'), ('politics', 'фракція'),
    ('politics', 'нардеп'), ('politics', 'голосование'), ('politics', 'избиратель'),
    ('politics', 'коалиция'), ('politics', 'отставка'), ('politics', 'мэр'),
    ('politics', 'спикер'), ('politics', 'конституция'), ('politics', 'инаугурация'),
    ('politics', 'госдума'), ('politics', 'дума'), ('politics', 'фракция'),
    ('politics', 'оппозиционер'), ('politics', 'политзаключённый'), ('politics', 'глава город'),
    ('politics', 'глава район'), ('politics', 'house of representative'),
    ('politics', 'presidential pardon'), ('politics', 'палата представник')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('war', 'defense minister'), ('war', 'hezbollah'), ('war', 'hamas'), ('war', 'houthi'),
    ('war', 'houthis'), ('war', 'taliban'), ('war', 'isis'), ('war', 'jihadist'),
    ('war', 'insurgent'), ('war', 'insurgency'), ('war', 'bombardment'), ('war', 'shell'),
    ('war', 'air raid'), ('war', 'battlefield'), ('war', 'arm force'), ('war', 'arm group'),
    ('war', 'air force'), ('war', 'nuclear weapon'), ('war', 'ammunition'),
    ('war', 'mercenary'), ('war', 'disarmament'), ('war', 'war crime'), ('war', 'оборона'),
    ('war', 'міністр оборона'), ('war', 'збройний сила'), ('war', 'бойовий дія'),
    ('war', 'наступ'), ('war', 'контрнаступ'), ('war', 'танк'), ('war', 'боєприпас'),
    ('war', 'зброя'), ('war', 'ядерний зброя'), ('war', 'диверсія'), ('war', 'найманець'),
    ('war', 'сила оборона'), ('war', 'пво'), ('war', 'ракетний удар'),
    ('war', 'дроновий атака'), ('war', 'мобілізований'), ('war', 'министр оборона'),
    ('war', 'вооружить сила'), ('war', 'боевой действие'), ('war', 'наступление'),
    ('war', 'боеприпасы'), ('war', 'оружие'), ('war', 'ядерный оружие'), ('war', 'диверсия'),
    ('war', 'наёмник'), ('war', 'спецоперация'), ('war', 'сво'), ('war', 'peace deal'),
    ('war', 'peace plan'), ('war', 'peace agreement'), ('war', 'мирний угода'),
    ('war', 'мирний план'), ('war', 'мирный соглашение'), ('war', 'мирный план'),
    ('war', 'pentagon'), ('war', 'military base'), ('war', 'пентагон'),
    ('war', 'військовий база'), ('war', 'военный база')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('economy', 'share price'), ('economy', 'stock exchange'), ('economy', 'banking'),
    ('economy', 'bankruptcy'), ('economy', 'bankrupt'), ('economy', 'debt'),
    ('economy', 'loan'), ('economy', 'export'), ('economy', 'import'), ('economy', 'fdi'),
    ('economy', 'foreign direct investment'), ('economy', 'finance'), ('economy', 'financial'),
    ('economy', 'fiscal'), ('economy', 'labor'), ('economy', 'labour'),
    ('economy', 'workforce'), ('economy', 'employment'), ('economy', 'industrial action'),
    ('economy', 'go-slow'), ('economy', 'walkout'), ('economy', 'trade union'),
    ('economy', 'oil price'), ('economy', 'crude'), ('economy', 'gas price'),
    ('economy', 'energy price'), ('economy', 'mining'), ('economy', 'miner'),
    ('economy', 'retail'), ('economy', 'insurer'), ('economy', 'asx'), ('economy', 'dow'),
    ('economy', 'nasdaq'), ('economy', 'wall street'), ('economy', 'imf'),
    ('economy', 'world bank'), ('economy', 'ecb'), ('economy', 'federal reserve'),
    ('economy', 'rate cut'), ('economy', 'rate hike'), ('economy', 'housing market'),
    ('economy', 'mortgage'), ('economy', 'salary'), ('economy', 'бізнес'),
    ('economy', 'компанія'), ('economy', 'підприємство'), ('economy', 'ринок'),
    ('economy', 'біржа'), ('economy', 'банк'), ('economy', 'кредит'), ('economy', 'борг'),
    ('economy', 'банкрутство'), ('economy', 'фінанси'), ('economy', 'фінансовий'),
    ('economy', 'торгівля'), ('economy', 'промисловість'), ('economy', 'нафта'),
    ('economy', 'пенсійний фонд'), ('economy', 'мвф'), ('economy', 'світовий банк'),
    ('economy', 'робочий місце'), ('economy', 'безробіття'), ('economy', 'страйк'),
    ('economy', 'мінімальний зарплата'), ('economy', 'курс долар'), ('economy', 'курс валюта'),
    ('economy', 'агро'), ('economy', 'врожай'), ('economy', 'зерно'), ('economy', 'бизнес'),
    ('economy', 'компания'), ('economy', 'предприятие'), ('economy', 'рынок'),
    ('economy', 'биржа'), ('economy', 'долг'), ('economy', 'финансы'),
    ('economy', 'финансовый'), ('economy', 'торговля'), ('economy', 'промышленность'),
    ('economy', 'нефть'), ('economy', 'безработица'), ('economy', 'урожай'),
    ('economy', 'сельский хозяйство'), ('economy', 'фермер'), ('economy', 'work culture'),
    ('economy', 'health insurer'), ('economy', 'tech share'), ('economy', 'tech stock'),
    ('economy', 'oil'), ('economy', 'crude oil'), ('economy', 'oil export'), ('economy', 'lng'),
    ('economy', 'lpg'), ('economy', 'liquefy natural gas'), ('economy', 'natural gas'),
    ('economy', 'gas pipeline'), ('economy', 'fuel'), ('economy', 'fuel price'),
    ('economy', 'fuel tax'), ('economy', 'petrol'), ('economy', 'diesel'),
    ('economy', 'energy crisis'), ('economy', 'energy company'), ('economy', 'energy firm'),
    ('economy', 'energy sector'), ('economy', 'renewable energy'), ('economy', 'renewable'),
    ('economy', 'solar energy'), ('economy', 'solar power'), ('economy', 'wind power'),
    ('economy', 'power supply'), ('economy', 'power grid'), ('economy', 'electricity price'),
    ('economy', 'utility'), ('economy', 'airline'), ('economy', 'aviation'), ('economy', 'gst'),
    ('economy', 'vat'), ('economy', 'joint venture'), ('economy', 'acquisition'),
    ('economy', 'merger'), ('economy', 'shareholder'), ('economy', 'dividend'),
    ('economy', 'bond'), ('economy', 'credit card'), ('economy', 'mortgage rate'),
    ('economy', 'пальний'), ('economy', 'бензин'), ('economy', 'дизель'),
    ('economy', 'енергоносій'), ('economy', 'електроенергія'), ('economy', 'тариф на світло'),
    ('economy', 'газопровід'), ('economy', 'авіакомпанія'), ('economy', 'топливо'),
    ('economy', 'электроэнергия'), ('economy', 'газопровод'), ('economy', 'авиакомпания'),
    ('economy', 'акционер'), ('economy', 'дивиденд'), ('economy', 'облигация'),
    ('economy', 'облігація')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('world', 'bilateral'), ('world', 'bilateral tie'), ('world', 'diplomatic tie'),
    ('world', 'foreign policy'), ('world', 'foreign affair'), ('world', 'state department'),
    ('world', 'world leader'), ('world', 'international community'),
    ('world', 'security council'), ('world', 'un security council'),
    ('world', 'general assembly'), ('world', 'high commissioner'), ('world', 'ceasefire talk'),
    ('world', 'peace deal'), ('world', 'peace plan'), ('world', 'geopolitical'),
    ('world', 'geopolitics'), ('world', 'двосторонній'), ('world', 'зовнішній політика'),
    ('world', 'світовий лідер'), ('world', 'радбез'), ('world', 'рада безпека'),
    ('world', 'генасамблея'), ('world', 'мирний план'), ('world', 'мирний угода'),
    ('world', 'геополітика'), ('world', 'двусторонний'), ('world', 'внешний политик'),
    ('world', 'мировой лидер'), ('world', 'совбез'), ('world', 'совет безопасность'),
    ('world', 'мирный план'), ('world', 'геополитика')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('society', 'community'), ('society', 'neighbourhood'), ('society', 'transport'),
    ('society', 'public transport'), ('society', 'metro'), ('society', 'subway'),
    ('society', 'commuter'), ('society', 'girl'), ('society', 'elderly'),
    ('society', 'pensioner'), ('society', 'poverty'), ('society', 'homelessness'),
    ('society', 'welfare'), ('society', 'mosque'), ('society', 'ramadan'),
    ('society', 'ramazan'), ('society', 'easter'), ('society', 'christmas'),
    ('society', 'festival of'), ('society', 'weather'), ('society', 'snow'),
    ('society', 'snowstorm'), ('society', 'heatwave'), ('society', 'heat wave'),
    ('society', 'cyclone'), ('society', 'typhoon'), ('society', 'avalanche'),
    ('society', 'drought'), ('society', 'climate change'), ('society', 'rescue'),
    ('society', 'rescuer'), ('society', 'accident'), ('society', 'disaster'),
    ('society', 'immigrant'), ('society', 'deportation'), ('society', 'asylum'),
    ('society', 'demonstration'), ('society', 'demonstrator'), ('society', 'human right'),
    ('society', 'gender'), ('society', 'lgbt'), ('society', 'abortion'),
    ('society', 'volunteer'), ('society', 'charity'), ('society', 'kindergarten'),
    ('society', 'daycare'), ('society', 'nursery'), ('society', 'playground'),
    ('society', 'міст'), ('society', 'транспорт'), ('society', 'метро'),
    ('society', 'пенсіонер'), ('society', 'бідність'), ('society', 'релігія'),
    ('society', 'великдень'), ('society', 'різдво'), ('society', 'погода'), ('society', 'сніг'),
    ('society', 'спека'), ('society', 'мороз'), ('society', 'снігопад'), ('society', 'шторм'),
    ('society', 'посуха'), ('society', 'клімат'), ('society', 'зниклий'),
    ('society', 'порятунок'), ('society', 'врятувати'), ('society', 'нещасний випадок'),
    ('society', 'вибух'), ('society', 'катастрофа'), ('society', 'ветеран'),
    ('society', 'волонтер'), ('society', 'благодійний'), ('society', 'садочок'),
    ('society', 'дитячий садок'), ('society', 'укриття'), ('society', 'електропостачання'),
    ('society', 'відключення'), ('society', 'поселок'), ('society', 'мост'),
    ('society', 'пенсионер'), ('society', 'бедность'), ('society', 'религия'),
    ('society', 'пасха'), ('society', 'рождество'), ('society', 'снег'), ('society', 'жара'),
    ('society', 'снегопад'), ('society', 'оползень'), ('society', 'засуха'),
    ('society', 'климат'), ('society', 'спасение'), ('society', 'спасти'),
    ('society', 'несчастный случай'), ('society', 'взрыв'), ('society', 'благотворительный'),
    ('society', 'детсад'), ('society', 'стройплощадка'), ('society', 'строительство'),
    ('society', 'благоустройство'), ('society', 'юридический помощь'),
    ('society', 'бесплатный'), ('society', 'горка'), ('society', 'каток'),
    ('society', 'зацепер'), ('society', 'ледовый дворец'), ('society', 'школьник'),
    ('society', 'прием гражданин'), ('society', 'название улица'), ('society', 'отопление')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('culture', 'art'), ('culture', 'painter'), ('culture', 'sculpture'),
    ('culture', 'gallery'), ('culture', 'author'), ('culture', 'novelist'), ('culture', 'poet'),
    ('culture', 'poetry'), ('culture', 'memoir'), ('culture', 'literary'),
    ('culture', 'publisher'), ('culture', 'oscar'), ('culture', 'grammy'), ('culture', 'emmy'),
    ('culture', 'cannes'), ('culture', 'berlinale'), ('culture', 'film festival'),
    ('culture', 'film figure'), ('culture', 'filmmaker'), ('culture', 'documentary'),
    ('culture', 'television'), ('culture', 'tv series'), ('culture', 'sitcom'),
    ('culture', 'carnival'), ('culture', 'heritage'), ('culture', 'monument'),
    ('culture', 'architecture'), ('culture', 'dance'), ('culture', 'dancer'),
    ('culture', 'choir'), ('culture', 'orchestra'), ('culture', 'composer'),
    ('culture', 'rapper'), ('culture', 'pop star'), ('culture', 'box office'),
    ('culture', 'поет'), ('culture', 'поезія'), ('culture', 'художник'),
    ('culture', 'скульптура'), ('culture', 'галерея'), ('culture', 'оскар'),
    ('culture', 'кінофестиваль'), ('culture', 'документальний фільм'), ('culture', 'серіал'),
    ('culture', 'пісня'), ('culture', 'кліп'), ('culture', 'прем''єра'),
    ('culture', 'спадщина'), ('culture', 'пам''ятка'), ('culture', 'танець'),
    ('culture', 'хор'), ('culture', 'оркестр'), ('culture', 'композитор'), ('culture', 'репер'),
    ('culture', 'поэт'), ('culture', 'поэзия'), ('culture', 'режиссер'),
    ('culture', 'кинофестиваль'), ('culture', 'сериал'), ('culture', 'песня'),
    ('culture', 'наследие'), ('culture', 'памятник'), ('culture', 'танец'),
    ('culture', 'рэпер'), ('culture', 'boy band'), ('culture', 'girl band'),
    ('culture', 'pop band'), ('culture', 'rock band'), ('culture', 'late night host'),
    ('culture', 'docu series'), ('culture', 'hollywood'), ('culture', 'голлівуд'),
    ('culture', 'голливуд')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('sport', 'winter game'), ('sport', 'olympic game'), ('sport', 'semifinal'),
    ('sport', 'quarterfinal'), ('sport', 'cricket'), ('sport', 'rugby'), ('sport', 'golf'),
    ('sport', 'formula one'), ('sport', 'f1'), ('sport', 'grand prix'), ('sport', 'marathon'),
    ('sport', 'athletics'), ('sport', 'wrestling'), ('sport', 'ufc'), ('sport', 'boxer'),
    ('sport', 'snowboard'), ('sport', 'luge'), ('sport', 'premier league'),
    ('sport', 'champion league'), ('sport', 'la liga'), ('sport', 'serie a'),
    ('sport', 'bundesliga'), ('sport', 'super bowl'), ('sport', 'wimbledon'),
    ('sport', 'us open'), ('sport', 'australian open'), ('sport', 'fc'),
    ('sport', 'midfielder'), ('sport', 'goalkeeper'), ('sport', 'stadium'),
    ('sport', 'гравець'), ('sport', 'кубок'), ('sport', 'півфінал'), ('sport', 'гол'),
    ('sport', 'стадіон'), ('sport', 'вболівальник'), ('sport', 'легкий атлетика'),
    ('sport', 'плавання'), ('sport', 'біатлон'), ('sport', 'лижа'),
    ('sport', 'фігурний катання'), ('sport', 'шахи'), ('sport', 'боксер'),
    ('sport', 'єдиноборство'), ('sport', 'спортсмен'), ('sport', 'спортсменка'),
    ('sport', 'игрок'), ('sport', 'полуфинал'), ('sport', 'стадион'), ('sport', 'болельщик'),
    ('sport', 'плавание'), ('sport', 'биатлон'), ('sport', 'лыжа'),
    ('sport', 'фигурный катание'), ('sport', 'шахматы')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('health', 'ebola'), ('health', 'mpox'), ('health', 'cholera'), ('health', 'malaria'),
    ('health', 'polio'), ('health', 'flu'), ('health', 'influenza'),
    ('health', 'virus outbreak'), ('health', 'infection'), ('health', 'mental health'),
    ('health', 'healthcare'), ('health', 'health care'), ('health', 'clinic'),
    ('health', 'nurse'), ('health', 'drug maker'), ('health', 'pharmaceutical'),
    ('health', 'pharma'), ('health', 'medication'), ('health', 'obesity'),
    ('health', 'heart disease'), ('health', 'overdose'),
    ('health', 'world health organization'), ('health', 'public health'),
    ('health', 'life expectancy'), ('health', 'symptom'), ('health', 'медик'),
    ('health', 'медсестра'), ('health', 'ліки'), ('health', 'препарат'), ('health', 'інфекція'),
    ('health', 'обстеження'), ('health', 'ендопротез'), ('health', 'кір'),
    ('health', 'поліомієліт'), ('health', 'холера'), ('health', 'воз'), ('health', 'лекарство'),
    ('health', 'инфекция'), ('health', 'обследование'), ('health', 'корь'),
    ('health', 'минздрав'), ('health', 'поликлиника'), ('health', 'cdc'),
    ('health', 'center for disease control'), ('health', 'transplant'),
    ('health', 'organ transplant'), ('health', 'трансплантація'), ('health', 'трансплантация')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('tech', 'ai agent'), ('tech', 'chatbot'), ('tech', 'deepseek'), ('tech', 'alibaba'),
    ('tech', 'huawei'), ('tech', 'google'), ('tech', 'microsoft'), ('tech', 'nvidia'),
    ('tech', 'tesla'), ('tech', 'spacex'), ('tech', 'starlink'), ('tech', 'tiktok'),
    ('tech', 'tech'), ('tech', 'big tech'), ('tech', 'tech company'), ('tech', 'tech firm'),
    ('tech', 'digital'), ('tech', 'algorithm'), ('tech', 'chip'), ('tech', 'chipmaker'),
    ('tech', 'crypto'), ('tech', 'bitcoin'), ('tech', 'blockchain'), ('tech', 'cyber'),
    ('tech', 'cybersecurity'), ('tech', 'hack'), ('tech', 'deepfake'), ('tech', 'humanoid'),
    ('tech', 'robotics'), ('tech', 'electric vehicle'), ('tech', 'ev'),
    ('tech', 'rocket launch'), ('tech', 'astronaut'), ('tech', 'scientist'),
    ('tech', 'physics'), ('tech', 'telescope'), ('tech', 'climate study'),
    ('tech', 'innovation'), ('tech', 'mobile phone'), ('tech', 'gadget'), ('tech', 'чат-бот'),
    ('tech', 'додаток'), ('tech', 'соцмережа'), ('tech', 'чип'), ('tech', 'біткоїн'),
    ('tech', 'кібер'), ('tech', 'хакери'), ('tech', 'робот'), ('tech', 'космос'),
    ('tech', 'науковець'), ('tech', 'вчений'), ('tech', 'ии'), ('tech', 'приложение'),
    ('tech', 'соцсеть'), ('tech', 'биткоин'), ('tech', 'ученый'), ('tech', 'social network'),
    ('tech', 'laboratory'), ('tech', 'lab grow'), ('tech', 'lab make'), ('tech', 'physicist'),
    ('tech', 'astronomer'), ('tech', 'paleontologist'), ('tech', 'palaeontologist'),
    ('tech', 'archaeologist'), ('tech', 'fossil'), ('tech', 'dinosaur'), ('tech', 'volcano'),
    ('tech', 'volcanologist'), ('tech', 'geologist'), ('tech', 'biologist'), ('tech', 'genome'),
    ('tech', 'dna'), ('tech', 'neanderthal'), ('tech', 'mars'), ('tech', 'moon mission'),
    ('tech', 'esa'), ('tech', 'spacecraft'), ('tech', 'satellite launch'), ('tech', 'фізик'),
    ('tech', 'астроном'), ('tech', 'палеонтолог'), ('tech', 'археолог'), ('tech', 'генетик'),
    ('tech', 'днк'), ('tech', 'вулкан'), ('tech', 'марс'), ('tech', 'физик')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;

WITH new_rules (topic, keyword) AS (VALUES
    ('crime', 'police say'), ('crime', 'shoot'), ('crime', 'shooter'), ('crime', 'gunman'),
    ('crime', 'shotgun'), ('crime', 'firearm'), ('crime', 'smuggler'), ('crime', 'kidnap'),
    ('crime', 'kidnapper'), ('crime', 'traffick'), ('crime', 'trafficker'),
    ('crime', 'assault'), ('crime', 'rape'), ('crime', 'sexual assault'),
    ('crime', 'sexual misconduct'), ('crime', 'abuse'), ('crime', 'indict'),
    ('crime', 'indictment'), ('crime', 'convict'), ('crime', 'conviction'),
    ('crime', 'sentence'), ('crime', 'jail'), ('crime', 'scam'), ('crime', 'scammer'),
    ('crime', 'money launder'), ('crime', 'extortion'), ('crime', 'cartel'),
    ('crime', 'narcotic'), ('crime', 'fentanyl'), ('crime', 'theft'), ('crime', 'steal'),
    ('crime', 'burglary'), ('crime', 'terrorist'), ('crime', 'terrorism charge'),
    ('crime', 'attack plot'), ('crime', 'manslaughter'), ('crime', 'miss woman'),
    ('crime', 'підозрюваний'), ('crime', 'обвинуватити'), ('crime', 'обвинувачення'),
    ('crime', 'кримінальний справа'), ('crime', 'розкрадання'), ('crime', 'викрадення'),
    ('crime', 'стрілянина'), ('crime', 'зброя'), ('crime', 'згвалтування'),
    ('crime', 'насильство'), ('crime', 'хабарництво'), ('crime', 'сбу затримати'),
    ('crime', 'ув''язнений'), ('crime', 'тюрма'), ('crime', 'в''язниця'), ('crime', 'терорист'),
    ('crime', 'теракт'), ('crime', 'обвиняемый'), ('crime', 'обвинение'),
    ('crime', 'уголовный дело'), ('crime', 'мошенничество'), ('crime', 'хищение'),
    ('crime', 'похищение'), ('crime', 'убийца'), ('crime', 'стрельба'),
    ('crime', 'изнасилование'), ('crime', 'насилие'), ('crime', 'взяточничество'),
    ('crime', 'тюрьма'), ('crime', 'заключённый'), ('crime', 'террорист'),
    ('crime', 'мінування'), ('crime', 'минирование'), ('crime', 'bomb threat'),
    ('crime', 'повідомлення про замінування')
)
INSERT INTO topic_keywords (topic, keyword)
SELECT topic, keyword FROM new_rules WHERE topic IN (SELECT slug FROM topics)
ON CONFLICT DO NOTHING;
