package app.sarafan.rewards;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.money.Money;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.KeysetFilter;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.AccountService;
import app.sarafan.ledger.Holds;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.rank.MemberStanding;
import app.sarafan.redemption.SpentBonusReturns;
import app.sarafan.redemption.SpentLot;
import app.sarafan.withdrawal.WithdrawableBonuses;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Members redeem rewards; administrators cancel redemptions; the shop marks a code used. One database transaction
 * each, with its locks always taken in the same order — the member's account, then the reward's row, then a code —
 * so that nothing deadlocks and every guarantee holds across any number of instances:
 * <ul>
 *   <li>the account lock makes one member's redemptions go one after the other: the per-member limit and the
 *       balance are checked by one writer at a time, and the spend can never overdraw;</li>
 *   <li>a reward with a stock loses one unit by {@code UPDATE ... WHERE remaining_stock > 0}: the row lock queues
 *       racing redemptions and the last unit goes once;</li>
 *   <li>a pooled code is claimed by {@code FOR UPDATE SKIP LOCKED} and its row names the one redemption it went to
 *       (unique), so racing members each get another code, or none;</li>
 *   <li>every redemption holds the reward's row FOR KEY SHARE, so an administrator's stock change (FOR UPDATE) waits
 *       for the redemptions in flight and counts them.</li>
 * </ul>
 */
@ApplicationScoped
public class RewardRedemptions {

    private static final TypeReference<List<SpentLot>> SPENT_LOTS = new TypeReference<>() {
    };
    private static final int CODE_ATTEMPTS = 20;

    private final EntityManager em;
    private final MemberService members;
    private final AccountService accounts;
    private final Holds holds;
    private final Ledger ledger;
    private final WithdrawableBonuses withdrawable;
    private final SpentBonusReturns returns;
    private final MemberStanding standing;
    private final DomainEvents events;
    private final AuditLog audit;
    private final StoredJson json;
    private final AppClock clock;
    private final SecureRandom random = new SecureRandom();

    RewardRedemptions(EntityManager em, MemberService members, AccountService accounts, Holds holds, Ledger ledger,
            WithdrawableBonuses withdrawable, SpentBonusReturns returns, MemberStanding standing, DomainEvents events,
            AuditLog audit, StoredJson json, AppClock clock) {
        this.em = em;
        this.members = members;
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.withdrawable = withdrawable;
        this.returns = returns;
        this.standing = standing;
        this.events = events;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The rewards offered now, as the member sees them: their price, their balance, what is left. */
    @Transactional
    public List<RewardOffer> offers(String externalId) {
        MemberRef member = members.ref(externalId);
        Instant now = clock.now();
        BigDecimal available = accounts.balance(externalId).available().max(Money.ZERO);
        String rank = standing.rankOf(member.id());
        Map<String, Long> mine = counts("""
                SELECT reward_code, count(*) FROM reward_redemption
                WHERE member_id = ?1 AND status <> 'CANCELLED' GROUP BY reward_code""", member.id());
        Map<String, Long> freeCodes = counts("""
                SELECT reward_code, count(*) FROM reward_code
                WHERE pooled AND redemption_id IS NULL GROUP BY reward_code""");
        List<RewardOffer> offers = new ArrayList<>();
        for (Reward r : Reward.<Reward>list("status = ?1 order by code", RewardStatus.ACTIVE)) {
            if (!r.offeredAt(now)) {
                continue;
            }
            BigDecimal price = priceFor(r, rank);
            Integer stock = remaining(r, freeCodes.getOrDefault(r.code, 0L));
            Integer left = r.perMemberLimit == null ? null
                    : (int) Math.max(0, r.perMemberLimit - mine.getOrDefault(r.code, 0L));
            boolean affordable = available.compareTo(price) >= 0;
            RewardOffer.Obstacle obstacle = member.blocked() ? RewardOffer.Obstacle.MEMBER_BLOCKED
                    : stock != null && stock == 0 ? RewardOffer.Obstacle.OUT_OF_STOCK
                    : left != null && left == 0 ? RewardOffer.Obstacle.LIMIT_REACHED
                    : !affordable ? RewardOffer.Obstacle.INSUFFICIENT_BALANCE : null;
            offers.add(new RewardOffer(r.code, r.name, r.description, r.type, price, r.discountAmount,
                    r.availableUntil, stock, left, available, affordable, obstacle == null, obstacle));
        }
        return offers;
    }

    /**
     * Spends the member's price for the reward (soonest-expiring lots first) and issues it, in one transaction:
     * either the member has the reward and paid for it, or nothing happened.
     */
    @Transactional
    public RewardRedemptionView redeem(String externalId, String rewardCode) {
        MemberRef member = members.ref(externalId);
        if (member.blocked()) {
            throw new ProblemException(ProblemType.MEMBER_BLOCKED,
                    "Member '" + member.externalId() + "' is blocked and cannot redeem rewards");
        }
        BigDecimal available = holds.lockAvailable(member.id());
        List<?> locked = em.createNativeQuery("SELECT code FROM reward WHERE code = ?1 FOR KEY SHARE")
                .setParameter(1, rewardCode).getResultList();
        if (locked.isEmpty()) {
            throw ProblemException.notFound("Reward", rewardCode);
        }
        Reward reward = Reward.findById(rewardCode);
        em.unwrap(org.hibernate.Session.class).setReadOnly(reward, true);
        Instant now = clock.now();
        if (!reward.offeredAt(now)) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "Reward " + rewardCode
                    + " is not offered now").with("currentStatus", reward.status.name()));
        }
        BigDecimal price = priceFor(reward, standing.rankOf(member.id()));
        if (reward.perMemberLimit != null) {
            long held = ((Number) em.createNativeQuery("""
                            SELECT count(*) FROM reward_redemption
                            WHERE reward_code = ?1 AND member_id = ?2 AND status <> 'CANCELLED'""")
                    .setParameter(1, rewardCode).setParameter(2, member.id()).getSingleResult()).longValue();
            if (held >= reward.perMemberLimit) {
                throw new ProblemException(Problem.of(ProblemType.LIMIT_REACHED, "Reward " + rewardCode
                                + " may be redeemed " + reward.perMemberLimit + " time(s) per member")
                        .with("perMemberLimit", reward.perMemberLimit).with("remainingForMember", 0));
            }
        }
        if (available.compareTo(price) < 0) {
            throw new ProblemException(Problem.of(ProblemType.INSUFFICIENT_BALANCE, "Reward " + rewardCode
                            + " costs " + Money.format(price) + " but only " + Money.format(available.max(Money.ZERO))
                            + " is available")
                    .with("requested", Money.format(price)).with("available", Money.format(available.max(Money.ZERO))));
        }
        if (reward.remainingStock != null) {
            int taken = em.createNativeQuery("""
                            UPDATE reward SET remaining_stock = remaining_stock - 1
                            WHERE code = ?1 AND remaining_stock > 0""")
                    .setParameter(1, rewardCode).executeUpdate();
            if (taken == 0) {
                throw outOfStock(rewardCode);
            }
        }
        long id = ((Number) em.createNativeQuery("SELECT nextval('reward_redemption_id_seq')").getSingleResult())
                .longValue();
        String code = switch (reward.type) {
            case COUPON_POOL -> claimPooled(rewardCode, id);
            case PHYSICAL_GIFT -> null;
            default -> generate(reward, id);
        };
        Ledger.Spent spent = ledger.spend(member.id(), new Ledger.Debit(TransactionKind.REDEMPTION, price,
                        new Source(SourceType.REWARD, String.valueOf(id), externalId),
                        "Reward " + rewardCode + ": " + reward.name),
                withdrawable.keepForWithdrawals(member.id()));
        RewardRedemption r = new RewardRedemption();
        r.id = id;
        r.memberId = member.id();
        r.rewardCode = rewardCode;
        r.rewardType = reward.type;
        r.rewardName = reward.name;
        r.price = price;
        r.status = RewardRedemptionStatus.ISSUED;
        r.code = code;
        r.discountAmount = reward.discountAmount;
        r.transactionId = Long.parseLong(spent.transaction().id());
        r.spentLots = json.write(spent.portions().stream()
                .map(p -> new SpentLot(p.creditTransactionId(), p.amount(), p.expiresAt())).toList());
        r.createdAt = now;
        r.updatedAt = now;
        r.persist();
        Map<String, Object> payload = payload(r);
        payload.put("transactionId", spent.transaction().id());
        if (r.discountAmount != null) {
            payload.put("discountAmount", Money.format(r.discountAmount));
        }
        events.publish(DomainEventType.REWARD_REDEEMED, member.id(), payload);
        return RewardRedemptionView.of(r, externalId, true);
    }

    /**
     * Gives the bonuses back (RETURN credits naming the spend, each lot with its expiry and origin as the order
     * returns do), the unit back to the stock, an unused pooled code back to the pool. Cancelling a cancelled
     * redemption answers it as it is.
     */
    @Transactional
    public RewardRedemptionView cancel(String id, String reason, String administrator) {
        RewardRedemption r = locked(id);
        String externalId = members.externalIdOf(r.memberId);
        if (r.status == RewardRedemptionStatus.CANCELLED) {
            return RewardRedemptionView.of(r, externalId, false);
        }
        RewardRedemptionView before = RewardRedemptionView.of(r, externalId, false);
        returns.giveBack(r.memberId, new Source(SourceType.REWARD, String.valueOf(r.id), administrator),
                r.transactionId, json.read(r.spentLots, SPENT_LOTS), Money.ZERO, r.price,
                "Reward redemption " + r.id + " cancelled: " + reason);
        em.createNativeQuery("""
                        UPDATE reward SET remaining_stock = remaining_stock + 1
                        WHERE code = ?1 AND remaining_stock < total_stock""")
                .setParameter(1, r.rewardCode).executeUpdate();
        if (r.status == RewardRedemptionStatus.ISSUED) {
            em.createNativeQuery("UPDATE reward_code SET redemption_id = NULL WHERE redemption_id = ?1 AND pooled")
                    .setParameter(1, r.id).executeUpdate();
        }
        Instant now = clock.now();
        r.status = RewardRedemptionStatus.CANCELLED;
        r.cancelReason = reason;
        r.cancelledBy = administrator;
        r.cancelledAt = now;
        r.updatedAt = now;
        Map<String, Object> payload = payload(r);
        payload.put("reason", reason);
        events.publish(DomainEventType.REWARD_REDEMPTION_CANCELLED, r.memberId, payload);
        RewardRedemptionView after = RewardRedemptionView.of(r, externalId, false);
        audit.record(administrator, AuditAction.REWARD_REDEMPTION_CANCELLED, AuditEntityType.REWARD_REDEMPTION,
                r.id, before, after);
        return after;
    }

    /** The shop took the code at checkout: the redemption is USED (a used code never returns to the pool). */
    @Transactional
    public RewardRedemptionView use(String code) {
        List<?> ids = em.createNativeQuery("SELECT redemption_id FROM reward_code WHERE code = ?1 AND redemption_id"
                + " IS NOT NULL").setParameter(1, code).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("Reward code", code);
        }
        RewardRedemption r = em.find(RewardRedemption.class, ((Number) ids.get(0)).longValue(),
                LockModeType.PESSIMISTIC_WRITE);
        if (r.status != RewardRedemptionStatus.ISSUED) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "The code of reward redemption " + r.id
                    + " is " + r.status + " and cannot be used").with("currentStatus", r.status.name()));
        }
        r.status = RewardRedemptionStatus.USED;
        r.usedAt = clock.now();
        r.updatedAt = r.usedAt;
        return RewardRedemptionView.of(r, members.externalIdOf(r.memberId), true);
    }

    @Transactional
    public Page<RewardRedemptionView> mine(String externalId, Integer limit, String cursor) {
        return page(members.ref(externalId).id(), null, limit, cursor, true);
    }

    @Transactional
    public RewardRedemptionView mine(String externalId, String id) {
        long memberId = members.ref(externalId).id();
        return find(id).filter(r -> r.memberId == memberId)
                .map(r -> RewardRedemptionView.of(r, externalId, true))
                .orElseThrow(() -> ProblemException.notFound("Reward redemption", id));
    }

    @Transactional
    public Page<RewardRedemptionView> list(String externalId, String rewardCode, Integer limit, String cursor) {
        Long memberId = externalId == null ? null : members.ref(externalId).id();
        return page(memberId, rewardCode, limit, cursor, false);
    }

    @Transactional
    public RewardRedemptionView get(String id) {
        RewardRedemption r = find(id).orElseThrow(() -> ProblemException.notFound("Reward redemption", id));
        return RewardRedemptionView.of(r, members.externalIdOf(r.memberId), false);
    }

    private Page<RewardRedemptionView> page(Long memberId, String rewardCode, Integer limit, String cursor,
            boolean owner) {
        int size = Cursor.limit(limit);
        KeysetFilter where = KeysetFilter.below("id", cursor).and("memberId = ?", memberId)
                .and("rewardCode = ?", rewardCode);
        List<RewardRedemption> rows = RewardRedemption.<RewardRedemption>find(where.where() + " order by id desc",
                where.params()).page(0, size + 1).list();
        Map<Long, String> externalIds = new HashMap<>();
        List<RewardRedemptionView> items = rows.stream().limit(size).map(r -> RewardRedemptionView.of(r,
                externalIds.computeIfAbsent(r.memberId, members::externalIdOf), owner)).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null);
    }

    /** The first free code of the pool; codes other redemptions are claiming right now are skipped, not waited for. */
    private String claimPooled(String rewardCode, long redemptionId) {
        List<?> claimed = em.createNativeQuery("""
                        UPDATE reward_code SET redemption_id = ?2
                        WHERE id = (SELECT id FROM reward_code
                                    WHERE reward_code = ?1 AND pooled AND redemption_id IS NULL
                                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING code""")
                .setParameter(1, rewardCode).setParameter(2, redemptionId).getResultList();
        if (claimed.isEmpty()) {
            throw outOfStock(rewardCode);
        }
        return (String) claimed.get(0);
    }

    /** A random code of the reward's pattern that no reward has issued or holds (the table's unique code). */
    private String generate(Reward reward, long redemptionId) {
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            String code = CodePattern.generate(reward.codePattern, random);
            int inserted = em.createNativeQuery("""
                            INSERT INTO reward_code (reward_code, code, pooled, redemption_id, created_at)
                            VALUES (?1, ?2, FALSE, ?3, ?4) ON CONFLICT (code) DO NOTHING""")
                    .setParameter(1, reward.code).setParameter(2, code).setParameter(3, redemptionId)
                    .setParameter(4, Timestamp.from(clock.now())).executeUpdate();
            if (inserted == 1) {
                return code;
            }
        }
        throw new ProblemException(Problem.of(ProblemType.OUT_OF_STOCK, "Reward " + reward.code
                + " could not find a free code of its pattern " + reward.codePattern + "; widen the pattern")
                .with("remainingStock", 0));
    }

    private static ProblemException outOfStock(String rewardCode) {
        return new ProblemException(Problem.of(ProblemType.OUT_OF_STOCK, "Reward " + rewardCode + " is out of stock")
                .with("remainingStock", 0));
    }

    /** The member's price: their rank's when the reward names one, its own otherwise. */
    private BigDecimal priceFor(Reward reward, String rank) {
        if (rank != null) {
            for (RankPrice p : json.read(reward.rankPrices, RewardCatalogue.RANK_PRICES)) {
                if (p.rankCode().equals(rank)) {
                    return p.price();
                }
            }
        }
        return reward.price;
    }

    /** What a member can still get: the stock left, and for a pool no more than its free codes (null: unlimited). */
    private static Integer remaining(Reward reward, long freeCodes) {
        if (reward.type != RewardType.COUPON_POOL) {
            return reward.remainingStock;
        }
        long codes = Math.min(freeCodes, Integer.MAX_VALUE);
        return reward.remainingStock == null ? (int) codes : (int) Math.min(reward.remainingStock, codes);
    }

    /** Locks the member's account, then the redemption (the order every writer keeps). */
    private RewardRedemption locked(String id) {
        RewardRedemption found = find(id).orElseThrow(() -> ProblemException.notFound("Reward redemption", id));
        holds.lockAvailable(found.memberId);
        em.refresh(found, LockModeType.PESSIMISTIC_WRITE);
        return found;
    }

    private static java.util.Optional<RewardRedemption> find(String id) {
        try {
            return RewardRedemption.findByIdOptional(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private Map<String, Long> counts(String sql, Object... params) {
        jakarta.persistence.Query query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    private static Map<String, Object> payload(RewardRedemption r) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("redemptionId", String.valueOf(r.id));
        payload.put("rewardCode", r.rewardCode);
        payload.put("rewardName", r.rewardName);
        payload.put("rewardType", r.rewardType.name());
        payload.put("price", Money.format(r.price));
        // The bonuses spent (or given back): what the member's email and feed entry count, as other kinds do.
        payload.put("amount", Money.format(r.price));
        return payload;
    }
}
