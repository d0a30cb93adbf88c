-- 0012: embargoed stories and datelines (both stores: the SQL is the same).

-- A story whose published_at lies in the future is embargoed: stored, shown to admins, kept
-- from readers until then (every reader-facing query asks for published_at <= now). The
-- poller marks the ones it kept back (1) and posts each when its time comes, whatever an edit
-- made of published_at meanwhile (bot/delivery/poller.py); it clears the mark then (0).
ALTER TABLE articles ADD COLUMN embargoed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_embargoed ON articles(published_at) WHERE embargoed = 1;

-- Where the story was filed ("Kyiv"), shown by the templates with the source's name.
ALTER TABLE articles ADD COLUMN dateline TEXT;
