-- Whether the evaluation log a result's source cites agreed with it when it was reviewed: the log-checked mark.
ALTER TABLE results ADD COLUMN log_checked BOOLEAN NOT NULL DEFAULT FALSE;
