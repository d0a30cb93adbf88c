-- 0037: a source's name as the newsroom gave it (an OPML outline's title or text on import),
-- kept apart from `title`, which the feed itself states and which each fetch refreshes. An
-- export writes the name, else the feed's title, so an OPML round trip keeps the editors'
-- names ("УНН — політика") instead of replacing them with the feeds' own titles or URLs.
ALTER TABLE sources ADD COLUMN name TEXT;
