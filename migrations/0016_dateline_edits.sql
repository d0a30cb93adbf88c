-- 0016: a changed dateline is an edit. The dateline ("Київ • UNN", migration 0012) is part of
-- what a message shows, so changing only it now bumps the revision and logs an 'edit', like a
-- new title does: the poller edits the posts already sent. The edit trigger of 0001 is
-- replaced by the same trigger with the dateline among its columns (one trigger, so a story
-- whose title and dateline change at once is one edit, not two).
DROP TRIGGER IF EXISTS articles_au;
CREATE TRIGGER articles_au AFTER UPDATE OF title, lead, image_url, url, tags, dateline ON articles
WHEN OLD.title IS NOT NEW.title OR OLD.lead IS NOT NEW.lead
     OR OLD.image_url IS NOT NEW.image_url OR OLD.url IS NOT NEW.url
     OR OLD.tags IS NOT NEW.tags OR OLD.dateline IS NOT NEW.dateline
BEGIN
    UPDATE articles
       SET rev = OLD.rev + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
     WHERE id = NEW.id;
    INSERT INTO article_changes (article_id, kind) VALUES (NEW.id, 'edit');
END;
