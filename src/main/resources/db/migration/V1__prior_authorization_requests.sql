-- Prior-authorization requests as received (one row per requestId) and their determinations.
CREATE TABLE pa_request (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    request_id          VARCHAR(100)  NOT NULL,
    content_sha256      CHAR(64)      NOT NULL,
    request_json        TEXT          NOT NULL,
    request_type        VARCHAR(16)   NOT NULL,
    member_id           VARCHAR(64)   NOT NULL,
    request_date        DATE          NOT NULL,
    urgency             VARCHAR(16)   NOT NULL,
    status              VARCHAR(32)   NOT NULL,
    indication          VARCHAR(32),
    route               VARCHAR(32),
    criteria_json       TEXT,
    policy_version      VARCHAR(64),
    decision_outcome    VARCHAR(16),
    decided_by          VARCHAR(128),
    decided_at          TIMESTAMP WITH TIME ZONE,
    decision_reason     VARCHAR(4000),
    process_instance_id VARCHAR(64),
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_pa_request_request_id UNIQUE (request_id)
);
CREATE INDEX ix_pa_request_member ON pa_request (member_id);
CREATE INDEX ix_pa_request_status ON pa_request (status);

-- Authorizations granted by an approval (automatic or by a reviewer).
CREATE TABLE pa_authorization (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    pa_request_id        VARCHAR(36)  NOT NULL REFERENCES pa_request (id),
    member_id            VARCHAR(64)  NOT NULL,
    indication           VARCHAR(32)  NOT NULL,
    request_type         VARCHAR(16)  NOT NULL,
    valid_from           DATE         NOT NULL,
    valid_to             DATE         NOT NULL,
    duration_months      INTEGER      NOT NULL,
    quantity_limit       VARCHAR(200) NOT NULL,
    max_dose_per_day_mg  NUMERIC(10, 2),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_pa_authorization_request UNIQUE (pa_request_id)
);
CREATE INDEX ix_pa_authorization_member ON pa_authorization (member_id);
