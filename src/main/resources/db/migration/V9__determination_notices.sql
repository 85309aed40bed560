-- Determination notices: for every approval, adverse determination, request for information and appeal outcome,
-- one notice to the prescriber and one to the member, written in the transaction that records the determination.
-- snapshot_json is what the notice says (immutable); the PDF is rendered from it on first read and stored once
-- (UPDATE ... WHERE pdf IS NULL), with the SHA-256 of the template it was rendered from. Delivery systems pick
-- unacknowledged notices up from the outbox (acknowledged_at).
CREATE TABLE pa_determination_notice (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    pa_request_id       VARCHAR(36)   NOT NULL REFERENCES pa_request (id),
    determination_id    VARCHAR(36)   NOT NULL,
    kind                VARCHAR(32)   NOT NULL,
    recipient           VARCHAR(16)   NOT NULL,
    snapshot_json       TEXT          NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    pdf                 BYTEA,
    template_sha256     VARCHAR(64),
    rendered_at         TIMESTAMP WITH TIME ZONE,
    acknowledged_at     TIMESTAMP WITH TIME ZONE,
    acknowledged_by     VARCHAR(128),
    CONSTRAINT uq_pa_determination_notice UNIQUE (determination_id, recipient)
);
CREATE INDEX ix_pa_determination_notice_case ON pa_determination_notice (pa_request_id, created_at);
CREATE INDEX ix_pa_determination_notice_open ON pa_determination_notice (acknowledged_at, created_at);
