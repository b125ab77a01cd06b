package app.sarafan.ledger;

import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Administrators' manual credits and debits, each with its mandatory reason and the administrator's identity. */
@ApplicationScoped
public class AdjustmentService {

    private final MemberService members;
    private final Ledger ledger;
    private final AccountService accounts;
    private final AppClock clock;

    AdjustmentService(MemberService members, Ledger ledger, AccountService accounts, AppClock clock) {
        this.members = members;
        this.ledger = ledger;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public AdjustmentResult adjust(String externalId, AdjustmentRequest request, String administrator) {
        long memberId = members.ref(externalId).id();
        Source source = new Source(SourceType.ADMIN, administrator, administrator);
        TransactionView tx;
        if (request.type() == AdjustmentType.DEBIT) {
            CreditTerms.refuseOnDebit(request.delayDays(), request.lifetimeDays(), request.expiresAt());
            tx = ledger.debit(memberId, new Ledger.Debit(TransactionKind.ADJUSTMENT, request.amount(), source,
                    request.reason()));
        } else {
            CreditTerms terms = CreditTerms.of(request.delayDays(), request.lifetimeDays(), request.expiresAt(),
                    clock.now());
            tx = ledger.credit(memberId, new Ledger.Credit(TransactionKind.ADJUSTMENT, request.amount(), source,
                    request.reason(), terms.availableFrom(), terms.expiresAt()));
        }
        return new AdjustmentResult(tx, accounts.balance(externalId));
    }
}
