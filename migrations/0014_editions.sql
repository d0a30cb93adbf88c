-- 0014: per-channel editions (both stores: the SQL is the same). Each channel or forum topic
-- has its own language of the fixed words ("Читати далі" / "Read more"; NULL: the
-- CHANNEL_LANGUAGE setting), the languages of the stories it takes (comma-separated codes;
-- empty: every story; a story without a language goes everywhere), include and exclude
-- keyword rules (lemmas, a rule's words separated by spaces, rules by commas; empty: none)
-- and its template (a name under TEMPLATES_DIR; NULL: the shipped story template).
ALTER TABLE channels ADD COLUMN language TEXT;
ALTER TABLE channels ADD COLUMN story_languages TEXT NOT NULL DEFAULT '';
ALTER TABLE channels ADD COLUMN include_keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE channels ADD COLUMN exclude_keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE channels ADD COLUMN template TEXT;
