-- FHIR R4 Subscriptions (R4 Subscriptions Backport IG, rest-hook) of intake accounts, and the outbox of their
-- notifications. A notification row is written in the transaction that records the determination it reports and
-- is delivered by a process instance of kineret-fhir-notification (Camunda's job executor, with retries).
CREATE TABLE fhir_subscription (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner               VARCHAR(128)  NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    endpoint            VARCHAR(2048) NOT NULL,
    resource_json       TEXT          NOT NULL,
    events_since_start  BIGINT        NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_fhir_subscription_owner ON fhir_subscription (owner, status);

CREATE TABLE fhir_notification (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    subscription_id     VARCHAR(36)   NOT NULL REFERENCES fhir_subscription (id),
    pa_request_id       VARCHAR(36)   NOT NULL,
    determination_id    VARCHAR(36)   NOT NULL,
    event_number        BIGINT        NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts            INTEGER       NOT NULL,
    last_attempt_at     TIMESTAMP WITH TIME ZONE,
    last_result         VARCHAR(200),
    delivered_at        TIMESTAMP WITH TIME ZONE,
    cancelled_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_fhir_notification_event UNIQUE (subscription_id, event_number)
);
CREATE INDEX ix_fhir_notification_case ON fhir_notification (pa_request_id);
CREATE INDEX ix_fhir_notification_undelivered ON fhir_notification (delivered_at, cancelled_at);
