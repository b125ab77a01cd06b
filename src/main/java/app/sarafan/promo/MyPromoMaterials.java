package app.sarafan.promo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import app.sarafan.member.MemberView;
import app.sarafan.referral.ReferralService;
import app.sarafan.referral.ReferralView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The promo materials a member may share now: active at this moment, in their locale (the same tag, or its
 * language: a material in "ru" is shown for "ru-RU" and the other way round), newest first, with their own
 * referral link and code and their name filled in.
 */
@ApplicationScoped
public class MyPromoMaterials {

    private final MemberService members;
    private final ReferralService referrals;
    private final AppClock clock;

    MyPromoMaterials(MemberService members, ReferralService referrals, AppClock clock) {
        this.members = members;
        this.referrals = referrals;
        this.clock = clock;
    }

    @Transactional
    public Page<MyPromoMaterialView> list(String externalId, String locale, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        MemberView member = members.get(externalId);
        ReferralView referral = referrals.mine(externalId);
        String requested = PromoMaterials.localeFilter(locale);
        String tag = (requested == null ? member.locale() : requested).toLowerCase(Locale.ROOT);
        String language = tag.split("-")[0];
        List<PromoMaterial> rows = PromoMaterial.<PromoMaterial>find("""
                        id < ?1 and (activeFrom is null or activeFrom <= ?2) and (activeTo is null or activeTo > ?2)
                          and (lower(locale) = ?3 or lower(locale) = ?4 or lower(locale) like ?5)
                        order by id desc""", Cursor.decode(cursor), clock.now(), tag, language, language + "-%")
                .range(0, size).list();
        Map<String, String> values = Map.of("link", referral.link(), "code", referral.code(),
                "name", member.name() == null ? "" : member.name().trim());
        List<MyPromoMaterialView> items = rows.stream().limit(size).map(m -> new MyPromoMaterialView(
                String.valueOf(m.id), Placeholders.fill(m.title, values), Placeholders.fill(m.body, values),
                m.imageUrl, m.locale, referral.link(), referral.code(), m.activeTo)).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null);
    }
}
