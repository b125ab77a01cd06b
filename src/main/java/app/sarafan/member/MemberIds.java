package app.sarafan.member;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The internal id behind a member's external id and back, kept in memory: a member is never deleted and their
 * external id never changes, so the pair holds forever once committed — and every cabinet request starts by
 * resolving it, every referral reward names its referral.
 * A pair read inside a transaction is remembered only when that transaction commits (it may be creating the member).
 */
@ApplicationScoped
class MemberIds {

    private static final int CAPACITY = 100_000;

    private final TransactionSynchronizationRegistry registry;
    private final Map<String, Long> known = recent();
    private final Map<Long, String> externalIds = recent();

    MemberIds(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    Optional<Long> idOf(String externalId) {
        Long id;
        synchronized (known) {
            id = known.get(externalId);
        }
        if (id != null) {
            return Optional.of(id);
        }
        // Untyped native queries: with a result class, Hibernate interprets the query afresh at every call.
        Optional<Long> found = Member.getEntityManager()
                .createNativeQuery("SELECT id FROM member WHERE external_id = ?1")
                .setParameter(1, externalId).getResultList().stream().findFirst().map(n -> ((Number) n).longValue());
        found.ifPresent(memberId -> rememberOnCommit(externalId, memberId));
        return found;
    }

    /** The external id of a member id other features hold (it always exists: member ids are foreign keys). */
    String externalIdOf(long memberId) {
        String externalId;
        synchronized (known) {
            externalId = externalIds.get(memberId);
        }
        if (externalId != null) {
            return externalId;
        }
        externalId = (String) Member.getEntityManager()
                .createNativeQuery("SELECT external_id FROM member WHERE id = ?1")
                .setParameter(1, memberId).getSingleResult();
        rememberOnCommit(externalId, memberId);
        return externalId;
    }

    private void rememberOnCommit(String externalId, long memberId) {
        if (registry.getTransactionKey() == null) {
            remember(externalId, memberId);
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    remember(externalId, memberId);
                }
            }
        });
    }

    private void remember(String externalId, long memberId) {
        synchronized (known) {
            known.put(externalId, memberId);
            externalIds.put(memberId, externalId);
        }
    }

    /** The most recently used pairs, up to the capacity. */
    private static <K, V> Map<K, V> recent() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
