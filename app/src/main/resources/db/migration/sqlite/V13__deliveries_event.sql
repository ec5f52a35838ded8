-- The platform-neutral event each delivery means, read once by its platform's intake (issue 25):
-- the worker switches on it instead of reading the payload again. NULL for deliveries stored before.
ALTER TABLE deliveries ADD COLUMN pull_request_event TEXT;
