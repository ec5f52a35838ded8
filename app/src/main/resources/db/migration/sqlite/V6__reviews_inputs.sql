-- What a finished review's verdict depended on (base, maintainer history and approval, rules and the
-- benchmark definitions it looked up), so that a repeat delivery of the same head can stop early.
-- Null: no finished review to trust (an older row, a closed pull request): review again.
ALTER TABLE reviews ADD COLUMN inputs TEXT;
