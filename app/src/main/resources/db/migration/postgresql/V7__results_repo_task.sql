-- The deviation check asks for the best known value of one model repository and task: an index on
-- exactly that, so the lookup reads the task's rows, not every row of the repository.
CREATE INDEX results_repo_task ON results (platform, repo, dataset_id, task_id);
