-- Campaign budgets (earning/CampaignBudgets): what each budgeted rule has granted per budget period, all members
-- together. A grant updates its row under the row's lock in the event's transaction, so racing events on any number
-- of instances queue on it and the budget is never exceeded. LIFETIME budgets use the period starting 1970-01-01.
-- announced_percent is the highest threshold (80, 100) already announced by RULE_BUDGET_THRESHOLD.
CREATE TABLE rule_budget_usage (
    rule_id           BIGINT        NOT NULL REFERENCES rule (id),
    period_start      DATE          NOT NULL,
    bonuses           NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (bonuses >= 0),
    grants            INTEGER       NOT NULL DEFAULT 0 CHECK (grants >= 0),
    announced_percent SMALLINT      NOT NULL DEFAULT 0 CHECK (announced_percent IN (0, 80, 100)),
    updated_at        TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (rule_id, period_start)
);
