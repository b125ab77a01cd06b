package app.sarafan.promo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.http.IfMatch;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.validation.LanguageTag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Administrators' CRUD of promo materials; an update names the version it edited (If-Match). */
@ApplicationScoped
public class PromoMaterials {

    private final AppClock clock;
    private final AuditLog audit;

    PromoMaterials(AppClock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public PromoMaterialView create(PromoMaterialRequest request, String administrator) {
        check(request);
        PromoMaterial material = new PromoMaterial();
        material.version = 1;
        material.createdAt = clock.now();
        write(material, request, administrator);
        material.persist();
        PromoMaterialView after = PromoMaterialView.of(material);
        audit.record(administrator, AuditAction.PROMO_MATERIAL_CREATED, AuditEntityType.PROMO_MATERIAL, after.id(),
                null, after);
        return after;
    }

    @Transactional
    public PromoMaterialView get(String id) {
        return PromoMaterialView.of(require(id, false));
    }

    @Transactional
    public Page<PromoMaterialView> list(String locale, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        long below = Cursor.decode(cursor);
        String tag = localeFilter(locale);
        List<PromoMaterial> rows = tag == null
                ? PromoMaterial.<PromoMaterial>find("id < ?1 order by id desc", below).range(0, size).list()
                : PromoMaterial.<PromoMaterial>find("id < ?1 and lower(locale) = lower(?2) order by id desc", below,
                        tag).range(0, size).list();
        return new Page<>(rows.stream().limit(size).map(PromoMaterialView::of).toList(),
                rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null);
    }

    @Transactional
    public PromoMaterialView update(String id, Integer expectedVersion, PromoMaterialRequest request,
            String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "promo material version");
        PromoMaterial material = require(id, true);
        IfMatch.matches(basedOn, material.version, "promo material " + id);
        check(request);
        PromoMaterialView before = PromoMaterialView.of(material);
        material.version++;
        write(material, request, administrator);
        PromoMaterialView after = PromoMaterialView.of(material);
        audit.record(administrator, AuditAction.PROMO_MATERIAL_UPDATED, AuditEntityType.PROMO_MATERIAL, after.id(),
                before, after);
        return after;
    }

    @Transactional
    public void delete(String id, String administrator) {
        PromoMaterial material = require(id, true);
        PromoMaterialView before = PromoMaterialView.of(material);
        material.delete();
        audit.record(administrator, AuditAction.PROMO_MATERIAL_DELETED, AuditEntityType.PROMO_MATERIAL, before.id(),
                before, null);
    }

    private void write(PromoMaterial material, PromoMaterialRequest request, String administrator) {
        material.title = request.title().trim();
        material.body = request.body();
        material.imageUrl = request.imageUrl() == null || request.imageUrl().isBlank() ? null : request.imageUrl().trim();
        material.locale = request.locale().trim();
        material.activeFrom = request.activeFrom();
        material.activeTo = request.activeTo();
        material.updatedAt = clock.now();
        material.updatedBy = administrator;
    }

    private static void check(PromoMaterialRequest request) {
        List<FieldError> errors = new ArrayList<>();
        unknownPlaceholders("title", request.title(), errors);
        unknownPlaceholders("body", request.body(), errors);
        if (request.imageUrl() != null && !request.imageUrl().isBlank() && !isWebAddress(request.imageUrl().trim())) {
            errors.add(new FieldError("imageUrl", "must be an absolute http or https URL"));
        }
        if (request.activeFrom() != null && request.activeTo() != null
                && !request.activeFrom().isBefore(request.activeTo())) {
            errors.add(new FieldError("activeTo", "must be after activeFrom"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }

    private static void unknownPlaceholders(String field, String text, List<FieldError> errors) {
        List<String> unknown = Placeholders.unknown(text);
        if (!unknown.isEmpty()) {
            errors.add(new FieldError(field, "unknown placeholder " + String.join(", ", unknown)
                    + "; known are {link}, {code} and {name}"));
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A locale query parameter: absent (null) or a well-formed language tag, else a 400 naming it. */
    static String localeFilter(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        if (!new LanguageTag.Validator().isValid(locale.trim(), null)) {
            throw ProblemException.invalid("locale", "must be a BCP 47 language tag such as ru or en-GB");
        }
        return locale.trim();
    }

    static PromoMaterial require(String id, boolean lock) {
        long materialId;
        try {
            materialId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Promo material", id);
        }
        PromoMaterial material = lock ? PromoMaterial.findById(materialId, LockModeType.PESSIMISTIC_WRITE)
                : PromoMaterial.findById(materialId);
        if (material == null) {
            throw ProblemException.notFound("Promo material", id);
        }
        return material;
    }
}
