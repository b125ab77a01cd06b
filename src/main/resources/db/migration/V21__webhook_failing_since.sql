-- An endpoint is disabled only after its deliveries have failed for a while, not after a burst (WebhookDelivery):
-- since when they have been failing without a success in between.
ALTER TABLE webhook_endpoint ADD COLUMN failing_since TIMESTAMPTZ;
UPDATE webhook_endpoint SET failing_since = now() WHERE consecutive_failures > 0;
