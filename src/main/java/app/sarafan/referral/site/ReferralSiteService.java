package app.sarafan.referral.site;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Members declare their websites, prove they own them, and remove them; shops and admins read them. */
@ApplicationScoped
public class ReferralSiteService {

    private static final Logger LOG = Logger.getLogger(ReferralSiteService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 24;
    /** The first key of this feature's advisory locks; the second is the member id. */
    private static final int LOCK_SPACE = 0x5E17E5;

    private final MemberService members;
    private final OwnershipCheck ownership;
    private final ReferralSitesConfig config;
    private final AppClock clock;

    ReferralSiteService(MemberService members, OwnershipCheck ownership, ReferralSitesConfig config, AppClock clock) {
        this.members = members;
        this.ownership = ownership;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public SiteList<MySiteView> mine(String externalId) {
        return new SiteList<>(sitesOf(members.ref(externalId).id()).stream().map(MySiteView::of).toList());
    }

    @Transactional
    public MySiteView mine(String externalId, String siteId) {
        return MySiteView.of(require(members.ref(externalId).id(), siteId));
    }

    @Transactional
    public SiteList<SiteView> of(String externalId) {
        return new SiteList<>(sitesOf(members.ref(externalId).id()).stream().map(SiteView::of).toList());
    }

    @Transactional
    public MySiteView declare(String externalId, SiteDeclaration request) {
        MemberRef member = active(externalId);
        String domain = DomainName.normalize(request.domain());
        String matchDomain = DomainName.matchKey(domain);
        // One member's declarations one at a time, so that two at once cannot both pass the limit. Member ids
        // beyond 32 bits share locks with others, which only makes a few declarations wait.
        ReferralSite.getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, LOCK_SPACE).setParameter(2, (int) member.id()).getSingleResult();
        long declared = ReferralSite.count("memberId", member.id());
        if (declared >= config.maxPerMember()) {
            throw new ProblemException(ProblemType.LIMIT_REACHED,
                    "A member may declare at most " + config.maxPerMember() + " sites; remove one first")
                    .withMember("limit", config.maxPerMember());
        }
        if (ReferralSite.count("memberId = ?1 and matchDomain = ?2", member.id(), matchDomain) > 0) {
            throw duplicate(domain, "You have already declared " + domain);
        }
        if (verifiedByAnother(member.id(), matchDomain)) {
            throw takenBy(domain);
        }
        ReferralSite site = new ReferralSite();
        site.memberId = member.id();
        site.domain = domain;
        site.matchDomain = matchDomain;
        site.verificationToken = newToken();
        site.status = SiteStatus.PENDING;
        site.createdAt = clock.now();
        site.persist();
        flush(duplicate(domain, "You have already declared " + domain));
        return MySiteView.of(site);
    }

    /**
     * Runs the check now and records its outcome. The check fetches from the member's site for up to the
     * configured check timeout, so it runs outside any transaction: a slow site must not hold a database
     * connection. The outcome is written in a second, short transaction.
     */
    @Transactional(Transactional.TxType.NEVER)
    public MySiteView verify(String externalId, String siteId) {
        ReferralSite target = QuarkusTransaction.requiringNew().call(() -> require(active(externalId).id(), siteId));
        CheckOutcome outcome = ownership.check(target.domain, target.verificationToken);
        LOG.infof("Referral site %d (member %d): %s", target.id, target.memberId,
                outcome.verified() ? "verified by " + outcome.method() : "not verified, " + outcome.failure());
        return QuarkusTransaction.requiringNew().call(() -> record(target.memberId, siteId, outcome));
    }

    @Transactional
    public void remove(String externalId, String siteId) {
        require(members.ref(externalId).id(), siteId).delete();
    }

    private MySiteView record(long memberId, String siteId, CheckOutcome outcome) {
        ReferralSite site = require(memberId, siteId);
        Instant now = clock.now();
        site.lastCheckedAt = now;
        if (outcome.verified()) {
            if (verifiedByAnother(memberId, site.matchDomain)) {
                throw takenBy(site.domain);
            }
            site.verifiedAt = site.status == SiteStatus.VERIFIED ? site.verifiedAt : now;
            site.status = SiteStatus.VERIFIED;
            site.verificationMethod = outcome.method();
            site.failureReason = null;
            site.failureDetail = null;
        } else {
            site.status = SiteStatus.FAILED;
            site.verificationMethod = null;
            site.verifiedAt = null;
            site.failureReason = outcome.failure();
            site.failureDetail = outcome.detail();
        }
        flush(takenBy(site.domain));
        return MySiteView.of(site);
    }

    private MemberRef active(String externalId) {
        MemberRef member = members.ref(externalId);
        if (member.blocked()) {
            throw new ProblemException(ProblemType.MEMBER_BLOCKED, "Member '" + externalId + "' is blocked");
        }
        return member;
    }

    private static List<ReferralSite> sitesOf(long memberId) {
        return ReferralSite.list("memberId = ?1 order by id desc", memberId);
    }

    private static ReferralSite require(long memberId, String siteId) {
        return ReferralSite.ofMember(memberId, siteId).orElseThrow(() -> ProblemException.notFound("Site", siteId));
    }

    private static boolean verifiedByAnother(long memberId, String matchDomain) {
        return ReferralSite.verifiedFor(matchDomain).filter(site -> site.memberId != memberId).isPresent();
    }

    /** Two requests racing past the checks above: the unique indexes decide, and the loser gets the refusal. */
    private static void flush(ProblemException ifDuplicate) {
        try {
            ReferralSite.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw ifDuplicate;
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException takenBy(String domain) {
        return duplicate(domain, domain + " is already verified by another member");
    }

    private static ProblemException duplicate(String domain, String detail) {
        return new ProblemException(ProblemType.DUPLICATE, detail).withMember("domain", domain);
    }

    /** 24 random bytes: 32 URL-safe characters that no one can guess. */
    private static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
