-- 0009: a rate budget several newsbots share (both stores: the SQL is the same).
-- In webhook mode every instance answers commands, but only the lease holder's limiter paces
-- the bot's messages. The replies of the other instances take their tokens from a bucket kept
-- here (bot/store/budget.py), refilled at FLEET_REPLY_RATE a second; the holder sends at
-- GLOBAL_RATE minus that, so the fleet stays within Telegram's limit for the one token.
CREATE TABLE rate_budgets (
    name    TEXT PRIMARY KEY,
    tokens  DOUBLE PRECISION NOT NULL,   -- what is left, at `at`
    at      DOUBLE PRECISION NOT NULL    -- Unix time of the last take
);
