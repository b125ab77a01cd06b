-- Payout details name the key that sealed them (key rotation, docs/withdrawals.md): the value itself says it
-- (v2:<key id>:...), and this column repeats it so that the start-up check (SELECT DISTINCT payout_key_id) reads an
-- index instead of decrypting or parsing every row. Values stored before were all sealed with the one key then,
-- whose id is 'default'.
ALTER TABLE withdrawal ADD COLUMN payout_key_id VARCHAR(32);
UPDATE withdrawal SET payout_key_id = 'default' WHERE payout_key_id IS NULL;
ALTER TABLE withdrawal ALTER COLUMN payout_key_id SET NOT NULL;
CREATE INDEX withdrawal_payout_key_id ON withdrawal (payout_key_id);
