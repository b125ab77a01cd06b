package app.sarafan.award;

import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.http.IfMatch;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Administrators' awards: created, read, updated with the version they were based on (If-Match). */
@ApplicationScoped
public class Awards {

    private final AppClock clock;
    private final AuditLog audit;

    Awards(AppClock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public AwardView create(AwardDefinition definition, String administrator) {
        if (Award.findById(definition.code()) != null) {
            throw new ProblemException(Problem.of(ProblemType.DUPLICATE, "Award " + definition.code() + " exists"));
        }
        Award award = new Award();
        award.code = definition.code();
        award.version = 1;
        award.createdAt = clock.now();
        write(award, definition);
        award.persist();
        AwardView after = AwardView.of(award);
        audit.record(administrator, AuditAction.AWARD_CREATED, AuditEntityType.AWARD, award.code, null, after);
        return after;
    }

    @Transactional
    public AwardView get(String code) {
        return AwardView.of(require(code, false));
    }

    @Transactional
    public List<AwardView> list() {
        return Award.<Award>list("order by code").stream().map(AwardView::of).toList();
    }

    @Transactional
    public AwardView update(String code, Integer expectedVersion, AwardDefinition definition,
            String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "award version");
        Award award = require(code, true);
        IfMatch.matches(basedOn, award.version, "award " + code);
        if (!code.equals(definition.code())) {
            throw ProblemException.invalid("code", "cannot change; create another award instead");
        }
        AwardView before = AwardView.of(award);
        write(award, definition);
        award.version++;
        AwardView after = AwardView.of(award);
        audit.record(administrator, AuditAction.AWARD_UPDATED, AuditEntityType.AWARD, award.code, before, after);
        return after;
    }

    private void write(Award award, AwardDefinition definition) {
        if ((definition.metric() == null) != (definition.threshold() == null)) {
            throw ProblemException.invalid("threshold", "metric and threshold go together");
        }
        award.name = definition.name().trim();
        award.description = definition.description();
        award.imageUrl = definition.imageUrl();
        award.metric = definition.metric();
        award.threshold = definition.threshold();
        award.active = definition.active() == null || definition.active();
        award.updatedAt = clock.now();
    }

    static Award require(String code, boolean lock) {
        Award award = lock ? Award.findById(code, LockModeType.PESSIMISTIC_WRITE) : Award.findById(code);
        if (award == null) {
            throw ProblemException.notFound("Award", code);
        }
        return award;
    }
}
