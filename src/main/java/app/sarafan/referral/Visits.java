package app.sarafan.referral;

import java.time.Duration;
import java.util.Optional;

import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records visits and attributes each to a referrer: an explicit code first, then a coupon, then the landing URL's
 * code parameter, then the Referer's verified website. An unattributed visit is recorded too (it still counts as
 * traffic and its visitor may bring a code later).
 */
@ApplicationScoped
public class Visits {

    private final ReferrerLookup lookup;
    private final MemberService members;
    private final AppClock clock;
    private final ReferralConfig config;

    Visits(ReferrerLookup lookup, MemberService members, AppClock clock, ReferralConfig config) {
        this.lookup = lookup;
        this.members = members;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public VisitView record(VisitReport report) {
        Optional<Referrer> referrer = Optional.ofNullable(ReferralCodes.normalize(report.referralCode()))
                .flatMap(lookup::byCode)
                .or(() -> Optional.ofNullable(ReferralCodes.normalize(report.couponCode())).flatMap(lookup::byCoupon))
                .or(() -> lookup.byLandingUrl(report.landingUrl()))
                .or(() -> lookup.byReferer(report.refererUrl()))
                .filter(r -> !members.refById(r.memberId()).blocked());
        Visit visit = new Visit();
        visit.visitorId = report.visitorId();
        visit.referrerId = referrer.map(Referrer::memberId).orElse(null);
        visit.via = referrer.map(Referrer::via).orElse(null);
        visit.source = referrer.map(Referrer::source).orElse(null);
        visit.refererUrl = report.refererUrl();
        visit.landingUrl = report.landingUrl();
        visit.userAgent = report.userAgent();
        visit.ip = report.ip();
        visit.createdAt = clock.now();
        visit.persist();
        return new VisitView(String.valueOf(visit.id), visit.visitorId,
                referrer.map(r -> members.externalIdOf(r.memberId())).orElse(null), visit.via, visit.source,
                visit.createdAt,
                referrer.isPresent() ? visit.createdAt.plus(Duration.ofDays(config.attributionWindowDays())) : null);
    }
}
