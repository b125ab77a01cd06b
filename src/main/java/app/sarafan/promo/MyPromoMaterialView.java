package app.sarafan.promo;

import java.time.Instant;

/** A promo material for one member, with their own link, code and name filled in, ready to copy. */
public record MyPromoMaterialView(String id, String title, String text, String imageUrl, String locale,
        String link, String code, Instant activeTo) {
}
