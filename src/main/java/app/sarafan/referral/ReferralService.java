package app.sarafan.referral;

import java.util.List;

import app.sarafan.member.Attribution;
import app.sarafan.member.MemberCreated;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/** Gives every member their code when they register (binding them when the shop sent an attribution). */
@ApplicationScoped
public class ReferralService {

    static final int CODE_LENGTH = 8;

    private final ReferralBinding binding;
    private final MemberService members;
    private final ReferralConfig config;

    ReferralService(ReferralBinding binding, MemberService members, ReferralConfig config) {
        this.binding = binding;
        this.members = members;
        this.config = config;
    }

    void open(@Observes MemberCreated member) {
        ReferralProfile profile = new ReferralProfile();
        profile.memberId = member.memberId();
        profile.code = ReferralCodes.unique(() -> ReferralCodes.random(CODE_LENGTH),
                code -> ReferralProfile.count("code", code) > 0);
        profile.reviewStatus = ReviewStatus.NONE;
        profile.persist();
        if (member.attribution() != null) {
            binding.bind(member.memberId(), member.attribution(), true);
        }
    }

    @Transactional
    public ReferralView mine(String externalId) {
        ReferralProfile profile = ReferralProfile.findById(members.ref(externalId).id());
        return new ReferralView(profile.code, link(profile.code),
                profile.referrerId == null ? null : members.displayNameOf(profile.referrerId),
                profile.boundAt, profile.boundVia);
    }

    @Transactional
    public MemberReferralView of(String externalId) {
        ReferralProfile profile = ReferralProfile.findById(members.ref(externalId).id());
        return view(externalId, profile);
    }

    /** Binding at the first order of a member who is still unbound (the shop or the order events call this). */
    @Transactional
    public Binding bindLater(String externalId, Attribution attribution) {
        return binding.bind(members.ref(externalId).id(), attribution, false);
    }

    MemberReferralView view(String externalId, ReferralProfile profile) {
        return new MemberReferralView(externalId, profile.code, link(profile.code),
                profile.referrerId == null ? null : members.externalIdOf(profile.referrerId),
                profile.boundAt, profile.boundVia, profile.boundSource, profile.reviewStatus,
                profile.reasons());
    }

    String link(String code) {
        return config.linkTemplate().replace("{code}", code);
    }
}
