-- Authorization lifecycle: status, renewal chain, renewal notices (outbox), withdrawal and appeals.
ALTER TABLE pa_authorization ADD COLUMN status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE pa_authorization ADD COLUMN previous_authorization_id VARCHAR(36);
ALTER TABLE pa_authorization ADD COLUMN superseded_by VARCHAR(36);
ALTER TABLE pa_authorization ADD COLUMN renewal_due_on DATE;
CREATE INDEX ix_pa_authorization_validity ON pa_authorization (member_id, valid_from, valid_to);

ALTER TABLE pa_request ADD COLUMN previous_authorization_id VARCHAR(36);
ALTER TABLE pa_request ADD COLUMN appeal_status VARCHAR(16);
ALTER TABLE pa_request ADD COLUMN appeal_reason VARCHAR(4000);
ALTER TABLE pa_request ADD COLUMN appeal_filed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE pa_request ADD COLUMN appeal_decided_by VARCHAR(128);
ALTER TABLE pa_request ADD COLUMN appeal_decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE pa_request ADD COLUMN appeal_decision_reason VARCHAR(4000);

-- Renewal notices issued when an authorization enters its renewal window, for intake systems to pick up.
CREATE TABLE pa_renewal_notice (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    authorization_id  VARCHAR(36)  NOT NULL REFERENCES pa_authorization (id),
    member_id         VARCHAR(64)  NOT NULL,
    valid_to          DATE         NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    acknowledged_by   VARCHAR(128),
    CONSTRAINT uq_pa_renewal_notice_authorization UNIQUE (authorization_id)
);
CREATE INDEX ix_pa_renewal_notice_open ON pa_renewal_notice (acknowledged_at, issued_at);
