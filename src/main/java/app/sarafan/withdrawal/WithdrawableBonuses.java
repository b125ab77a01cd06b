package app.sarafan.withdrawal;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import app.sarafan.common.money.Money;
import app.sarafan.ledger.Holds;
import app.sarafan.rule.BonusOrigin;
import app.sarafan.rule.RuleProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which of a member's bonuses may be withdrawn: the ACTIVE lots whose origin ({@link BonusOrigin}, from the credit's
 * rule profile, referral level and kind; a returned lot has the origin of the lot it was spent from) the withdrawal
 * rule allows, less what open withdrawal requests hold. Redemptions leave that much of them alone.
 */
@ApplicationScoped
public class WithdrawableBonuses {

    record OriginLot(long lotId, BigDecimal remaining, BonusOrigin origin) {
    }

    private final EntityManager em;

    WithdrawableBonuses(EntityManager em) {
        this.em = em;
    }

    /** A RETURN credit keeps the origin of the credit whose lot the bonuses had been spent from. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordReturn(long returnTransactionId, long spentFromTransactionId) {
        em.createNativeQuery("""
                        INSERT INTO returned_lot_origin (transaction_id, origin_transaction_id)
                        SELECT ?1, COALESCE((SELECT origin_transaction_id FROM returned_lot_origin
                                             WHERE transaction_id = ?2), ?2)""")
                .setParameter(1, returnTransactionId).setParameter(2, spentFromTransactionId).executeUpdate();
    }

    /** The lots a redemption may take from only so far as open withdrawals keep what they hold. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Holds.LotChoice keepForWithdrawals(long memberId) {
        List<Withdrawal> open = Withdrawal.list("memberId = ?1 and status in ?2", memberId,
                List.of(WithdrawalStatus.REQUESTED, WithdrawalStatus.APPROVED));
        if (open.isEmpty()) {
            return Holds.LotChoice.SOONEST_EXPIRING;
        }
        Set<BonusOrigin> origins = EnumSet.noneOf(BonusOrigin.class);
        open.forEach(w -> origins.addAll(origins(w.withdrawableOrigins)));
        BigDecimal held = open.stream().map(w -> w.amount).reduce(Money.ZERO, BigDecimal::add);
        return new Holds.LotChoice(Set.of(), lotIds(memberId, origins), held);
    }

    /** The amount of ACTIVE lots of these origins, not counting what open withdrawal requests hold. */
    BigDecimal unheld(long memberId, Set<BonusOrigin> origins) {
        BigDecimal lots = activeLots(memberId).stream().filter(l -> origins.contains(l.origin()))
                .map(OriginLot::remaining).reduce(Money.ZERO, BigDecimal::add);
        BigDecimal held = em.createQuery("""
                        select coalesce(sum(w.amount), 0) from Withdrawal w
                        where w.memberId = ?1 and w.status in ?2""", BigDecimal.class)
                .setParameter(1, memberId)
                .setParameter(2, List.of(WithdrawalStatus.REQUESTED, WithdrawalStatus.APPROVED))
                .getSingleResult();
        return lots.subtract(held).max(Money.ZERO);
    }

    Set<Long> lotIds(long memberId, Set<BonusOrigin> origins) {
        return activeLots(memberId).stream().filter(l -> origins.contains(l.origin())).map(OriginLot::lotId)
                .collect(Collectors.toSet());
    }

    static Set<BonusOrigin> origins(String stored) {
        if (stored == null) {
            return EnumSet.allOf(BonusOrigin.class);
        }
        Set<BonusOrigin> origins = EnumSet.noneOf(BonusOrigin.class);
        for (String name : stored.split(",")) {
            origins.add(BonusOrigin.valueOf(name));
        }
        return origins;
    }

    @SuppressWarnings("unchecked")
    private List<OriginLot> activeLots(long memberId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT l.id, l.remaining, t.referral_level, v.profile, t.kind, t.source_type
                        FROM lot l
                        LEFT JOIN returned_lot_origin o ON o.transaction_id = l.transaction_id
                        JOIN ledger_transaction t ON t.id = COALESCE(o.origin_transaction_id, l.transaction_id)
                        LEFT JOIN rule_version v ON v.id = t.rule_version_id
                        WHERE l.account_id = ?1 AND l.state = 'ACTIVE' AND l.remaining > 0""")
                .setParameter(1, memberId).getResultList();
        return rows.stream().map(r -> new OriginLot(((Number) r[0]).longValue(), (BigDecimal) r[1],
                BonusOrigin.of(r[2] == null ? null : ((Number) r[2]).intValue(),
                        r[3] == null ? null : RuleProfile.valueOf((String) r[3]), (String) r[4], (String) r[5])))
                .toList();
    }
}
