package app.sarafan.rewards;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.http.IfMatch;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.rank.Rank;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Administrators' catalogue: rewards created, read, updated with the version they were based on (If-Match),
 * archived; codes uploaded to pools; stock added. Every change is audited in its own transaction. Stock changes lock
 * the reward's row, the same row a redemption's conditional update takes, so the two never lose each other's count.
 */
@ApplicationScoped
public class RewardCatalogue {

    static final TypeReference<List<RankPrice>> RANK_PRICES = new TypeReference<>() {
    };

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;
    private final AuditLog audit;

    RewardCatalogue(EntityManager em, StoredJson json, AppClock clock, AuditLog audit) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public RewardView create(RewardDefinition definition, String administrator) {
        check(definition);
        if (Reward.findById(definition.code()) != null) {
            throw new ProblemException(Problem.of(ProblemType.DUPLICATE, "Reward " + definition.code() + " exists"));
        }
        Reward reward = new Reward();
        reward.code = definition.code();
        reward.type = definition.type();
        reward.status = RewardStatus.ACTIVE;
        reward.version = 1;
        reward.createdAt = clock.now();
        write(reward, definition);
        reward.totalStock = definition.totalStock();
        reward.remainingStock = definition.totalStock();
        reward.persist();
        RewardView after = view(reward);
        audit.record(administrator, AuditAction.REWARD_CREATED, AuditEntityType.REWARD, reward.code, null, after);
        return after;
    }

    @Transactional
    public List<RewardView> list() {
        return Reward.<Reward>list("order by code").stream().map(this::view).toList();
    }

    @Transactional
    public RewardView get(String code) {
        return view(require(code, false));
    }

    /**
     * A new total stock keeps what redemptions hold: remaining becomes the new total minus the units held, and a
     * total below what is held is refused.
     */
    @Transactional
    public RewardView update(String code, Integer expectedVersion, RewardDefinition definition,
            String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "reward version");
        Reward reward = require(code, true);
        IfMatch.matches(basedOn, reward.version, "reward " + code);
        if (!code.equals(definition.code())) {
            throw ProblemException.invalid("code", "cannot change; create another reward instead");
        }
        if (definition.type() != reward.type) {
            throw ProblemException.invalid("type", "cannot change from " + reward.type
                    + "; archive this reward and create another");
        }
        check(definition);
        RewardView before = view(reward);
        write(reward, definition);
        if (definition.totalStock() == null) {
            reward.totalStock = null;
            reward.remainingStock = null;
        } else {
            int held = reward.totalStock == null ? (int) held(code) : reward.totalStock - reward.remainingStock;
            if (definition.totalStock() < held) {
                throw ProblemException.invalid("totalStock", "must be at least " + held
                        + ", the units that redemptions hold");
            }
            reward.remainingStock = definition.totalStock() - held;
            reward.totalStock = definition.totalStock();
        }
        reward.version++;
        RewardView after = view(reward);
        audit.record(administrator, AuditAction.REWARD_UPDATED, AuditEntityType.REWARD, code, before, after);
        return after;
    }

    /** No longer offered; redemptions made stay valid and can still be cancelled. Archiving twice changes nothing. */
    @Transactional
    public RewardView archive(String code, String administrator) {
        Reward reward = require(code, true);
        if (reward.status == RewardStatus.ARCHIVED) {
            return view(reward);
        }
        RewardView before = view(reward);
        reward.status = RewardStatus.ARCHIVED;
        reward.version++;
        reward.updatedAt = clock.now();
        RewardView after = view(reward);
        audit.record(administrator, AuditAction.REWARD_ARCHIVED, AuditEntityType.REWARD, code, before, after);
        return after;
    }

    /**
     * Adds codes to a pool. A code this pool has already is counted, not refused (a retried upload adds nothing);
     * a code of another reward, or repeated in the batch, refuses the whole batch naming it.
     */
    @Transactional
    public CodeBatch.Added addCodes(String code, CodeBatch batch, String administrator) {
        Reward reward = require(code, true);
        if (reward.type != RewardType.COUPON_POOL) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "Reward " + code + " is a " + reward.type
                    + " reward; only COUPON_POOL rewards take uploaded codes"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.codes().size(); i++) {
            if (!seen.add(batch.codes().get(i))) {
                throw ProblemException.invalid("codes[" + i + "]", "appears twice in the batch");
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> existing = em.createNativeQuery(
                        "SELECT code, reward_code FROM reward_code WHERE code = ANY(CAST(?1 AS varchar[]))")
                .setParameter(1, batch.codes().toArray(String[]::new)).getResultList();
        int alreadyInPool = 0;
        for (Object[] row : existing) {
            if (!code.equals(row[1])) {
                int at = batch.codes().indexOf((String) row[0]);
                throw new ProblemException(Problem.validation(List.of(new FieldError("codes[" + at + "]",
                        "is a code of another reward"))));
            }
            alreadyInPool++;
        }
        // ON CONFLICT: a concurrent upload of the same codes to this pool adds each once.
        int added = em.createNativeQuery("""
                        INSERT INTO reward_code (reward_code, code, pooled, created_at)
                        SELECT ?1, c, TRUE, ?3 FROM unnest(CAST(?2 AS varchar[])) AS c
                        ON CONFLICT (code) DO NOTHING""")
                .setParameter(1, code).setParameter(2, batch.codes().toArray(String[]::new))
                .setParameter(3, Timestamp.from(clock.now())).executeUpdate();
        CodeBatch.Added result = new CodeBatch.Added(added, batch.codes().size() - added, freeCodes(code));
        if (added > 0) {
            reward.updatedAt = clock.now();
            audit.record(administrator, AuditAction.REWARD_CODES_ADDED, AuditEntityType.REWARD, code, null,
                    java.util.Map.of("added", added, "alreadyInPool", result.alreadyInPool(),
                            "availableCodes", result.availableCodes()));
        }
        return result;
    }

    /** Adds units to the stock of a reward that has one (a PHYSICAL_GIFT always has). */
    @Transactional
    public RewardView addStock(String code, StockAddition addition, String administrator) {
        Reward reward = require(code, true);
        if (reward.totalStock == null) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "Reward " + code
                    + " has no stock limit; set totalStock to give it one"));
        }
        RewardView before = view(reward);
        reward.totalStock += addition.quantity();
        reward.remainingStock += addition.quantity();
        reward.version++;
        reward.updatedAt = clock.now();
        RewardView after = view(reward);
        audit.record(administrator, AuditAction.REWARD_STOCK_ADDED, AuditEntityType.REWARD, code, before, after);
        return after;
    }

    private void check(RewardDefinition definition) {
        Set<String> ranks = new HashSet<>(em.createQuery("select r.code from Rank r", String.class)
                .getResultList());
        List<FieldError> errors = RewardRules.problems(definition, ranks);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }

    private void write(Reward reward, RewardDefinition d) {
        reward.name = d.name().trim();
        reward.description = d.description();
        reward.price = Money.exact(d.price());
        reward.rankPrices = json.write(d.rankPricesOrNone().stream()
                .map(p -> new RankPrice(p.rankCode(), Money.exact(p.price()))).toList());
        reward.codePattern = d.type().generatesCode()
                ? (d.codePattern() == null ? CodePattern.DEFAULT : d.codePattern()) : null;
        reward.discountAmount = d.discountAmount() == null ? null : Money.exact(d.discountAmount());
        reward.availableFrom = d.availableFrom();
        reward.availableUntil = d.availableUntil();
        reward.perMemberLimit = d.perMemberLimit();
        reward.updatedAt = clock.now();
    }

    RewardView view(Reward r) {
        return new RewardView(r.code, r.name, r.description, r.type, r.price, json.read(r.rankPrices, RANK_PRICES),
                r.codePattern, r.discountAmount, r.availableFrom, r.availableUntil, r.perMemberLimit, r.totalStock,
                r.remainingStock, r.type == RewardType.COUPON_POOL ? freeCodes(r.code) : null, held(r.code), r.status,
                r.version, r.createdAt, r.updatedAt);
    }

    /** Redemptions of the reward that are not cancelled: the units they hold. */
    long held(String code) {
        return ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM reward_redemption WHERE reward_code = ?1 AND status <> 'CANCELLED'")
                .setParameter(1, code).getSingleResult()).longValue();
    }

    long freeCodes(String code) {
        return ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM reward_code WHERE reward_code = ?1 AND pooled AND redemption_id IS NULL")
                .setParameter(1, code).getSingleResult()).longValue();
    }

    /**
     * The reward, locked FOR UPDATE when {@code lock}: that waits for the redemptions in flight (each holds the row
     * FOR KEY SHARE, see {@link RewardRedemptions}), so the units they hold are counted once they committed.
     */
    Reward require(String code, boolean lock) {
        if (lock) {
            em.createNativeQuery("SELECT code FROM reward WHERE code = ?1 FOR UPDATE").setParameter(1, code)
                    .getResultList();
        }
        Reward reward = Reward.findById(code);
        if (reward == null) {
            throw ProblemException.notFound("Reward", code);
        }
        return reward;
    }
}
