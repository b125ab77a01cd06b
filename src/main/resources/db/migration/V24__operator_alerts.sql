-- Operator alerts (notification/OperatorAlerts): emails to the configured operator address, written to the same
-- outbox as members' mail in the business transaction that raises them, sent and retried by the same worker.
-- Their rows name no member and carry their recipient from the start (a member's is filled at send time).
ALTER TABLE notification ALTER COLUMN member_id DROP NOT NULL;
ALTER TABLE notification ADD CONSTRAINT notification_addressed CHECK (member_id IS NOT NULL OR recipient IS NOT NULL);
