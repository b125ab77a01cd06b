package app.sarafan.member;

import java.time.Instant;
import java.time.LocalDate;

public record MemberView(
        String externalId,
        String email,
        String name,
        String phone,
        LocalDate birthday,
        String locale,
        String timeZone,
        MemberStatus status,
        String blockedReason,
        boolean profileCompleted,
        boolean newsletterSubscribed,
        boolean smsOptIn,
        Instant smsOptInAt,
        Instant registeredAt,
        Instant createdAt,
        Instant updatedAt) {

    static MemberView of(Member m) {
        return new MemberView(m.externalId, m.email, m.name, m.phone, m.birthday, m.locale, m.timeZone, m.status,
                m.blockedReason, m.profileCompleted, m.newsletterSubscribed, m.smsOptIn, m.smsOptInAt, m.registeredAt, m.createdAt, m.updatedAt);
    }
}
