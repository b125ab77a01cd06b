-- The raw PostgreSQL baselines of bench/run.sh: copies of the tables an order-paid event writes (columns, defaults,
-- checks and indexes; no foreign keys, no triggers), so that pgbench can write the same rows without touching the
-- service's data.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS pgb_shop_event, pgb_shop_order, pgb_account, pgb_ledger_transaction, pgb_lot, pgb_accrual,
    pgb_domain_event, pgb_notification, pgb_leaderboard_score, pgb_leaderboard_delta;
DROP SEQUENCE IF EXISTS pgb_event_seq;
CREATE SEQUENCE pgb_event_seq;
CREATE TABLE pgb_shop_event (LIKE shop_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_shop_order (LIKE shop_order INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_ledger_transaction (LIKE ledger_transaction INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_lot (LIKE lot INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_accrual (LIKE accrual INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_domain_event (LIKE domain_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_notification (LIKE notification INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_leaderboard_delta (LIKE leaderboard_delta INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE pgb_account (LIKE account INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
INSERT INTO pgb_account SELECT * FROM account;
ANALYZE pgb_account;
