-- PostgreSQL's 0035 (0035_long_lexemes.sql is SQLite's, which has nothing to do).
-- 0035: a story whose lemmas hold a "word" too long for a tsvector is indexed without it.
-- PostgreSQL refuses a lexeme over 2047 bytes ("word is too long (5000 bytes, max 2047
-- bytes)") and a tsvector over 1 MB ("string is too long for tsvector": every occurrence's
-- bytes, and the distinct lexemes with their positions); the generated column
-- articles.search_tsv (0006) raised it, so writing the lemmas of a headline "TTTT..." of 5000
-- letters, of a lead of 1,100 Cyrillic letters without a space, or of a row another program
-- inserted with such a lead failed: `newsbot ingest` stopped, and the poller and the digests
-- failed on that row on every pass. Now the index leaves out each lexeme over 2047 bytes and
-- every lemma after the first megabyte or so (counted generously: a lemma's bytes and 6 for
-- its position, so neither limit is reached); the story is found by its other words.
-- SQLite's FTS5 has no such limits. Rows whose lemmas could not be written have none
-- (search_text IS NULL): the poller's next pass or `newsbot migrate` indexes them now.
-- A lemma of only backslashes (which the quoting drops) is left out too: it made an empty
-- lexeme, a syntax error.
CREATE OR REPLACE FUNCTION newsbot_lemma_tsv(lemmas text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        string_agg('''' || replace(w, '''', '''''') || '''' || ':' || least(i, 16383), ' ')::tsvector,
        ''::tsvector)
    FROM (
        SELECT w, i, sum(octet_length(w) + 6) OVER (ORDER BY i) AS size
          FROM (SELECT replace(w, '\', '') AS w, i
                  FROM unnest(regexp_split_to_array(lemmas, '\s+')) WITH ORDINALITY AS t(w, i)) words
         WHERE w <> '' AND octet_length(w) <= 2047
    ) sized
    WHERE size <= 1000000
$$;
