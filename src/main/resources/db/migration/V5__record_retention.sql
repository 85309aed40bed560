-- Record retention: when a case's process ended (decided and its authorization ended, denial final, withdrawn).
-- Cases closed longer ago than the record-keeping period are purged with their determinations, information
-- submissions, authorization and renewal notice (RecordRetentionService), as Camunda's history cleanup removes
-- the process history at the same moment.
ALTER TABLE pa_request ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_pa_request_closed ON pa_request (closed_at);
