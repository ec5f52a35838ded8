-- What a model's card (README.md front matter) declares as its base_model, read where evalbot reads
-- the model repository (a review, a backfill). The Hub-shaped leaderboard leaves a model that declares
-- one out unless asked (?base_model=false). base_model: the ids, one per line; NULL when none.
CREATE TABLE model_cards (
    platform   TEXT    NOT NULL,
    repo       TEXT    NOT NULL,
    base_model TEXT,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (platform, repo)
);
