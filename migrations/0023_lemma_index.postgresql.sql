-- PostgreSQL's 0023 (0023_lemma_index.sql is SQLite's, with what it does).
UPDATE articles SET search_text = NULL WHERE search_text ~ '[а-яёіїєґ]';
