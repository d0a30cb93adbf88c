-- 0036: a feed item's GUID (RSS <guid>, Atom <id>, JSON Feed `id`) names its story within its
-- source. A newsroom that corrects an item's link (a fixed slug, http:// become https://)
-- keeps the GUID: the stored story is the same one, its `url` is updated (the edit trigger
-- makes that an edit, and the posts are edited in place) instead of a second story being
-- stored and posted. Two sources may use the same GUID for different stories: the key is
-- (source_id, guid). Rows without a GUID (other writers, JSON Lines, feeds without usable
-- GUIDs, stories stored before this migration) are one story per URL, as before; a story
-- stored before gets its GUID the next time its feed lists it.
ALTER TABLE articles ADD COLUMN guid TEXT;
CREATE UNIQUE INDEX articles_source_guid ON articles(source_id, guid) WHERE guid IS NOT NULL;
