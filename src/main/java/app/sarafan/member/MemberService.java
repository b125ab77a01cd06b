package app.sarafan.member;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.sql.SqlArrays;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class MemberService {

    private final AppClock clock;
    private final Event<MemberCreated> created;
    private final AuditLog audit;
    private final MemberIds ids;

    MemberService(AppClock clock, Event<MemberCreated> created, AuditLog audit, MemberIds ids) {
        this.ids = ids;
        this.clock = clock;
        this.created = created;
        this.audit = audit;
    }

    @Transactional
    public MemberView create(MemberCreate request) {
        if (Member.byExternalId(request.externalId()).isPresent()) {
            throw duplicate(request.externalId());
        }
        Instant now = clock.now();
        Member member = new Member();
        member.externalId = request.externalId();
        member.email = request.email().trim();
        member.name = request.name();
        member.phone = request.phone();
        member.birthday = request.birthday();
        member.locale = request.locale() == null ? "en" : request.locale();
        member.timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
        member.status = MemberStatus.ACTIVE;
        member.profileCompleted = Boolean.TRUE.equals(request.profileCompleted());
        member.newsletterSubscribed = Boolean.TRUE.equals(request.newsletterSubscribed());
        SmsConsent.byShop(member, request.smsOptIn(), false, now);
        member.registeredAt = request.registeredAt() == null ? now : request.registeredAt();
        member.createdAt = now;
        member.updatedAt = now;
        try {
            member.persistAndFlush();
        } catch (PersistenceException e) {
            // Two retries racing past the check above: the unique index decides. Anything else is not a duplicate.
            if (isUniqueViolation(e)) {
                throw duplicate(request.externalId());
            }
            throw e;
        }
        created.fire(new MemberCreated(member.id, member.externalId, member.email, request.attribution()));
        return MemberView.of(member);
    }

    /**
     * Records what the shop reported of a member (profile completed, newsletter subscribed); a flag is only ever
     * raised here, never lowered: the bonus for it was earned.
     */
    @Transactional
    public void raiseFlags(long memberId, boolean profileCompleted, boolean newsletterSubscribed) {
        Member member = Member.findById(memberId);
        member.profileCompleted |= profileCompleted;
        member.newsletterSubscribed |= newsletterSubscribed;
        member.updatedAt = clock.now();
    }

    @Transactional
    public MemberView get(String externalId) {
        return MemberView.of(require(externalId));
    }

    @Transactional
    public MemberView update(String externalId, MemberUpdate update) {
        Member member = require(externalId);
        boolean phoneChanged = update.phone() != null && !update.phone().equals(member.phone);
        if (update.email() != null) {
            member.email = update.email().trim();
        }
        if (update.name() != null) {
            member.name = update.name();
        }
        if (update.phone() != null) {
            member.phone = update.phone();
        }
        if (update.birthday() != null) {
            member.birthday = update.birthday();
        }
        if (update.locale() != null) {
            member.locale = update.locale();
        }
        if (update.timeZone() != null) {
            member.timeZone = update.timeZone();
        }
        if (update.profileCompleted() != null) {
            member.profileCompleted = update.profileCompleted();
        }
        if (update.newsletterSubscribed() != null) {
            member.newsletterSubscribed = update.newsletterSubscribed();
        }
        SmsConsent.byShop(member, update.smsOptIn(), phoneChanged, clock.now());
        member.updatedAt = clock.now();
        return MemberView.of(member);
    }

    @Transactional
    public SmsConsent smsConsent(String externalId) {
        return SmsConsent.of(require(externalId));
    }

    /** The member's own SMS consent (the cabinet). */
    @Transactional
    public SmsConsent changeSmsConsent(String externalId, boolean optIn) {
        Member member = require(externalId);
        SmsConsent.byMember(member, optIn, clock.now());
        member.updatedAt = clock.now();
        return SmsConsent.of(member);
    }

    @Transactional
    public MemberView block(String externalId, MemberBlock request, String actor) {
        Member member = require(externalId);
        MemberView before = MemberView.of(member);
        member.status = MemberStatus.BLOCKED;
        member.blockedReason = request.reason();
        member.updatedAt = clock.now();
        return audited(actor, AuditAction.MEMBER_BLOCKED, before, member);
    }

    @Transactional
    public MemberView unblock(String externalId, String actor) {
        Member member = require(externalId);
        MemberView before = MemberView.of(member);
        member.status = MemberStatus.ACTIVE;
        member.blockedReason = null;
        member.updatedAt = clock.now();
        return audited(actor, AuditAction.MEMBER_UNBLOCKED, before, member);
    }

    /** Blocks are audited like admin changes: the actor (a shop key or an admin key) tells who did it. */
    private MemberView audited(String actor, AuditAction action, MemberView before, Member member) {
        MemberView after = MemberView.of(member);
        audit.record(actor, action, AuditEntityType.MEMBER, member.externalId, before, after);
        return after;
    }

    /** The member other features act on; 404 when the shop has not registered them. */
    @Transactional
    public MemberRef ref(String externalId) {
        return find(externalId).orElseThrow(() -> ProblemException.notFound("Member", externalId));
    }

    /** The member, if the shop (or an import) registered them; for callers to whom an unknown id is not an error. */
    @Transactional
    public Optional<MemberRef> find(String externalId) {
        // A projection: a member entity would stay in the persistence context and be dirty-checked at every flush
        // of the transaction (an event's runs a dozen).
        return Jdbc.first(Member.getEntityManager(), "SELECT id, external_id, status FROM member WHERE external_id = ?",
                row -> new MemberRef(row.getLong(1), row.getString(2), MemberStatus.valueOf(row.getString(3))),
                externalId);
    }

    /** The internal id of a member other features address by their external id; 404 for an unknown member. */
    @Transactional
    public long idOf(String externalId) {
        return ids.idOf(externalId).orElseThrow(() -> ProblemException.notFound("Member", externalId));
    }

    /** The member behind an internal id other features hold (the id always exists: it is a foreign key). */
    @Transactional
    public MemberRef refById(long memberId) {
        return refsById(List.of(memberId)).get(memberId);
    }

    /** Several members behind internal ids, in one query that leaves nothing in the persistence context. */
    @Transactional
    public java.util.Map<Long, MemberRef> refsById(java.util.Collection<Long> memberIds) {
        java.util.Map<Long, MemberRef> refs = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return refs;
        }
        // An array parameter keeps it one statement whatever the number (an IN list is translated afresh each time).
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Member.getEntityManager().createNativeQuery(
                        "SELECT id, external_id, status FROM member WHERE id = ANY (CAST(?1 AS BIGINT[]))")
                .setParameter(1, SqlArrays.bigints(memberIds))
                .getResultList();
        rows.forEach(row -> refs.put(((Number) row[0]).longValue(), ref(row)));
        return refs;
    }

    private static MemberRef ref(Object[] row) {
        return new MemberRef(((Number) row[0]).longValue(), (String) row[1], MemberStatus.valueOf((String) row[2]));
    }

    @Transactional
    public String externalIdOf(long memberId) {
        return ids.externalIdOf(memberId);
    }

    @Transactional
    public String emailOf(long memberId) {
        return Member.<Member>findById(memberId).email;
    }

    /** A name others may see: first name and the initial of the last ("Ivan P."), never the email. */
    @Transactional
    public String displayNameOf(long memberId) {
        Member member = Member.findById(memberId);
        return DisplayName.of(member.name, member.externalId);
    }

    private static Member require(String externalId) {
        return Member.byExternalId(externalId).orElseThrow(() -> ProblemException.notFound("Member", externalId));
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException duplicate(String externalId) {
        return new ProblemException(ProblemType.DUPLICATE, "A member with externalId '" + externalId + "' already exists")
                .withMember("externalId", externalId);
    }
}
