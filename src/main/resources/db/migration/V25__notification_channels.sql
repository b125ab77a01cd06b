-- A member's message may reach them by email, in the cabinet's feed, or by SMS (notification.Channel); they opt
-- out per kind and per channel. Every opt-out written before channels existed was an email one.
ALTER TABLE notification_opt_out ADD COLUMN channel VARCHAR(8) NOT NULL DEFAULT 'EMAIL'
    CHECK (channel IN ('EMAIL', 'FEED', 'SMS'));
ALTER TABLE notification_opt_out DROP CONSTRAINT notification_opt_out_pkey;
ALTER TABLE notification_opt_out ADD PRIMARY KEY (member_id, kind, channel);
