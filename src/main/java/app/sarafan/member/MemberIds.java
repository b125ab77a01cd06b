package app.sarafan.member;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The internal id behind a member's external id, kept in memory: a member is never deleted and their external id
 * never changes, so the pair holds forever once committed — and every cabinet request starts by resolving it.
 * A pair read inside a transaction is remembered only when that transaction commits (it may be creating the member).
 */
@ApplicationScoped
class MemberIds {

    private static final int CAPACITY = 100_000;

    private final TransactionSynchronizationRegistry registry;
    private final Map<String, Long> known = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

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
        Optional<Long> found = Member.byExternalId(externalId).map(m -> m.id);
        found.ifPresent(memberId -> rememberOnCommit(externalId, memberId));
        return found;
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
        }
    }
}
