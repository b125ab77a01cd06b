package app.sarafan.earning;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import app.sarafan.common.config.ConfigurationCache;
import app.sarafan.common.config.ConfigurationSubject;
import app.sarafan.common.config.ConfigurationVersions;
import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleDefinition;
import app.sarafan.rule.RuleProfile;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The active rules, parsed once and kept until any rule changes: a transaction asks the database only for the
 * rules' version (once), so an edit on any instance applies to the next event everywhere.
 */
@ApplicationScoped
class RuleCatalog {

    private final RuleAdministration rules;
    private final ConfigurationCache<List<RuleView>> active;

    RuleCatalog(RuleAdministration rules, ConfigurationVersions versions) {
        this.rules = rules;
        this.active = new ConfigurationCache<>(versions, ConfigurationSubject.RULES);
    }

    /** The rules of a profile in force at {@code now}, highest priority first (then the oldest rule). */
    List<RuleView> inForce(RuleProfile profile, Instant now) {
        return active.get(rules::active).stream()
                .filter(r -> r.definition().profile() == profile)
                .filter(r -> r.definition().validFrom() == null || !r.definition().validFrom().isAfter(now))
                .filter(r -> r.definition().validTo() == null || r.definition().validTo().isAfter(now))
                .toList();
    }

    /** How many levels of referrers the rules of a profile in force at {@code now} credit (0 when none do). */
    int referralDepth(RuleProfile profile, Instant now) {
        return inForce(profile, now).stream()
                .flatMap(r -> r.definition().rewards() == null ? Stream.empty() : r.definition().rewards().stream())
                .filter(reward -> reward.recipient() == RuleDefinition.Recipient.REFERRER && reward.levels() != null)
                .mapToInt(reward -> reward.levels().size())
                .max().orElse(0);
    }
}
