-- A member who redeems a reward, or whose redemption an administrator cancels, is told so like any other message
-- (email, feed, SMS by their channels): REWARD_REDEEMED and REWARD_REDEMPTION_CANCELLED are mailed under their own
-- names. Otherwise the fan-out is the one of V20.
CREATE OR REPLACE FUNCTION domain_event_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
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
                     'WITHDRAWAL_STATUS_CHANGED', 'RANK_CHANGED', 'BALANCE_ADJUSTED', 'REWARD_REDEEMED',
                     'REWARD_REDEMPTION_CANCELLED')
      AND (e.payload::jsonb ->> 'notified') IS DISTINCT FROM 'false';

    INSERT INTO webhook_delivery (endpoint_id, event_id, created_at)
    SELECT s.endpoint_id, e.id, e.created_at
    FROM inserted e
    JOIN webhook_subscription s ON s.event_type = e.type
    JOIN webhook_endpoint w ON w.id = s.endpoint_id AND NOT w.deleted;
    RETURN NULL;
END;
$$;
