package app.sarafan.event;

import app.sarafan.award.MemberAwards;
import app.sarafan.rank.MemberStanding;
import app.sarafan.referral.ReferralTree;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * After an event, the ranks and threshold awards of the member it was about and of their direct referrer (whose
 * paying referrals it may have changed) are brought up to date, in the event's transaction.
 */
@ApplicationScoped
class Standings {

    private final MemberStanding ranks;
    private final MemberAwards awards;
    private final ReferralTree tree;

    Standings(MemberStanding ranks, MemberAwards awards, ReferralTree tree) {
        this.ranks = ranks;
        this.awards = awards;
        this.tree = tree;
    }

    void refresh(long memberId) {
        refreshOne(memberId);
        tree.upline(memberId, 1).forEach(referrer -> refreshOne(referrer.memberId()));
    }

    private void refreshOne(long memberId) {
        ranks.recalculate(memberId, MemberStanding.Cause.EVENT);
        awards.evaluate(memberId);
    }
}
