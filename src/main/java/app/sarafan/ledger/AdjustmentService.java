package app.sarafan.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
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

    AdjustmentService(MemberService members, Ledger ledger, AccountService accounts, AppClock clock, AuditLog audit) {
        this.audit = audit;
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
            refuseCreditTerms(request);
            tx = ledger.debit(memberId, new Ledger.Debit(TransactionKind.ADJUSTMENT, request.amount(), source,
                    request.reason()));
        } else {
            Instant now = clock.now();
            Instant availableFrom = request.delayDays() == null || request.delayDays() == 0
                    ? null : now.plus(Duration.ofDays(request.delayDays()));
            Instant expiresAt = expiry(request, availableFrom == null ? now : availableFrom);
            tx = ledger.credit(memberId, new Ledger.Credit(TransactionKind.ADJUSTMENT, request.amount(), source,
                    request.reason(), availableFrom, expiresAt));
        }
        AdjustmentResult result = new AdjustmentResult(tx, accounts.balance(externalId));
        // The adjustment is a new transaction, so "before" is the member's balance it changed.
        audit.record(administrator, AuditAction.ADJUSTMENT_CREATED, AuditEntityType.ADJUSTMENT, tx.id(), before,
                result);
        return result;
    }

    private static Instant expiry(AdjustmentRequest request, Instant availableFrom) {
        if (request.lifetimeDays() != null && request.expiresAt() != null) {
            throw ProblemException.invalid("expiresAt", "give either lifetimeDays or expiresAt, not both");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(availableFrom)) {
            throw ProblemException.invalid("expiresAt", "must be after the bonuses become available ("
                    + availableFrom + ")");
        }
        if (request.lifetimeDays() != null) {
            return availableFrom.plus(Duration.ofDays(request.lifetimeDays()));
        }
        return request.expiresAt();
    }

    private static void refuseCreditTerms(AdjustmentRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.lifetimeDays() != null) {
            errors.add(new FieldError("lifetimeDays", "applies to a CREDIT only"));
        }
        if (request.expiresAt() != null) {
            errors.add(new FieldError("expiresAt", "applies to a CREDIT only"));
        }
        if (request.delayDays() != null) {
            errors.add(new FieldError("delayDays", "applies to a CREDIT only"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }
}
