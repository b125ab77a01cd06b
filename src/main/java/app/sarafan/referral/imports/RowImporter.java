package app.sarafan.referral.imports;

import java.util.List;
import java.util.Optional;

import app.sarafan.common.error.ProblemException;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.member.MemberCreate;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.referral.Binding;
import app.sarafan.referral.BindingChannel;
import app.sarafan.referral.ReferralBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Imports a row in the transaction that records its outcome and the import's counters; a rejected row keeps
 * nothing. Running a row again changes nothing, whatever was done before:
 * <ul>
 *   <li>a member who exists is not created again (nor changed: an import creates members, it does not update
 *       them);</li>
 *   <li>a binding is made once — the same referrer again is no change, another referrer is a rejected row, since a
 *       binding never changes;</li>
 *   <li>the lots are credited once per member, ever: their transactions carry the source IMPORT with the member's
 *       externalId, and {@link Ledger#creditOnce} writes nothing when the account already has one.</li>
 * </ul>
 * A row is IMPORTED when any of that changed something, SKIPPED when all of it was already there.
 */
@ApplicationScoped
class RowImporter {

    private final MemberService members;
    private final ReferralBinding binding;
    private final Ledger ledger;
    private final ImportRuns runs;

    RowImporter(MemberService members, ReferralBinding binding, Ledger ledger, ImportRuns runs) {
        this.members = members;
        this.binding = binding;
        this.ledger = ledger;
        this.runs = runs;
    }

    /**
     * Several rows in one transaction, to save commits. When one of them is rejected, the whole transaction rolls
     * back (the caller then runs the rows one by one).
     */
    @Transactional
    List<RowStatus> runAll(ImportRuns.Claim claim, String owner, List<ImportRuns.PendingRow> rows) {
        return rows.stream().map(row -> run(claim, owner, row)).toList();
    }

    @Transactional
    RowStatus run(ImportRuns.Claim claim, String owner, ImportRuns.PendingRow row) {
        runs.holdLease(claim.importId(), owner);
        ImportRow data = row.data();
        Long referrerId = data.referrerExternalId() == null ? null : referrer(data);
        boolean changed = false;
        Optional<MemberRef> existing = members.find(data.externalId());
        if (existing.isEmpty()) {
            create(data);
            changed = true;
        }
        long memberId = existing.or(() -> members.find(data.externalId())).orElseThrow().id();
        if (referrerId != null) {
            changed |= bind(memberId, referrerId, data, claim.importId());
        }
        if (!data.lots().isEmpty()) {
            changed |= credit(memberId, data, claim);
        }
        RowStatus status = changed ? RowStatus.IMPORTED : RowStatus.SKIPPED;
        runs.record(claim.importId(), row.position(), status, List.of());
        return status;
    }

    /** Referrers come before their referrals in the processing order, so a referrer of the file exists by now. */
    private long referrer(ImportRow data) {
        String referrer = data.referrerExternalId();
        return members.find(referrer).map(MemberRef::id).orElseThrow(() -> new RowRejected("referrerExternalId",
                data.referrerRow() == null
                        ? "unknown referrer '" + referrer + "': not a registered member and not in this file"
                        : "referrer '" + referrer + "' (row " + data.referrerRow() + ") was not imported"));
    }

    private void create(ImportRow data) {
        try {
            members.create(new MemberCreate(data.externalId(), data.email(), data.name(), null, null, null, null,
                    null, null, null, null, null));
        } catch (ProblemException e) {
            // Another import (or the shop) registered the member meanwhile; a rerun will find them.
            throw new RowRejected("externalId", e.getMessage());
        }
    }

    private boolean bind(long memberId, long referrerId, ImportRow data, long importId) {
        String referrer = data.referrerExternalId();
        Binding result = binding.bindTo(memberId, referrerId, BindingChannel.IMPORT, "import " + importId);
        return switch (result.outcome()) {
            case BOUND, FLAGGED -> true;
            case ALREADY_BOUND -> {
                if (!referrer.equals(result.referrerExternalId())) {
                    throw new RowRejected("referrerExternalId", "the member is already bound to '"
                            + result.referrerExternalId() + "'; a binding never changes");
                }
                yield false;
            }
            case SELF_REFERRAL -> throw new RowRejected("referrerExternalId",
                    "'" + referrer + "' is the member themself (same member or email): a member cannot refer themself");
            case CYCLE -> throw new RowRejected("referrerExternalId",
                    "'" + referrer + "' is in the member's own network: the binding would close a cycle");
            case REFERRER_BLOCKED -> throw new RowRejected("referrerExternalId", "'" + referrer + "' is blocked");
            case MEMBER_BLOCKED -> throw new RowRejected("externalId", "the member is blocked");
            case REJECTED_IN_REVIEW -> throw new RowRejected("referrerExternalId",
                    "an administrator rejected this member's binding; they are not bound again");
            case NOT_ATTRIBUTED, UNKNOWN_CODE -> throw new IllegalStateException(
                    "A direct binding answered " + result.outcome());
        };
    }

    private boolean credit(long memberId, ImportRow data, ImportRuns.Claim claim) {
        Source source = new Source(SourceType.IMPORT, data.externalId(), claim.actor());
        String reason = "Balance brought over from the previous program (import " + claim.importId() + ")";
        List<Ledger.Credit> credits = data.lots().stream().map(lot -> new Ledger.Credit(TransactionKind.ACCRUAL,
                lot.amount(), source, reason, null, lot.expiresAt())).toList();
        return !ledger.creditOnce(memberId, source, credits).isEmpty();
    }
}
