package app.sarafan.earning;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionView;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Takes back what an order earned — for the buyer, every referral level and rights holders — down to the share of
 * the order that still stands. Each accrual's target is {@code round(amount × refundedShare)}; what was taken back
 * before is subtracted, so any number of partial refunds ends exactly at the full amount and never beyond it. The
 * ledger decides how (void while pending, else reversal that may leave a debt: see {@link Ledger#reverse}).
 */
@ApplicationScoped
class OrderReversal {

    private final Ledger ledger;
    private final MemberService members;
    private final DomainEvents events;
    private final EntityManager em;

    OrderReversal(Ledger ledger, MemberService members, DomainEvents events, EntityManager em) {
        this.ledger = ledger;
        this.members = members;
        this.events = events;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    EarningOutcome reverseTo(String orderId, BigDecimal refundedShare, String eventId, String actor, String why) {
        EarningOutcome outcome = EarningOutcome.empty();
        List<Object[]> rows = em.createQuery("""
                        select a.memberId, a.transactionId, t.amount from Accrual a, LedgerTransaction t
                        where a.orderId = ?1 and t.id = a.transactionId order by a.id""", Object[].class)
                .setParameter(1, orderId).getResultList();
        if (rows.isEmpty()) {
            return outcome;
        }
        ledger.lock(rows.stream().map(r -> (Long) r[0]).toList());
        for (Object[] row : rows) {
            long member = (Long) row[0];
            long credit = (Long) row[1];
            BigDecimal target = refundedShare.compareTo(BigDecimal.ONE) >= 0 ? (BigDecimal) row[2]
                    : RewardMath.shareOf((BigDecimal) row[2], refundedShare);
            BigDecimal due = target.subtract(ledger.takenBack(credit));
            if (due.signum() <= 0) {
                continue;
            }
            ledger.reverse(member, new Ledger.Reversal(credit, due, new Source(SourceType.EVENT, eventId, actor),
                    why)).ifPresent(tx -> outcome.reversed().add(published(member, tx, orderId)));
        }
        return outcome;
    }


    private Reversed published(long member, TransactionView tx, String orderId) {
        BigDecimal amount = tx.amount().negate();
        events.publish(DomainEventType.BONUS_REVERSED, member, Map.of("transactionId", tx.id(),
                "amount", Money.format(amount), "orderId", orderId, "kind", tx.kind().name()));
        return new Reversed(tx.id(), members.externalIdOf(member), tx.kind(), amount, tx.relatedTransactionId());
    }
}
