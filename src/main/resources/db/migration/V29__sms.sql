-- SMS, the second channel of a member's messages (sms package, docs/sms.md).
--
-- Consent: a member receives SMS only with a phone and an explicit opt-in, recorded with the instant it was given
-- (sms_opt_in_at; NULL while not opted in). Set by the shop (member create/update) or by the member (cabinet).
ALTER TABLE member ADD COLUMN sms_opt_in BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE member ADD COLUMN sms_opt_in_at TIMESTAMPTZ;
ALTER TABLE member ADD CONSTRAINT member_sms_consent_dated CHECK (NOT sms_opt_in OR sms_opt_in_at IS NOT NULL);

-- The SMS outbox: one row per member message to send by SMS, written with its notification row (trigger below).
-- PENDING (waiting or being retried) -> SENT (every part accepted by the SMSC) -> DELIVERED (every part's receipt
-- said delivered) or FAILED (a receipt said undeliverable, expired, rejected..., or the SMSC kept refusing);
-- SKIPPED when, at send time, the member no longer has a phone, consent, or the kind on (skip_reason says which).
CREATE TABLE sms_message (
    id              BIGSERIAL PRIMARY KEY,
    notification_id BIGINT        NOT NULL UNIQUE REFERENCES notification (id),
    member_id       BIGINT        NOT NULL REFERENCES member (id),
    kind            VARCHAR(32)   NOT NULL,
    status          VARCHAR(16)   NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'SKIPPED')),
    skip_reason     VARCHAR(16) CHECK (skip_reason IN ('NO_PHONE', 'NO_CONSENT', 'OPTED_OUT')),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error      VARCHAR(1000),
    phone           VARCHAR(32),
    text            VARCHAR(1000),
    parts           INTEGER,
    sent_at         TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX sms_message_due_idx ON sms_message (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX sms_message_member_idx ON sms_message (member_id, id DESC);

-- The parts of a sent SMS (a long text goes as several concatenated short messages), each with the message id the
-- SMSC answered and what its delivery receipt said.
CREATE TABLE sms_part (
    sms_id        BIGINT      NOT NULL REFERENCES sms_message (id),
    seq           INTEGER     NOT NULL,
    message_id    VARCHAR(65) NOT NULL,
    receipt_state VARCHAR(16),
    receipt_error VARCHAR(16),
    receipt_at    TIMESTAMPTZ,
    PRIMARY KEY (sms_id, seq)
);
CREATE INDEX sms_part_message_idx ON sms_part (message_id);

-- Delivery receipts as they arrive (from any instance's session). A receipt may come before the transaction that
-- stored its message id commits; it waits here and is matched by the worker's next pass.
CREATE TABLE sms_receipt (
    id          BIGSERIAL PRIMARY KEY,
    message_id  VARCHAR(65) NOT NULL,
    state       VARCHAR(16) NOT NULL,
    error       VARCHAR(16),
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_receipt_message_idx ON sms_receipt (message_id);

-- Every member message (the domain-event fan-out and the expiry-warning job write notification rows) is also an
-- SMS for a member with a phone and consent who did not turn that kind off for SMS. Plain inserts of what the
-- inserted rows name: nothing here can fail the business transaction that wrote the notification. Operator alerts
-- (no member) have no SMS.
CREATE FUNCTION notification_sms_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sms_message (notification_id, member_id, kind, created_at)
    SELECT n.id, n.member_id, n.kind, n.created_at
    FROM inserted n
    JOIN member m ON m.id = n.member_id
    WHERE m.phone IS NOT NULL AND m.sms_opt_in
      AND NOT EXISTS (SELECT 1 FROM notification_opt_out o
                      WHERE o.member_id = n.member_id AND o.kind = n.kind AND o.channel = 'SMS');
    RETURN NULL;
END;
$$;

CREATE TRIGGER notification_sms_fan_out AFTER INSERT ON notification
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION notification_sms_fan_out();
