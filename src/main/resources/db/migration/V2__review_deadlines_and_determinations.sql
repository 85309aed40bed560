-- Decision deadlines (from receipt, by urgency) and their escalation state.
ALTER TABLE pa_request ADD COLUMN due_by TIMESTAMP WITH TIME ZONE;
ALTER TABLE pa_request ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE pa_request ADD COLUMN overdue_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE pa_request ADD COLUMN information_requested VARCHAR(4000);

-- Every determination, by the system (evaluation and route) or by a reviewer (approval, adverse determination,
-- request for information), with the criteria results, policy version and decision table versions it rests on.
CREATE TABLE pa_determination (
    id                       VARCHAR(36)   NOT NULL PRIMARY KEY,
    pa_request_id            VARCHAR(36)   NOT NULL REFERENCES pa_request (id),
    kind                     VARCHAR(16)   NOT NULL,
    outcome                  VARCHAR(32)   NOT NULL,
    decided_by               VARCHAR(128)  NOT NULL,
    decided_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    reason                   VARCHAR(4000),
    criteria_cited           VARCHAR(1000),
    information_requested    VARCHAR(4000),
    route                    VARCHAR(32),
    criteria_json            TEXT,
    policy_version           VARCHAR(64),
    decision_versions_json   TEXT
);
CREATE INDEX ix_pa_determination_request ON pa_determination (pa_request_id, decided_at);

-- Additional information sent by the intake system for a pended case (JSON merge patch, RFC 7396).
CREATE TABLE pa_information_submission (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    pa_request_id  VARCHAR(36)  NOT NULL REFERENCES pa_request (id),
    submitted_by   VARCHAR(128) NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    patch_json     TEXT         NOT NULL
);
CREATE INDEX ix_pa_information_request ON pa_information_submission (pa_request_id);
