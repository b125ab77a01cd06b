package app.sarafan.referral;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.Attribution;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Binds a member to a referrer, once: at registration or at the first order of a member still unbound.
 *
 * <p>The referrer is what the attribution names — a code, else a coupon, else the visitor's visits within the
 * attribution window (first or last touch). A binding is refused to oneself (same member or same email), to a
 * blocked referrer and into a cycle. It is made but FLAGGED for review when the member shares an IP address or
 * device with the referrer, or when their visitor id has already registered several members.
 *
 * <p>Bindings are serialized by one transaction-scoped advisory lock: two bindings racing to close a cycle
 * (A under B while B goes under A) cannot both pass the cycle check.
 */
@ApplicationScoped
public class ReferralBinding {

    private static final long BINDING_LOCK = 0x5A_52_42_49_4E_44L;

    private final EntityManager em;
    private final ReferrerLookup lookup;
    private final ReferralTree tree;
    private final MemberService members;
    private final DomainEvents events;
    private final AppClock clock;
    private final ReferralConfig config;

    ReferralBinding(EntityManager em, ReferrerLookup lookup, ReferralTree tree, MemberService members,
            DomainEvents events, AppClock clock, ReferralConfig config) {
        this.em = em;
        this.lookup = lookup;
        this.tree = tree;
        this.members = members;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public Binding bind(long memberId, Attribution attribution, boolean atRegistration) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, BINDING_LOCK).getSingleResult();
        ReferralProfile profile = ReferralProfile.lock(memberId);
        if (profile.referrerId != null) {
            return alreadyBound(profile);
        }
        if (profile.reviewStatus == ReviewStatus.REJECTED) {
            return Binding.refused(BindingOutcome.REJECTED_IN_REVIEW);
        }
        rememberWhereFrom(profile, attribution);
        Optional<Referrer> candidate = candidate(attribution);
        if (candidate.isEmpty()) {
            boolean namedOne = attribution != null && (ReferralCodes.normalize(attribution.referralCode()) != null
                    || ReferralCodes.normalize(attribution.couponCode()) != null);
            return Binding.refused(namedOne ? BindingOutcome.UNKNOWN_CODE : BindingOutcome.NOT_ATTRIBUTED);
        }
        Referrer referrer = candidate.get();
        MemberRef referrerRef = members.refById(referrer.memberId());
        Optional<BindingOutcome> refusal = refusal(memberId, referrerRef);
        if (refusal.isPresent()) {
            return Binding.refused(refusal.get());
        }
        List<String> suspicions = suspicions(profile, referrer.memberId());
        Instant now = clock.now();
        profile.referrerId = referrer.memberId();
        profile.boundAt = now;
        profile.boundVia = referrer.via();
        profile.boundSource = referrer.source();
        profile.flag(suspicions);
        tree.attach(memberId, referrer.memberId());
        publish(profile, referrerRef, atRegistration, suspicions);
        return new Binding(suspicions.isEmpty() ? BindingOutcome.BOUND : BindingOutcome.FLAGGED,
                referrerRef.externalId(), referrer.via(), referrer.source(), now, suspicions);
    }

    /**
     * Binds a member directly to a referrer named by another system (an import), under the same rules as
     * {@link #bind}: once only, never to themself, to a blocked referrer or into a cycle. There is no visit, IP
     * address or device to judge, so nothing is flagged; and no REFERRAL_REGISTERED event is published, since the
     * member did not just register (REFERRAL_BOUND is, with its channel, so consumers can tell imports apart).
     */
    @Transactional
    public Binding bindTo(long memberId, long referrerId, BindingChannel via, String source) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, BINDING_LOCK).getSingleResult();
        ReferralProfile profile = ReferralProfile.lock(memberId);
        if (profile.referrerId != null) {
            return alreadyBound(profile);
        }
        if (profile.reviewStatus == ReviewStatus.REJECTED) {
            return Binding.refused(BindingOutcome.REJECTED_IN_REVIEW);
        }
        MemberRef referrerRef = members.refById(referrerId);
        Optional<BindingOutcome> refusal = refusal(memberId, referrerRef);
        if (refusal.isPresent()) {
            return Binding.refused(refusal.get());
        }
        Instant now = clock.now();
        profile.referrerId = referrerId;
        profile.boundAt = now;
        profile.boundVia = via;
        profile.boundSource = source;
        profile.flag(List.of());
        tree.attach(memberId, referrerId);
        publish(profile, referrerRef, false, List.of());
        return new Binding(BindingOutcome.BOUND, referrerRef.externalId(), via, source, now, List.of());
    }

    /** Why a member may not go under this referrer, whoever named them: blocked member, self, blocked referrer, cycle. */
    private Optional<BindingOutcome> refusal(long memberId, MemberRef referrer) {
        if (members.refById(memberId).blocked()) {
            return Optional.of(BindingOutcome.MEMBER_BLOCKED);
        }
        if (referrer.id() == memberId || sameEmail(memberId, referrer.id())) {
            return Optional.of(BindingOutcome.SELF_REFERRAL);
        }
        if (referrer.blocked()) {
            return Optional.of(BindingOutcome.REFERRER_BLOCKED);
        }
        if (tree.isInSubtreeOf(referrer.id(), memberId)) {
            return Optional.of(BindingOutcome.CYCLE);
        }
        return Optional.empty();
    }

    /** A code first, then a coupon, then the visitor's visits: the first that names a referrer wins. */
    private Optional<Referrer> candidate(Attribution attribution) {
        if (attribution == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ReferralCodes.normalize(attribution.referralCode())).flatMap(lookup::byCode)
                .or(() -> Optional.ofNullable(ReferralCodes.normalize(attribution.couponCode()))
                        .flatMap(lookup::byCoupon))
                .or(() -> byVisits(attribution.visitorId()));
    }

    private Optional<Referrer> byVisits(String visitorId) {
        if (visitorId == null || visitorId.isBlank()) {
            return Optional.empty();
        }
        Instant windowStart = clock.now().minus(Duration.ofDays(config.attributionWindowDays()));
        String order = config.touchModel() == ReferralConfig.TouchModel.FIRST_TOUCH ? "createdAt, id" : "createdAt desc, id desc";
        return Visit.<Visit>find("visitorId = ?1 and referrerId is not null and createdAt >= ?2 order by " + order,
                        visitorId, windowStart)
                .firstResultOptional()
                .map(v -> new Referrer(v.referrerId, v.via, v.source));
    }

    private static void rememberWhereFrom(ReferralProfile profile, Attribution attribution) {
        if (attribution == null) {
            return;
        }
        profile.registrationIp = attribution.ip() != null ? attribution.ip() : profile.registrationIp;
        profile.registrationDevice = attribution.deviceId() != null ? attribution.deviceId() : profile.registrationDevice;
        profile.registrationVisitor = attribution.visitorId() != null ? attribution.visitorId() : profile.registrationVisitor;
    }

    private List<String> suspicions(ReferralProfile member, long referrerId) {
        ReferralProfile referrer = ReferralProfile.findById(referrerId);
        List<String> reasons = new ArrayList<>();
        if (member.registrationIp != null && member.registrationIp.equals(referrer.registrationIp)) {
            reasons.add("same IP address as the referrer");
        }
        if (member.registrationDevice != null && member.registrationDevice.equals(referrer.registrationDevice)) {
            reasons.add("same device as the referrer");
        }
        if (member.registrationVisitor != null) {
            long fromVisitor = ReferralProfile.count("registrationVisitor = ?1 and memberId <> ?2",
                    member.registrationVisitor, member.memberId);
            if (fromVisitor >= config.registrationsPerVisitorBeforeReview()) {
                reasons.add(fromVisitor + " other members registered from the same visitor id");
            }
        }
        return reasons;
    }

    private boolean sameEmail(long memberId, long referrerId) {
        String a = members.emailOf(memberId);
        String b = members.emailOf(referrerId);
        return a != null && a.equalsIgnoreCase(b);
    }

    private void publish(ReferralProfile profile, MemberRef referrer, boolean atRegistration, List<String> suspicions) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("member", members.externalIdOf(profile.memberId));
        payload.put("referrer", referrer.externalId());
        payload.put("via", profile.boundVia.name());
        payload.put("atRegistration", atRegistration);
        payload.put("flagged", !suspicions.isEmpty());
        events.publish(DomainEventType.REFERRAL_BOUND, profile.memberId, payload);
        if (atRegistration) {
            events.publish(DomainEventType.REFERRAL_REGISTERED, referrer.id(), payload);
        }
        if (!suspicions.isEmpty()) {
            payload.put("reasons", suspicions);
            events.publish(DomainEventType.REFERRAL_FLAGGED, profile.memberId, payload);
        }
    }

    private Binding alreadyBound(ReferralProfile profile) {
        return new Binding(BindingOutcome.ALREADY_BOUND, members.externalIdOf(profile.referrerId), profile.boundVia,
                profile.boundSource, profile.boundAt, reasons(profile));
    }

    private static List<String> reasons(ReferralProfile profile) {
        return profile.reasons();
    }
}
