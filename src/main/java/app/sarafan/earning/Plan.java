package app.sarafan.earning;

import java.math.BigDecimal;

import app.sarafan.rule.RuleView;

/** A reward the rules call for, before limits, "once" keys and blocked recipients are checked. */
record Plan(RuleView rule, long recipientId, Role role, Integer level, BigDecimal amount, String grantKey,
        String description) {

    long ruleId() {
        return Long.parseLong(rule.id());
    }

    long ruleVersionId() {
        return Long.parseLong(rule.versionId());
    }
}
