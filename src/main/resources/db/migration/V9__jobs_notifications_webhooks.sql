-- Birthday grants: once per member and birthday year. The primary key is what enforces it, so racing job runs
-- on several instances cannot both grant (INSERT ... ON CONFLICT DO NOTHING decides who grants).
CREATE TABLE birthday_grant (
    member_id      BIGINT      NOT NULL REFERENCES member (id),
    birthday_year  INTEGER     NOT NULL,
    transaction_id BIGINT REFERENCES ledger_transaction (id),
    granted_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, birthday_year)
);

-- Which lot was announced at which threshold: one expiry warning per lot and threshold, whatever reruns do.
CREATE TABLE expiry_warning (
    lot_id         BIGINT      NOT NULL REFERENCES lot (id),
    threshold_days INTEGER     NOT NULL,
    warned_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lot_id, threshold_days)
);

-- The mail outbox: one row per message to send, written in the transaction of the change it tells about.
-- next_attempt_at is database time (not the business clock tests move): retries are a technical matter.
CREATE TABLE notification (
    id              BIGSERIAL PRIMARY KEY,
    member_id       BIGINT        NOT NULL REFERENCES member (id),
    kind            VARCHAR(32)   NOT NULL,
    event_id        BIGINT UNIQUE REFERENCES domain_event (id),
    payload         TEXT          NOT NULL,
    status          VARCHAR(16)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'SKIPPED')),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error      VARCHAR(1000),
    recipient       VARCHAR(254),
    subject         VARCHAR(500),
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX notification_due_idx ON notification (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX notification_member_idx ON notification (member_id, id DESC);

-- Kinds of email a member turned off.
CREATE TABLE notification_opt_out (
    member_id  BIGINT      NOT NULL REFERENCES member (id),
    kind       VARCHAR(32) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, kind)
);

-- Outbound webhooks: endpoints registered by administrators, the event types each receives, and one delivery
-- per endpoint and event (the delivery log).
CREATE TABLE webhook_endpoint (
    id                   BIGSERIAL PRIMARY KEY,
    url                  VARCHAR(2000) NOT NULL,
    secret               VARCHAR(200)  NOT NULL,
    description          VARCHAR(500),
    status               VARCHAR(16)   NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
    consecutive_failures INTEGER       NOT NULL DEFAULT 0,
    disabled_at          TIMESTAMPTZ,
    disabled_reason      VARCHAR(1000),
    deleted              BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL
);

CREATE TABLE webhook_subscription (
    endpoint_id BIGINT      NOT NULL REFERENCES webhook_endpoint (id),
    event_type  VARCHAR(64) NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
);
CREATE INDEX webhook_subscription_type_idx ON webhook_subscription (event_type);

CREATE TABLE webhook_delivery (
    id               BIGSERIAL PRIMARY KEY,
    endpoint_id      BIGINT        NOT NULL REFERENCES webhook_endpoint (id),
    event_id         BIGINT        NOT NULL REFERENCES domain_event (id),
    status           VARCHAR(16)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED')),
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       VARCHAR(1000),
    delivered_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (endpoint_id, id DESC);

-- Fans every committed domain event out to the mail outbox and to the webhook deliveries, in the transaction that
-- wrote the event: nothing can be lost between the business change and its messages. Statement-level with a
-- transition table, so a job that writes a million events in chunks pays one set-based insert per chunk.
CREATE FUNCTION domain_event_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notification (member_id, kind, event_id, payload, created_at)
    SELECT e.member_id,
           CASE e.type
               WHEN 'BONUS_ACCRUED' THEN CASE WHEN e.payload::jsonb ->> 'profile' = 'BIRTHDAY'
                                              THEN 'BIRTHDAY' ELSE 'BONUS_ACCRUED' END
               WHEN 'BONUS_REDEEMED' THEN 'BONUS_SPENT'
               WHEN 'WITHDRAWAL_STATUS_CHANGED' THEN 'WITHDRAWAL_STATUS'
               ELSE e.type
           END,
           e.id, e.payload, e.created_at
    FROM inserted e
    WHERE e.member_id IS NOT NULL
      AND e.type IN ('BONUS_ACCRUED', 'BONUS_REDEEMED', 'REFERRAL_REGISTERED', 'REFERRAL_PURCHASED',
                     'WITHDRAWAL_STATUS_CHANGED', 'RANK_CHANGED');

    INSERT INTO webhook_delivery (endpoint_id, event_id, created_at)
    SELECT s.endpoint_id, e.id, e.created_at
    FROM inserted e
    JOIN webhook_subscription s ON s.event_type = e.type
    JOIN webhook_endpoint w ON w.id = s.endpoint_id AND NOT w.deleted;
    RETURN NULL;
END;
$$;
CREATE TRIGGER domain_event_fan_out AFTER INSERT ON domain_event
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION domain_event_fan_out();
