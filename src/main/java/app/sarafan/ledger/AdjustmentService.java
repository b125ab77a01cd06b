package app.sarafan.ledger;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
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
    private final AuditLog audit;
    private final DomainEvents events;

    AdjustmentService(MemberService members, Ledger ledger, AccountService accounts, AppClock clock, AuditLog audit,
            DomainEvents events) {
        this.audit = audit;
        this.events = events;
        this.members = members;
        this.ledger = ledger;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public AdjustmentResult adjust(String externalId, AdjustmentRequest request, String administrator) {
        long memberId = members.ref(externalId).id();
        Source source = new Source(SourceType.ADMIN, administrator, administrator);
        // The balance before is read under the account lock the ledger takes anyway: read unlocked, the account
        // would sit in the session with a stale state that the ledger's lock does not refresh (lost updates).
        Account.lock(memberId);
        Balance before = accounts.balance(externalId);
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
        events.publish(DomainEventType.BALANCE_ADJUSTED, memberId, announcement(request, tx));
        AdjustmentResult result = new AdjustmentResult(tx, accounts.balance(externalId));
        // The adjustment is a new transaction, so "before" is the member's balance it changed.
        audit.record(administrator, AuditAction.ADJUSTMENT_CREATED, AuditEntityType.ADJUSTMENT, tx.id(), before,
                result);
        return result;
    }

    /** What the member's email and the shop's webhook are told; the amount is positive, the type says which way. */
    private static Map<String, Object> announcement(AdjustmentRequest request, TransactionView tx) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("transactionId", tx.id());
        payload.put("type", request.type().name());
        payload.put("amount", Money.format(tx.amount().abs()));
        payload.put("reason", request.reason());
        payload.put("pending", tx.pendingChange().signum() > 0);
        payload.put("availableFrom", tx.pendingChange().signum() > 0 ? tx.availableFrom().toString() : null);
        payload.put("expiresAt", tx.expiresAt() == null ? null : tx.expiresAt().toString());
        return payload;
    }
}
