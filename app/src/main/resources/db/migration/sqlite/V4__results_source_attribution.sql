-- Who a result's source attributes it to: source.org, else source.user (Hub names), shown beside the source.
ALTER TABLE results ADD COLUMN source_attribution TEXT;
