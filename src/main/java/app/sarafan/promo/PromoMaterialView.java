package app.sarafan.promo;

import java.time.Instant;

/** A promo material as administrators see it, placeholders unfilled; {@code version} is its ETag. */
public record PromoMaterialView(String id, String title, String body, String imageUrl, String locale,
        Instant activeFrom, Instant activeTo, int version, Instant createdAt, Instant updatedAt, String updatedBy) {

    static PromoMaterialView of(PromoMaterial m) {
        return new PromoMaterialView(String.valueOf(m.id), m.title, m.body, m.imageUrl, m.locale, m.activeFrom,
                m.activeTo, m.version, m.createdAt, m.updatedAt, m.updatedBy);
    }
}
