package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.money.Money;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
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
        long memberId = members.ref(externalId).id();
        Instant now = clock.now();
        Account account = upToDate(memberId, now);
        Instant horizon = now.plus(java.time.Duration.ofDays(config.expiringSoonDays()));
        Object[] soon = Lot.getEntityManager().createQuery("""
                        select coalesce(sum(l.remaining), 0), min(l.expiresAt) from Lot l
                        where l.accountId = ?1 and l.state = ?2 and l.expiresAt <= ?3""", Object[].class)
                .setParameter(1, memberId).setParameter(2, LotState.ACTIVE).setParameter(3, horizon)
                .getSingleResult();
        return new Balance(account.available, account.pending, account.reserved,
                account.available.add(account.pending).add(account.reserved),
                new Balance.ExpiringSoon(Money.exact((BigDecimal) soon[0]), config.expiringSoonDays(), (Instant) soon[1]),
                now);
    }

    /** Reads settle what is due too, so a balance or history never shows a lot past its expiry or hold. */
    private Account upToDate(long memberId, Instant now) {
        if (!Settlement.due(memberId, now)) {
            return Account.findById(memberId);
        }
        Account account = Account.lock(memberId);
        settlement.settle(account, now);
        return account;
    }

    @Transactional
    public Page<TransactionView> history(String externalId, HistoryFilter filter) {
        long memberId = members.ref(externalId).id();
        upToDate(memberId, clock.now());
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
