package app.sarafan.referral;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Members' coupon codes: generated in the configured format, at most N active per member. */
@ApplicationScoped
public class Coupons {

    private final MemberService members;
    private final CouponFormats formats;
    private final AppClock clock;

    Coupons(MemberService members, CouponFormats formats, AppClock clock) {
        this.members = members;
        this.formats = formats;
        this.clock = clock;
    }

    @Transactional
    public CouponView create(String externalId) {
        MemberRef member = members.ref(externalId);
        if (member.blocked()) {
            throw new ProblemException(ProblemType.MEMBER_BLOCKED, "A blocked member cannot hand out coupons");
        }
        ReferralProfile.lock(member.id()); // serializes the limit check of one member
        long active = Coupon.count("memberId = ?1 and active = true", member.id());
        CouponFormat format = formats.current().format();
        if (active >= format.maxActivePerMember()) {
            throw new ProblemException(ProblemType.LIMIT_REACHED, "At most " + format.maxActivePerMember()
                    + " coupons may be active at once; deactivate one first")
                    .withMember("maxActive", format.maxActivePerMember());
        }
        Coupon coupon = new Coupon();
        coupon.memberId = member.id();
        coupon.code = ReferralCodes.unique(
                () -> ReferralCodes.normalize(format.prefix()) + ReferralCodes.random(format.length()),
                code -> Coupon.count("code", code) > 0);
        coupon.discountText = format.discountText();
        coupon.active = true;
        coupon.createdAt = clock.now();
        coupon.persist();
        return CouponView.of(coupon);
    }

    @Transactional
    public Page<CouponView> list(String externalId, Integer limit, String cursor) {
        long memberId = members.ref(externalId).id();
        int size = Cursor.limit(limit);
        var rows = Coupon.<Coupon>find("memberId = ?1 and id < ?2 order by id desc", memberId, Cursor.decode(cursor))
                .page(0, size + 1).list();
        String next = rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null;
        return new Page<>(rows.stream().limit(size).map(CouponView::of).toList(), next);
    }

    /** Deactivates one of the member's own coupons; someone else's is "not found", like an unknown one. */
    @Transactional
    public CouponView deactivate(String externalId, String code) {
        long memberId = members.ref(externalId).id();
        Coupon coupon = Coupon.byCode(code).filter(c -> c.memberId == memberId)
                .orElseThrow(() -> ProblemException.notFound("Coupon", code));
        if (coupon.active) {
            coupon.active = false;
            coupon.deactivatedAt = clock.now();
        }
        return CouponView.of(coupon);
    }

    @Transactional
    public CouponResolution resolve(String code) {
        Coupon coupon = Coupon.byCode(code).orElseThrow(() -> ProblemException.notFound("Coupon", code));
        MemberRef owner = members.refById(coupon.memberId);
        return new CouponResolution(coupon.code, coupon.active && !owner.blocked(), owner.externalId(),
                coupon.discountText);
    }
}
