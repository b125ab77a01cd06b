package app.sarafan.rank;

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

/** Administrators' ranks: created, read, and updated with the version they were based on (If-Match). */
@ApplicationScoped
public class Ranks {

    private final AppClock clock;
    private final AuditLog audit;

    Ranks(AppClock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public RankView create(RankDefinition definition, String administrator) {
        if (Rank.findById(definition.code()) != null) {
            throw new ProblemException(Problem.of(ProblemType.DUPLICATE, "Rank " + definition.code() + " exists"));
        }
        Rank rank = new Rank();
        rank.code = definition.code();
        rank.version = 1;
        rank.createdAt = clock.now();
        write(rank, definition);
        rank.persist();
        RankView after = RankView.of(rank);
        audit.record(administrator, AuditAction.RANK_CREATED, AuditEntityType.RANK, rank.code, null, after);
        return after;
    }

    @Transactional
    public RankView get(String code) {
        return RankView.of(require(code, false));
    }

    @Transactional
    public List<RankView> list() {
        return Rank.<Rank>list("order by position").stream().map(RankView::of).toList();
    }

    @Transactional
    public RankView update(String code, Integer expectedVersion, RankDefinition definition, String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "rank version");
        Rank rank = require(code, true);
        IfMatch.matches(basedOn, rank.version, "rank " + code);
        if (!code.equals(definition.code())) {
            throw ProblemException.invalid("code", "cannot change; create another rank instead");
        }
        RankView before = RankView.of(rank);
        write(rank, definition);
        rank.version++;
        RankView after = RankView.of(rank);
        audit.record(administrator, AuditAction.RANK_UPDATED, AuditEntityType.RANK, rank.code, before, after);
        return after;
    }

    private void write(Rank rank, RankDefinition definition) {
        Rank samePosition = Rank.find("position = ?1 and code <> ?2", definition.position(), rank.code)
                .firstResult();
        if (samePosition != null) {
            throw ProblemException.invalid("position", "rank " + samePosition.code + " has this position");
        }
        rank.name = definition.name().trim();
        rank.position = definition.position();
        rank.minTotalPaid = definition.minTotalPaid();
        rank.minPayingReferrals = definition.minPayingReferrals();
        rank.minBonusesEarned = definition.minBonusesEarned();
        rank.updatedAt = clock.now();
    }

    private static Rank require(String code, boolean lock) {
        Rank rank = lock ? Rank.findById(code, LockModeType.PESSIMISTIC_WRITE) : Rank.findById(code);
        if (rank == null) {
            throw ProblemException.notFound("Rank", code);
        }
        return rank;
    }
}
