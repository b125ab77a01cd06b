package app.sarafan.ledger;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.money.Money;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.time.SqlInstants;
import app.sarafan.member.MemberCreated;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/** Opens accounts and answers what a member's account holds: the balance and the transaction history. */
@ApplicationScoped
public class AccountService {

    private final MemberService members;
    private final Settlement settlement;
    private final AppClock clock;
    private final LedgerConfig config;

    AccountService(MemberService members, Settlement settlement, AppClock clock, LedgerConfig config) {
        this.members = members;
        this.settlement = settlement;
        this.clock = clock;
        this.config = config;
    }

    void open(@Observes MemberCreated member) {
        Account account = new Account();
        account.memberId = member.memberId();
        account.available = Money.ZERO;
        account.pending = Money.ZERO;
        account.reserved = Money.ZERO;
        account.updatedAt = clock.now();
        account.persist();
    }

    @Transactional
    public Balance balance(String externalId) {
        long memberId = members.idOf(externalId);
        Instant now = clock.now();
        Object[] row = balanceRow(memberId, now);
        if (Boolean.TRUE.equals(row[3])) {
            // Something matured or expired since the account was last touched: settle it, then read again.
            settlement.settle(Account.lock(memberId), now);
            row = balanceRow(memberId, now);
        }
        BigDecimal available = Money.exact((BigDecimal) row[0]);
        BigDecimal pending = Money.exact((BigDecimal) row[1]);
        BigDecimal reserved = Money.exact((BigDecimal) row[2]);
        return new Balance(available, pending, reserved, available.add(pending).add(reserved),
                new Balance.ExpiringSoon(Money.exact((BigDecimal) row[4]), config.expiringSoonDays(),
                        SqlInstants.of(row[5])), now);
    }

    /**
     * The account's parts, whether something is due to settle, and what burns within the expiring-soon window, in
     * one statement: the cabinet asks for the balance more than for anything else.
     */
    private Object[] balanceRow(long memberId, Instant now) {
        return (Object[]) Account.getEntityManager().createNativeQuery("""
                        SELECT a.available, a.pending, a.reserved,
                               EXISTS (SELECT 1 FROM lot l WHERE l.account_id = a.member_id
                                         AND ((l.state = 'PENDING' AND l.available_from <= ?2)
                                           OR (l.state = 'ACTIVE' AND l.expires_at <= ?2))),
                               soon.amount, soon.first
                        FROM account a,
                             LATERAL (SELECT coalesce(sum(l.remaining), 0) AS amount, min(l.expires_at) AS first
                                      FROM lot l WHERE l.account_id = a.member_id AND l.state = 'ACTIVE'
                                        AND l.expires_at <= ?3) soon
                        WHERE a.member_id = ?1""")
                .setParameter(1, memberId)
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, Timestamp.from(now.plus(Duration.ofDays(config.expiringSoonDays()))))
                .getSingleResult();
    }

    /** Reads settle what is due too, so a history never shows a lot past its expiry or hold. */
    private void settleIfDue(long memberId, Instant now) {
        if (Settlement.due(memberId, now)) {
            settlement.settle(Account.lock(memberId), now);
        }
    }

    @Transactional
    public Page<TransactionView> history(String externalId, HistoryFilter filter) {
        long memberId = members.idOf(externalId);
        settleIfDue(memberId, clock.now());
        List<Object> params = new ArrayList<>();
        params.add(memberId);
        String where = "accountId = ?1 and " + filter.where(params);
        List<LedgerTransaction> rows = LedgerTransaction.<LedgerTransaction>find(where + " order by id desc",
                params.toArray()).page(0, filter.limit() + 1).list();
        boolean more = rows.size() > filter.limit();
        List<TransactionView> items = rows.stream().limit(filter.limit()).map(TransactionView::of).toList();
        String next = more ? Cursor.encode(rows.get(filter.limit() - 1).id) : null;
        return new Page<>(items, next);
    }
}
