package app.sarafan.rule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.http.IfMatch;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.KeysetFilter;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Administrators' CRUD of rules. Every save is validated as a whole and writes a new immutable version; an update
 * must name the version it was based on (If-Match), so two administrators cannot overwrite each other.
 */
@ApplicationScoped
public class RuleAdministration {

    private final StoredJson json;
    private final AppClock clock;
    private final AuditLog audit;

    RuleAdministration(StoredJson json, AppClock clock, AuditLog audit) {
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public RuleView create(RuleDefinition definition, String administrator) {
        RuleDefinition rule = valid(definition);
        Rule created = new Rule();
        created.currentVersion = 1;
        created.createdAt = clock.now();
        created.updatedAt = created.createdAt;
        created.persist();
        RuleView after = view(created, write(created, rule, administrator));
        audit.record(administrator, AuditAction.RULE_CREATED, AuditEntityType.RULE, after.id(), null, after);
        return after;
    }

    @Transactional
    public RuleView get(String id) {
        Rule rule = require(id, false);
        return view(rule, current(rule));
    }

    @Transactional
    public RuleView update(String id, Integer expectedVersion, RuleDefinition definition, String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "rule version");
        Rule rule = require(id, true);
        IfMatch.matches(basedOn, rule.currentVersion, "rule " + id);
        RuleDefinition checked = valid(definition);
        RuleVersion previous = current(rule);
        if (checked.profile() != previous.profile) {
            throw ProblemException.invalid("profile", "cannot change; create a new rule instead");
        }
        RuleView before = view(rule, previous);
        rule.currentVersion++;
        rule.updatedAt = clock.now();
        RuleView after = view(rule, write(rule, checked, administrator));
        audit.record(administrator, AuditAction.RULE_UPDATED, AuditEntityType.RULE, after.id(), before, after);
        return after;
    }

    @Transactional
    public Page<RuleView> list(RuleProfile profile, Boolean active, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        KeysetFilter where = KeysetFilter.below("r.id", cursor).and("v.profile = ?", profile)
                .and("v.active = ?", active);
        var query = Rule.getEntityManager().createQuery("select r, v from Rule r, RuleVersion v"
                + " where v.ruleId = r.id and v.version = r.currentVersion and " + where.where()
                + " order by r.id desc", Object[].class);
        Object[] params = where.params();
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        List<Object[]> rows = query.setMaxResults(size + 1).getResultList();
        List<RuleView> items = rows.stream().limit(size).map(r -> view((Rule) r[0], (RuleVersion) r[1])).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(((Rule) rows.get(size - 1)[0]).id) : null);
    }

    @Transactional
    public List<RuleView> versions(String id) {
        Rule rule = require(id, false);
        return RuleVersion.<RuleVersion>find("ruleId = ?1 order by version desc", rule.id).list().stream()
                .map(v -> view(rule, v)).toList();
    }

    /** The current versions of the rules that apply at {@code now}: active and within their validity period. */
    @Transactional
    public List<RuleView> inForce(java.time.Instant now) {
        List<Object[]> rows = Rule.getEntityManager().createQuery("""
                        select r, v from Rule r, RuleVersion v
                        where v.ruleId = r.id and v.version = r.currentVersion and v.active = true
                          and (v.validFrom is null or v.validFrom <= ?1) and (v.validTo is null or v.validTo > ?1)
                        order by v.profile, v.priority desc, r.id""", Object[].class)
                .setParameter(1, now).getResultList();
        return rows.stream().map(r -> view((Rule) r[0], (RuleVersion) r[1])).toList();
    }

    /**
     * The current versions of every active rule, whatever their validity period: what the earning engine caches
     * until the rules' configuration version changes (so edits apply without a restart).
     */
    @Transactional
    public List<RuleView> active() {
        List<Object[]> rows = Rule.getEntityManager().createQuery("""
                        select r, v from Rule r, RuleVersion v
                        where v.ruleId = r.id and v.version = r.currentVersion and v.active = true
                        order by v.priority desc, r.id""", Object[].class).getResultList();
        return rows.stream().map(r -> view((Rule) r[0], (RuleVersion) r[1])).toList();
    }

    /**
     * The rule of a profile that decides at {@code now} where only one can (paying with bonuses, withdrawals): of
     * those in force, the highest priority, the newest on a tie.
     */
    @Transactional
    public Optional<RuleView> deciding(RuleProfile profile, Instant now) {
        return inForce(now).stream().filter(r -> r.definition().profile() == profile)
                .max(Comparator.comparing((RuleView r) -> r.definition().priority())
                        .thenComparing(r -> Long.parseLong(r.id())));
    }

    private static RuleDefinition valid(RuleDefinition definition) {
        var errors = RuleValidator.check(definition);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        return definition.withDefaults();
    }

    private RuleVersion write(Rule rule, RuleDefinition definition, String administrator) {
        RuleVersion version = new RuleVersion();
        version.ruleId = rule.id;
        version.version = rule.currentVersion;
        version.profile = definition.profile();
        version.name = definition.name();
        version.active = definition.active();
        version.priority = definition.priority();
        version.validFrom = definition.validFrom();
        version.validTo = definition.validTo();
        version.definition = json.write(definition);
        version.createdAt = clock.now();
        version.createdBy = administrator;
        version.persist();
        return version;
    }

    private RuleView view(Rule rule, RuleVersion version) {
        RuleDefinition definition = json.read(version.definition, RuleDefinition.class);
        return new RuleView(String.valueOf(rule.id), version.version, String.valueOf(version.id), rule.createdAt,
                version.createdAt, version.createdBy, definition, RuleView.RuleTerms.of(definition));
    }

    private static RuleVersion current(Rule rule) {
        return RuleVersion.find("ruleId = ?1 and version = ?2", rule.id, rule.currentVersion).singleResult();
    }

    private static Rule require(String id, boolean lock) {
        long ruleId;
        try {
            ruleId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Rule", id);
        }
        Rule rule = lock ? Rule.findById(ruleId, LockModeType.PESSIMISTIC_WRITE) : Rule.findById(ruleId);
        if (rule == null) {
            throw ProblemException.notFound("Rule", id);
        }
        return rule;
    }
}
