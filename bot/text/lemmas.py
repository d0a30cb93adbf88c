"""Words to lemmas (dictionary forms): the one place that knows the lemmatizer. Pure, cached.

Keyword rules, the search index, /search and /follow all compare what `lemmas()` returns,
so "Києві" and "Київ" meet at "київ", "посла" and "послом" at "посол", while "посолити"
(to salt) stays "солити" and "ракетка" (a tennis racket) stays "ракетка", not "ракета".

The lemmatizer is simplemma (dictionaries for Ukrainian, Russian, English and more, no
dependencies), checked for Ukrainian and Russian against pymorphy3's full morphological
dictionaries. simplemma's lack many words and forms that news uses ("піаніста",
"колайдера", "кассетными") and file some under other words ("дорожный" under "знак",
"броня" under "Броніслава"): a Cyrillic word simplemma does not know, or files under a
lemma pymorphy3's dictionary does not give it, gets pymorphy3's (the word itself where it is
one of its dictionary forms, so "нато" stays "нато", not the name "Ната"; a participle's own
form, so "обвиняемый" is not "обвинять"); a word neither knows gets simplemma's guess. Where
both languages are possible, the one whose dictionary knows the word goes first ("время" is
Russian). bench/tagging.py measures how many forms of the rules' words meet their rule (0.97;
0.85 with simplemma alone) and compares pymorphy3 first on the headlines.

Each word is looked up with a capital first letter, so that proper nouns resolve the same
way whatever case a reader types ("києві" -> "Київ", not "кий" the cue stick); all-capital
short words are acronyms and stay as they are ("US" is not "we", "ЗСУ" not a word form), and
so do words of one or two letters; but a Cyrillic one of four letters or more that a
dictionary knows as a word, never as an abbreviation, is a word of a headline in capitals
("ВИБУХИ" is "вибух"), and an acronym with a case ending is the acronym ("КАБами"). The
language comes from the word's own letters: і ї є ґ are Ukrainian, ы э ъ ё Russian; other
Cyrillic is tried in the text's language first, then the other (`text_language`: Russian
where more of the text's words are Russian than Ukrainian, by their letters or by the one
dictionary that knows them, else Ukrainian; "нового мира" is "новый мир" in a Russian
story, "новий миро" alone); Latin is English. A
Russian word pymorphy3's dictionary ranks one lemma first for (by frequency) takes that one
("рака" is "рак", cancer, not a shrine). Russian "ё" is looked up as written and folded to
"е" in every lemma, since Russian news mostly prints "е" for it ("вертолёт" and "вертолет",
"наёмник" and "наемник" meet). A woman's title or trade is the man's lemma ("міністерка" is
"міністр", "журналистка" "журналист", "spokeswoman" "spokesman": `masculine`; the forms of
one no dictionary knows yet too, by its nominative: "посолки" is "посол"), and Latin
look-alike letters inside a Cyrillic word are Cyrillic ("Мiнiстр" with a Latin "i"). A
common noun's own dictionary form is not a person's name ("влада" is not "Влад"'s).

One lemma a word is the most likely reading, and a word of one lemma ("посолити") must not
meet a rule of another ("посол"). A rule of several words is read in context instead: it
meets a run of words each of which may stand for its word (`readings`: "Золота бутса" is
"золото бутсы" word by word, but "золота" may be "золотий" and "бутса" is "бутса", so the
rule "золотий бутса" meets it, and every agreed form of it: "Золотої бутси", "золоті бутси").
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

import simplemma

__all__ = [
    "cleaned",
    "lemma",
    "lemma_text",
    "lemmas",
    "masculine",
    "normalize_word",
    "reachable",
    "readings",
    "spoken_language",
    "text_language",
    "text_readings",
    "word_lemmas",
    "word_readings",
    "words",
]

_APOSTROPHES = re.compile(r"[\u2019\u02bc\u2018`\u00b4\u02b9\u2032]")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2212]")
# A word: letters or digits, with apostrophes or hyphens inside ("прем'єр-міністр", "G7").
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъё]")
_ACRONYM_MAX = 6
_SHORT = 2  # words this short stay as written: dictionaries map "ai" to "be", "us" to "we"

Languages = tuple[str, ...]

# Where the dictionary is wrong for news. simplemma files every form of "прем'єр" (a prime
# minister) under "прем'єра" (a premiere): these forms are the premier's alone ("прем'єра",
# "прем'єру" are both words' and stay with the premiere). Keep this table small: each entry
# is a form, measured wrong on our headlines, and its lemma.
EXCEPTIONS: dict[str, str] = {
    "прем'єр": "прем'єр",
    "прем'єром": "прем'єр",
    "прем'єрові": "прем'єр",
    "прем'єрів": "прем'єр",
}


def cleaned(text: str) -> str:
    """A text as its words are read: NFKC, one kind of apostrophe, "-" for dashes."""
    return _DASHES.sub("-", _APOSTROPHES.sub("'", unicodedata.normalize("NFKC", text or "")))


def words(text: str) -> list[str]:
    """The words of a text as written (NFKC; one kind of apostrophe; "-" for dashes)."""
    return _WORD.findall(cleaned(text))


# Latin letters that look like Cyrillic ones (casefolded): typed inside a Cyrillic word by a
# keyboard without "і" or pasted from such text ("Мiнiстр" with a Latin "i" twice).
_HOMOGLYPHS = str.maketrans("aceiopxykmhtbïé", "асеіорхукмнтвїе")


def has_cyrillic(text: str) -> bool:
    """Whether a text has a Cyrillic letter (a Ukrainian or Russian word in it)."""
    return _CYRILLIC.search(text) is not None


def _casefold(word: str) -> str:
    """Casefolded, one kind of apostrophe: a word as the dictionary is asked for it; a
    Cyrillic word with Latin look-alikes in it as all Cyrillic ("мiнiстр" is "міністр")."""
    folded = _APOSTROPHES.sub("'", unicodedata.normalize("NFKC", word)).casefold()
    if _CYRILLIC.search(folded) and _LATIN.search(folded):
        cyrillic = folded.translate(_HOMOGLYPHS)
        if not _LATIN.search(cyrillic):
            return cyrillic
    return folded


def normalize_word(word: str) -> str:
    """Casefolded, one kind of apostrophe, "ё" as "е" (what a lemma is compared as)."""
    return _casefold(word).replace("ё", "е")


def text_language(text: str) -> str:
    """How a text's Cyrillic words that both languages share are read: "ru" where more of
    its words are Russian than Ukrainian, else "uk" ("нового мира" in a Russian story is
    "новый мир", not "новий миро"); see `spoken_language`."""
    return spoken_language(text) or "uk"


def spoken_language(text: str) -> str | None:
    """The language a text's words say, "uk" or "ru"; None where they do not (no word says
    one, or as many say each). A word is Russian by a letter only Russian has (ы э ъ ё) or by
    being a word only the Russian dictionary knows ("условия", "обсудили"), Ukrainian
    likewise (і ї є ґ; "умови")."""
    counts = {"uk": 0, "ru": 0}
    for word in words(text):
        language = _word_language(_casefold(word))
        if language:
            counts[language] += 1
    if counts["uk"] == counts["ru"]:
        return None
    return "ru" if counts["ru"] > counts["uk"] else "uk"


def _word_language(folded: str) -> str | None:
    """The language a Cyrillic word itself says, if it says one."""
    if not _CYRILLIC.search(folded):
        return None
    if _UKRAINIAN_ONLY.search(folded):
        return "uk"
    if _RUSSIAN_ONLY.search(folded):
        return "ru"
    if sum(c.isalpha() for c in folded) <= _SHORT:
        return None
    known = [lang for lang in MORPHOLOGY if morphology_forms(folded, lang)]
    return known[0] if len(known) == 1 else None


def _languages(folded: str, language: str = "uk") -> Languages:
    if _CYRILLIC.search(folded):
        if _UKRAINIAN_ONLY.search(folded):
            return ("uk",)
        if _RUSSIAN_ONLY.search(folded):
            return ("ru",)
        return ("ru", "uk") if language == "ru" else ("uk", "ru")
    if _LATIN.search(folded):
        return ("en",)
    return ()


# An acronym with a case ending written after it in lower case ("КАБами", "КАБів", "РЕБом"):
# Ukrainian and Russian noun endings.
_INFLECTED_ACRONYM = re.compile(
    rf"([А-ЯІЇЄҐЁ]{{2,{_ACRONYM_MAX}}})(?:ами|ями|ові|ів|ов|ам|ям|ах|ях|ом|ою|ой|и|і|ы|у|а|е)"
)


def _inflected_acronym(word: str, folded: str, langs: Languages) -> str | None:
    """The acronym of an inflected one (`folded`: the word casefolded) no dictionary knows as
    a word ("КАБами" is "каб"; "ФОПи" the dictionary knows as "фоп" itself)."""
    found = _INFLECTED_ACRONYM.fullmatch(unicodedata.normalize("NFKC", word))
    if found is None or _in_any_dictionary(folded, langs):
        return None
    return normalize_word(found.group(1))


_ACRONYM_TAGS = frozenset({"Abbr", "Fixd"})  # pymorphy3's abbreviations and indeclinables


def _shouted(folded: str, langs: Languages) -> bool:
    """Whether a short word in capitals is a word of an all-capital headline ("ВІЙНИ",
    "ВИБУХИ", "ТРИВАЄ"), not an acronym: Cyrillic of four letters or more, known to a
    dictionary, and never as an abbreviation or an indeclinable ("США", "СІЗО", "НАТО",
    "ЦНАП" stay as they are)."""
    if len(folded) < 4 or not _CYRILLIC.search(folded):
        return False
    parses = [parse for lang in langs for parse in _known_parses(folded, lang)]
    if not parses or any(_ACRONYM_TAGS & parse.tag.grammemes for parse in parses):
        return False
    # four letters: only a dictionary form ("РАДА", "УДАР"), since more acronyms spell
    # another word's form ("ВАКС", the anti-corruption court, is "вакса"'s genitive)
    return len(folded) > 4 or any(normalize_word(str(p.normal_form)) == folded for p in parses)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= _ACRONYM_MAX and all(c.isupper() for c in letters)


@lru_cache(maxsize=100_000)
def lemma(word: str, language: str = "uk") -> str:
    """The lemma of one word, normalized ("Києві" -> "київ", "missiles" -> "missile",
    "вертолёта" -> "вертолет"); a Cyrillic word of both languages is read in `language`
    first ("мира": "миро" in Ukrainian, "мир" in Russian)."""
    folded = _casefold(word)
    if folded in EXCEPTIONS:
        return EXCEPTIONS[folded]
    langs = _languages(folded, language)
    if langs == ("en",) and folded.endswith("'s"):  # "NASA's" is "NASA"
        return lemma(word[:-2], language)
    letters = sum(c.isalpha() for c in folded)
    if not langs or letters <= _SHORT or (_is_acronym(word) and not _shouted(folded, langs)):
        return normalize_word(folded)
    if acronym := _inflected_acronym(word, folded, langs):
        return acronym
    capitalized = folded[:1].upper() + folded[1:]
    found = normalize_word(_lookup(capitalized, langs, named=word[:1].isupper()) or folded)
    if found == normalize_word(folded) and (man := _unknown_womans_form(folded, langs)):
        return man
    if found == normalize_word(folded) and (noun := _unknown_plural(folded, langs)):
        return noun
    if not found.endswith(_WOMENS_ENDINGS):
        return found
    # the language whose dictionary knows the lemma ("горка", a hill, is Russian, not the
    # Ukrainian highlander woman), else the first
    lang = langs[0]
    if len(langs) > 1:
        lang = next((la for la in langs if _in_dictionary(found, la)), lang)
    return masculine(found, lang) or found


# A woman's title or trade is its man's lemma: "міністерка" is "міністр", "речниця"
# "речник", "журналистка" "журналист", "spokeswoman" "spokesman", so that a rule, a search
# or a follow of either meets both. By the dictionary, not by a list: a feminine suffix
# replaced by each masculine one, where pymorphy3 knows both words as nouns of persons
# (animate, not names; the woman's word first so: "митниця" is customs before a customs
# officer): "ракетка" (a racket) is no person, "Іванка" a name; a word neither dictionary
# knows yet ("посолка") where the man's is one.
FEMININE: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "uk": (
        ("ниця", ("ник", "ець")),  # речниця, переможниця
        ("ерка", ("р",)),  # міністерка
        ("чка", ("к",)),  # співачка, полячка
        ("їня", ("й",)),  # героїня
        ("киня", ("",)),  # членкиня
        ("иня", ("", "я")),  # психологиня, філологиня, суддиня
        ("еса", ("",)),  # поетеса
        ("ка", ("", "ець", "ин")),  # депутатка, американка, киянка
    ),
    "ru": (
        ("ница", ("ник", "ец", "")),  # помощница, писательница
        ("иня", ("й", "")),  # героиня, богиня
        ("есса", ("",)),  # поэтесса
        ("чка", ("к",)),  # казачка, полячка
        ("ка", ("", "ец", "ин")),  # журналистка, американка, горожанка
    ),
}


_WOMENS_ENDINGS = tuple({"woman", *(end for rules in FEMININE.values() for end, _ in rules)})
# The other forms of a woman's word no dictionary knows yet, and its nominative: "посолки",
# "посолку", "посолці" are "посолка"'s, "суддині" "суддиня"'s; what the dictionaries know
# they inflect themselves.
# fmt: off
WOMENS_FORMS: dict[str, tuple[tuple[str, str], ...]] = {
    "uk": (
        ("ницею", "ниця"), ("ницями", "ниця"), ("ницям", "ниця"), ("ницях", "ниця"),
        ("ниці", "ниця"), ("ницю", "ниця"), ("ниць", "ниця"),
        ("инею", "иня"), ("иням", "иня"), ("инями", "иня"), ("инях", "иня"),
        ("ині", "иня"), ("иню", "иня"), ("инь", "иня"),
        ("ками", "ка"), ("кам", "ка"), ("ках", "ка"), ("кою", "ка"), ("ки", "ка"),
        ("ку", "ка"), ("ці", "ка"), ("ок", "ка"),
    ),
    "ru": (
        ("ницами", "ница"), ("ницам", "ница"), ("ницах", "ница"), ("ницей", "ница"),
        ("ницы", "ница"), ("ницу", "ница"), ("нице", "ница"), ("ниц", "ница"),
        ("ками", "ка"), ("кам", "ка"), ("ках", "ка"), ("кой", "ка"), ("кою", "ка"),
        ("ки", "ка"), ("ку", "ка"), ("ке", "ка"), ("ок", "ка"),
    ),
}
# fmt: on
_WOMENS_FORMS_ENDINGS = tuple({end for forms in WOMENS_FORMS.values() for end, _ in forms})


def _unknown_womans_form(folded: str, langs: Languages) -> str | None:
    """The man's lemma of a form of a woman's word no dictionary knows ("посолки" of
    "посолка": "посол"), where the word itself is unknown to every dictionary of `langs`."""
    if not folded.endswith(_WOMENS_FORMS_ENDINGS):
        return None
    if _in_any_dictionary(folded, langs):
        return None
    for lang in langs:
        for ending, nominative in WOMENS_FORMS.get(lang, ()):
            if folded.endswith(ending) and len(folded) - len(ending) > _SHORT:
                found = masculine(folded[: -len(ending)] + nominative, lang)
                if found:
                    return found
    return None


@lru_cache(maxsize=100_000)
def masculine(word: str, lang: str) -> str | None:
    """The man's lemma of a woman's title or trade (`FEMININE`), else None."""
    if lang not in MORPHOLOGY:
        if lang != "en" or not word.endswith("woman") or word == "woman":
            return None
        man = word[: -len("woman")] + "man"
        return man if _known(man, "en") else None
    parses = _known_parses(word, lang)
    if parses and not _is_person(parses[:1], word, "femn"):
        return None  # "митниця" is customs first, "шишка" a cone, "Іванка" a name
    if not parses and _known(word, lang):
        return None  # simplemma's word pymorphy3's dictionary lacks: nothing to tell by
    for suffix, replacements in FEMININE.get(lang, ()):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            men = [
                man
                for man in (stem + ending for ending in replacements)
                if len(man) > _SHORT and _is_person(_known_parses(man, lang), man, "masc")
            ]
            if men:  # of two ("переможник", "переможець"), the one simplemma's corpora know
                return next((man for man in men if _known(man, lang)), men[0])
    return None


def _is_person(parses: tuple[Any, ...], word: str, gender: str) -> bool:
    """Whether one of these parses of a lemma is a noun of a person of this gender, not a
    name."""
    return any(
        {"NOUN", "anim", gender} <= parse.tag.grammemes
        and not _PROPER & parse.tag.grammemes
        and normalize_word(str(parse.normal_form)) == word
        for parse in parses
    )


# simplemma's dictionaries read from their compressed streams, not unpacked into dicts: the
# same lemmas, about 50 MB for Ukrainian and Russian where dicts took about 260 MB (a lookup
# takes some 30 µs; `lemma` caches each word's).
LOW_MEMORY = True


def _known(word: str, lang: str) -> bool:
    return simplemma.is_known(word, lang, low_memory=LOW_MEMORY)


# The plural endings of a noun no dictionary knows yet (a loanword, a new word of the war:
# "шахедів", "старлінками", "дипфейки"), whose singular pymorphy3 predicts by analogy with
# the nouns it knows. Singular forms are left as they are: an unknown word in "-а", "-у" or
# "-ом" is as often a name ("Умєрова", "Пісторіуса") as a noun, and a guess would split it.
_UNKNOWN_PLURAL = {"uk": ("ами", "ів", "ах", "и"), "ru": ("ами", "ов", "ах", "ы")}
# A masculine singular: a feminine or neuter guess ("мавіками": "мавіка") is too often
# wrong, and so is "-ц" of a vowel that drops ("вагнеровцах" is "вагнеровец"'s).
_CONSONANT_END = re.compile(r"[бвгґджзклмнпрстфхчшщ]$")


def _unknown_plural(folded: str, langs: Languages) -> str | None:
    """The singular of a plural form of a masculine noun no dictionary of `langs` knows, as
    pymorphy3 predicts it ("шахедів", "шахедами", "шахеди": "шахед")."""
    lang = langs[0]
    if lang not in MORPHOLOGY or not folded.endswith(_UNKNOWN_PLURAL[lang]):
        return None
    if _in_any_dictionary(folded, langs):
        return None
    parses = _analyzer(lang).parse(folded)
    best = parses[0] if parses else None
    if best is None or best.tag.POS != "NOUN" or "plur" not in best.tag:
        return None
    if {"Surn", "Patr"} & set(best.tag.grammemes):
        return None
    singular = str(best.normal_form)
    if len(singular) < 4 or not _CONSONANT_END.search(singular):
        return None
    return normalize_word(singular)


def _in_dictionary(word: str, lang: str) -> bool:
    """Whether pymorphy3's or simplemma's dictionary of `lang` knows a lower-case word."""
    return bool(_known_parses(word, lang)) or _known(word, lang)


def _in_any_dictionary(word: str, langs: Languages) -> bool:
    """Whether a dictionary of any of `langs` knows a lower-case word (the unknown words'
    readings, an inflected acronym, a woman's or a plural form, are for words none knows)."""
    return any(_in_dictionary(word, lang) for lang in langs)


def _lookup(word: str, langs: Languages, *, named: bool = True) -> str:
    """The word's lemma in the first language whose dictionary knows it (pymorphy3's order
    first): pymorphy3's most likely where it ranks one (`RANKED`), else simplemma's unless
    pymorphy3's dictionary gives the word other lemmas, else pymorphy3's; a word none knows
    gets simplemma's guess in the first language. A word written in lower case (not
    `named`) may be a common noun's form that simplemma files under a name: `_more_common`."""
    lower = word.lower()
    if len(langs) > 1:
        first = tuple(lang for lang in langs if morphology_forms(lower, lang))
        langs = first + tuple(lang for lang in langs if lang not in first)
    if langs[0] in RANKED and (likely := ranked_lemma(lower, langs[0])):
        return likely
    for lang in langs:
        if _known(word, lang) or _known(lower, lang):
            found = simplemma.lemmatize(word, lang=lang, low_memory=LOW_MEMORY)
            forms = morphology_forms(lower, lang)
            if forms and normalize_word(found) not in forms:
                return morphology_lemma(lower, lang) or found
            if _name_over_word(lower, normalize_word(found), lang):
                return lower
            return found if named else _more_common(lower, found, lang, forms)
    for lang in langs:
        known = morphology_lemma(lower, lang)
        if known:
            return known
    return simplemma.lemmatize(word, lang=langs[0], low_memory=LOW_MEMORY)


def _more_common(lower: str, found: str, lang: str, forms: tuple[str, ...]) -> str:
    """For a word written in lower case: of the lemma simplemma gives it looked up with a
    capital (`found`: "київ" of "києві", where "києві" alone is "кий", a cue) and the one it
    gives the word in lower case, the one more common in the language (wordfreq), where both
    are among the dictionary forms pymorphy3 gives the word: "газу" is "газ", gas, not "Газа"
    (Gaza), while "Гази" written with a capital stays Gaza's. For a language whose lemmas
    pymorphy3 does not rank by frequency (`RANKED`) and wordfreq knows (`FREQUENCIES`)."""
    if lang not in FREQUENCIES or not forms:
        return found
    other = simplemma.lemmatize(lower, lang=lang, low_memory=LOW_MEMORY)
    chosen, alternative = normalize_word(found), normalize_word(other)
    if alternative == chosen or alternative not in forms or chosen not in forms:
        return found
    return other if _zipf(alternative, lang) > _zipf(chosen, lang) else found


# The languages whose word frequencies choose between two lemmas: not Russian, whose lemmas
# pymorphy3 ranks itself (`RANKED`).
FREQUENCIES = ("uk",)


@lru_cache(maxsize=100_000)
def _zipf(word: str, lang: str) -> float:
    """How common a lower-case word is in a language, on wordfreq's Zipf scale (7 is "the",
    0 a word under its small list's one in a million): the small list, about 8 MB a
    language in memory where the large one takes about 80."""
    from wordfreq import zipf_frequency  # loaded on the first word it is asked of

    return float(zipf_frequency(word, lang, wordlist="small"))


FUNCTION_WORD_ZIPF = 6.5  # "the", "and", "і", "на", "и", "это"; not "new", "one", "people"


def is_function_word(word: str) -> bool:
    """Whether a word is among the commonest of English, Ukrainian or Russian ("the", "or",
    "і", "на", "и"): nearly every story has it."""
    folded = _casefold(word)
    return any(_zipf(folded, lang) >= FUNCTION_WORD_ZIPF for lang in ("en", "uk", "ru"))


def only_function_words(text: str) -> bool:
    """Whether every word of a text is a function word ("a", "in the", "на"): a follow, a
    keyword rule or an edition's word made of them would meet nearly every story."""
    typed = words(text)
    return bool(typed) and all(is_function_word(word) for word in typed)


MORPHOLOGY = ("uk", "ru")  # the languages pymorphy3 has dictionaries of here
# Where pymorphy3 ranks a word's lemmas by how often each is meant (its Russian dictionary
# has frequencies; the Ukrainian one does not): its first is the lemma ("рака" is "рак",
# cancer, where simplemma has "рака", a shrine; "банки" "банк", not "банка").
RANKED = ("ru",)


@cache
def _analyzer(lang: str) -> Any:
    import pymorphy3  # loaded on the first Cyrillic word (0.4 s, 30 MB)

    logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # not "Loading dictionaries"
    return pymorphy3.MorphAnalyzer(lang=lang)


def _normal_form(parse: Any) -> str:
    """A parse's dictionary form; a participle's is its own (masculine, nominative): the
    accused ("обвиняемый") and a prisoner ("заключенный") are not the verbs."""
    if "PRTF" in parse.tag:
        form = parse.inflect({"masc", "sing", "nomn"})
        if form is not None:
            return str(form.word)
    return str(parse.normal_form)


@lru_cache(maxsize=100_000)
def _known_parses(word: str, lang: str) -> tuple[Any, ...]:
    """pymorphy3's parses of a lower-case word from its dictionary, most likely first; none
    for a language it has no dictionary of."""
    if lang not in MORPHOLOGY:
        return ()
    return tuple(parse for parse in _analyzer(lang).parse(word) if parse.is_known)


@lru_cache(maxsize=100_000)
def morphology_forms(word: str, lang: str) -> tuple[str, ...]:
    """The dictionary forms pymorphy3 gives a lower-case word, most likely first; none for a
    word its dictionary does not know, or a language it has no dictionary of."""
    forms = (_normal_form(parse) for parse in _known_parses(word, lang))
    return tuple(dict.fromkeys(normalize_word(form) for form in forms))


_PROPER = frozenset({"Name", "Surn", "Patr"})


@lru_cache(maxsize=100_000)
def ranked_lemma(word: str, lang: str) -> str | None:
    """The lemma pymorphy3 finds more likely than any other for a lower-case word (by its
    best parse's score), a common word's before a person's name ("майка" is a vest, not
    Mike's); None when its dictionary does not know the word or ranks two lemmas alike
    (scores it has no frequencies for: "попали" is "попасть" or "попалить")."""
    parses = _known_parses(word, lang)
    common = [parse for parse in parses if not _PROPER & parse.tag.grammemes]
    best: dict[str, float] = {}
    for parse in common or parses:
        form = normalize_word(_normal_form(parse))
        best[form] = max(best.get(form, 0.0), parse.score)
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _name_over_word(word: str, found: str, lang: str) -> bool:
    """Whether simplemma filed a word that is a common noun's own dictionary form under a
    person's name alone ("влада", the authorities, under "Влад", whose genitive it is, while
    "влади" and "владу" are "влада"): the word's lemma is then the word."""
    parses = _known_parses(word, lang)
    common = {normalize_word(_normal_form(p)) for p in parses if not _PROPER & p.tag.grammemes}
    names = {normalize_word(_normal_form(p)) for p in parses if _PROPER & p.tag.grammemes}
    return found in names and found not in common and normalize_word(word) in common


def morphology_lemma(word: str, lang: str) -> str | None:
    """pymorphy3's lemma of a lower-case word: the word itself where it is one of its
    dictionary forms, else the most likely; None when the dictionary does not know it."""
    forms = morphology_forms(word, lang)
    if not forms:
        return None
    return word if normalize_word(word) in forms else forms[0]


def reachable(word: str) -> bool:
    """Whether some form of a stored lemma has it as its lemma (in a text of the form's
    language), so that a rule of it can match: the word itself, or a form of a lexeme of it
    in pymorphy3's dictionaries ("грат" of "нон грата" is reached though "грат" itself is a
    form of "грати"), or an acronym as a headline writes it ("вакс" of "ВАКС", though "вакс"
    in lower case is a form of "вакса")."""
    if lemma(word) == word or lemma(word, "ru") == word or lemma(word.upper()) == word:
        return True
    if not _CYRILLIC.search(word):
        return False
    return any(
        any(lemma(str(form.word), lang) == word for form in parse.lexeme)
        for lang in MORPHOLOGY
        for parse in _known_parses(word, lang)
    )


@lru_cache(maxsize=100_000)
def word_lemmas(word: str, language: str = "uk") -> tuple[str, ...]:
    """The lemmas one written word stands for: a hyphenated word the dictionary knows is
    one ("прем'єр-міністра" -> "прем'єр-міністр"), as is one it knows with the last part's
    lemma ("прем'єр-міністерка"); any other is its parts ("NATO-led" -> "nato", "lead"), so
    that rules and searches find the words inside."""
    if "-" not in word:
        return (lemma(word, language),)
    folded = _casefold(word)
    capital = folded[:1].upper() + folded[1:]
    if folded in EXCEPTIONS or any(
        _known(capital, lang) or _known(folded, lang) for lang in _languages(folded)
    ):
        return (lemma(word, language),)
    parts = [part for part in word.split("-") if part]
    found = tuple(lemma(part, language) for part in parts)
    joined = "-".join([*map(normalize_word, parts[:-1]), found[-1]]) if parts else ""
    if joined != normalize_word(folded) and any(
        _known(joined, lang) for lang in _languages(joined)
    ):
        return (lemma(joined, language),)  # "прем'єр-міністерка" is "прем'єр-міністр"
    return found


@lru_cache(maxsize=100_000)
def word_readings(word: str, language: str = "uk") -> tuple[frozenset[str], ...]:
    """Every lemma each of a written word's lemmas (`word_lemmas`) may be: its own, and for
    a Cyrillic word the other dictionary forms pymorphy3 gives it in the word's languages
    ("золота": "золото" and "золотий"; "дані": "дані" and "даний"). The parts of a word read
    as parts are their lemmas alone."""
    found = word_lemmas(word, language)
    if len(found) != 1 or not _CYRILLIC.search(word):
        return tuple(frozenset((one,)) for one in found)
    folded = _casefold(word)
    other = (
        form for lang in _languages(folded, language) for form in morphology_forms(folded, lang)
    )
    return (frozenset((found[0], *other)),)


def readings(text: str, language: str | None = None) -> list[frozenset[str]]:
    """The lemmas each lemma of `lemmas(text, language)` may stand for, in the same order
    (the lemma itself among them): what a rule of several words is matched against."""
    language = language or text_language(text)
    return [found for word in words(text) for found in word_readings(word, language)]


def text_readings(text: str, language: str) -> Sequence[frozenset[str]]:
    """`readings`, or nothing for a text without a Cyrillic letter, whose words' readings
    are their lemmas alone: such a text is matched by its lemmas, without the cost."""
    return readings(text, language) if _CYRILLIC.search(text) else ()


def lemmas(text: str, language: str | None = None) -> list[str]:
    """The lemmas of a text's words, in order; the words both Ukrainian and Russian share
    read in `language`, by default the text's own (`text_language`)."""
    language = language or text_language(text)
    return [found for word in words(text) for found in word_lemmas(word, language)]


def fold(token: str) -> str:
    """A token as both search indexes compare it: lower case, Latin letters without their
    diacritics ("Café" -> "cafe"), other scripts as they are ("Їжак" -> "їжак"), as SQLite's
    FTS5 unicode61 tokenizer folds; PostgreSQL's index is built from folded tokens."""
    out: list[str] = []
    for char in token.lower():
        base = unicodedata.normalize("NFD", char)
        if len(base) > 1 and "LATIN" in unicodedata.name(base[0], ""):
            out.append(base[0])
        else:
            out.append(char)
    return "".join(out)


def lemma_text(*parts: str) -> str:
    """What the search index stores for a story: the lemmas of each part (headline, lead),
    folded, a part a line."""
    language = text_language("\n".join(parts))
    return "\n".join(
        " ".join(fold(lemma) for lemma in lemmas(part, language)) for part in parts if part
    )
