-- PostgreSQL's 0016 (0016_dateline_edits.sql is SQLite's): a changed dateline is an edit. The
-- edit trigger of 0001 is replaced by the same trigger with the dateline among its columns;
-- it still runs the edit function of 0001 (the next revision and an 'edit' in the log).
DROP TRIGGER IF EXISTS articles_au ON articles;
CREATE TRIGGER articles_au BEFORE UPDATE OF title, lead, image_url, url, tags, dateline
    ON articles
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.lead IS DISTINCT FROM NEW.lead
          OR OLD.image_url IS DISTINCT FROM NEW.image_url OR OLD.url IS DISTINCT FROM NEW.url
          OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.dateline IS DISTINCT FROM NEW.dateline)
    EXECUTE FUNCTION newsbot_article_edit();
