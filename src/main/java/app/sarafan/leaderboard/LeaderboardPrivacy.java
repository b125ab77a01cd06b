package app.sarafan.leaderboard;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.DisplayName;
import app.sarafan.member.MemberService;
import app.sarafan.member.MemberView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Members choose how the leaderboard shows them; everyone else sees only that name. */
@ApplicationScoped
public class LeaderboardPrivacy {

    static final String ANONYMOUS = "Anonymous member";

    private final MemberService members;
    private final AppClock clock;

    LeaderboardPrivacy(MemberService members, AppClock clock) {
        this.members = members;
        this.clock = clock;
    }

    @Transactional
    public LeaderboardProfileView get(String externalId) {
        MemberView member = members.get(externalId);
        LeaderboardProfile profile = LeaderboardProfile.findById(members.ref(externalId).id());
        return view(profile, member);
    }

    @Transactional
    public LeaderboardProfileView update(String externalId, LeaderboardProfileUpdate update) {
        boolean named = update.visibility() == Visibility.DISPLAY_NAME;
        String displayName = update.displayName() == null ? null : update.displayName().trim();
        if (named && (displayName == null || displayName.length() < 2)) {
            throw ProblemException.invalid("displayName", "is required with visibility DISPLAY_NAME");
        }
        if (!named && displayName != null) {
            throw ProblemException.invalid("displayName", "applies to visibility DISPLAY_NAME only");
        }
        MemberView member = members.get(externalId);
        long memberId = members.ref(externalId).id();
        LeaderboardProfile profile = LeaderboardProfile.findById(memberId);
        if (profile == null) {
            profile = new LeaderboardProfile();
            profile.memberId = memberId;
            profile.visibility = update.visibility();
            profile.displayName = displayName;
            profile.updatedAt = clock.now();
            profile.persist();
        } else {
            profile.visibility = update.visibility();
            profile.displayName = displayName;
            profile.updatedAt = clock.now();
        }
        return view(profile, member);
    }

    private static LeaderboardProfileView view(LeaderboardProfile profile, MemberView member) {
        Visibility visibility = profile == null ? Visibility.MASKED : profile.visibility;
        String displayName = profile == null ? null : profile.displayName;
        return new LeaderboardProfileView(visibility, displayName,
                shownAs(visibility, displayName, member.name(), member.externalId()));
    }

    /** The one place that decides what others see of a member on the leaderboard. */
    static String shownAs(Visibility visibility, String displayName, String name, String externalId) {
        return switch (visibility == null ? Visibility.MASKED : visibility) {
            case DISPLAY_NAME -> displayName;
            case ANONYMOUS -> ANONYMOUS;
            case MASKED -> DisplayName.of(name, externalId);
        };
    }
}
