package app.sarafan.earning;

import java.time.Instant;
import java.util.List;

import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleProfile;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The active rules, parsed once and kept until any rule changes: every lookup asks the database only for the newest
 * rule version id (an index probe), so an edit on any instance applies to the next event everywhere.
 */
@ApplicationScoped
class RuleCatalog {

    private final RuleAdministration rules;
    private volatile RuleAdministration.ActiveRules cached;

    RuleCatalog(RuleAdministration rules) {
        this.rules = rules;
    }

    /** The rules of a profile in force at {@code now}, highest priority first (then the oldest rule). */
    List<RuleView> inForce(RuleProfile profile, Instant now) {
        RuleAdministration.ActiveRules current = cached;
        if (current == null || current.latestVersionId() != rules.latestVersionId()) {
            current = rules.active();
            cached = current;
        }
        return current.rules().stream()
                .filter(r -> r.definition().profile() == profile)
                .filter(r -> r.definition().validFrom() == null || !r.definition().validFrom().isAfter(now))
                .filter(r -> r.definition().validTo() == null || r.definition().validTo().isAfter(now))
                .toList();
    }
}
