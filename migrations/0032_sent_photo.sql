-- 0032: the photo a story's message was sent with (its image URL; NULL for a text message,
-- and for messages sent before this migration). An edit that changes the story's image
-- replaces the photo of a posted photo message (editMessageMedia) when it differs from this;
-- where it is NULL the photo is not known, and an edit changes the caption only, as before.
ALTER TABLE outbox ADD COLUMN sent_photo TEXT;
