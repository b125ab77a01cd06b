package app.sarafan.earning;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import app.sarafan.common.tx.TransactionMemo;
import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleDefinition;
import app.sarafan.rule.RuleProfile;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The active rules, parsed once and kept until any rule changes: every lookup asks the database only for the newest
 * rule version id (an index probe), so an edit on any instance applies to the next event everywhere.
 */
@ApplicationScoped
class RuleCatalog {

    /** The newest rule version is asked once per transaction: an event applies one consistent set of rules. */
    private static final Object LATEST_VERSION = new Object();

    private final RuleAdministration rules;
    private final TransactionMemo memo;
    private volatile RuleAdministration.ActiveRules cached;

    RuleCatalog(RuleAdministration rules, TransactionMemo memo) {
        this.rules = rules;
        this.memo = memo;
    }

    /** The rules of a profile in force at {@code now}, highest priority first (then the oldest rule). */
    List<RuleView> inForce(RuleProfile profile, Instant now) {
        RuleAdministration.ActiveRules current = cached;
        long latest = memo.get(LATEST_VERSION, rules::latestVersionId);
        if (current == null || current.latestVersionId() != latest) {
            current = rules.active();
            cached = current;
        }
        return current.rules().stream()
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
