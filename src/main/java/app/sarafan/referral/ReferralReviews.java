package app.sarafan.referral;

import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Administrators decide on flagged bindings: approve keeps the binding, reject undoes it (the member and their
 * own network leave the referrer's network; the member stays unbound).
 */
@ApplicationScoped
public class ReferralReviews {

    private final MemberService members;
    private final ReferralTree tree;
    private final ReferralService referrals;
    private final AuditLog audit;

    ReferralReviews(MemberService members, ReferralTree tree, ReferralService referrals, AuditLog audit) {
        this.audit = audit;
        this.members = members;
        this.tree = tree;
        this.referrals = referrals;
    }

    @Transactional
    public Page<ReviewItem> flagged(Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        List<ReferralProfile> rows = ReferralProfile.<ReferralProfile>find(
                "reviewStatus = ?1 and memberId < ?2 order by memberId desc", ReviewStatus.FLAGGED,
                Cursor.decode(cursor)).page(0, size + 1).list();
        List<ReviewItem> items = rows.stream().limit(size).map(p -> new ReviewItem(members.externalIdOf(p.memberId),
                members.externalIdOf(p.referrerId), p.boundVia, p.boundAt,
                p.reasons())).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(rows.get(size - 1).memberId) : null);
    }

    @Transactional
    public MemberReferralView approve(String externalId, String administrator) {
        ReferralProfile profile = flaggedProfile(externalId);
        MemberReferralView before = referrals.view(externalId, profile);
        profile.reviewStatus = ReviewStatus.APPROVED;
        return audited(administrator, AuditAction.REFERRAL_REVIEW_APPROVED, externalId, before, profile);
    }

    @Transactional
    public MemberReferralView reject(String externalId, String administrator) {
        ReferralProfile profile = flaggedProfile(externalId);
        MemberReferralView before = referrals.view(externalId, profile);
        tree.detach(profile.memberId);
        profile.referrerId = null;
        profile.boundAt = null;
        profile.boundVia = null;
        profile.boundSource = null;
        profile.reviewStatus = ReviewStatus.REJECTED;
        return audited(administrator, AuditAction.REFERRAL_REVIEW_REJECTED, externalId, before, profile);
    }

    private MemberReferralView audited(String administrator, AuditAction action, String externalId,
            MemberReferralView before, ReferralProfile profile) {
        MemberReferralView after = referrals.view(externalId, profile);
        audit.record(administrator, action, AuditEntityType.REFERRAL_REVIEW, externalId, before, after);
        return after;
    }

    private ReferralProfile flaggedProfile(String externalId) {
        ReferralProfile profile = ReferralProfile.lock(members.ref(externalId).id());
        if (profile.reviewStatus != ReviewStatus.FLAGGED) {
            throw new ProblemException(ProblemType.WRONG_STATE,
                    "The binding of '" + externalId + "' is not waiting for review (" + profile.reviewStatus + ")");
        }
        return profile;
    }
}
