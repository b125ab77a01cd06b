package app.sarafan.common.tx;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What the current transaction has read once and may keep reading from memory: a shop event asks for the buyer's
 * upline or the newest rule version several times, and every extra round trip is a noticeable part of its cost.
 * Each value lives exactly as long as its transaction (it is a resource of the JTA transaction); outside a
 * transaction nothing is kept. Whoever changes what a value was computed from in the same transaction forgets it.
 */
@ApplicationScoped
public class TransactionMemo {

    private final TransactionSynchronizationRegistry registry;

    TransactionMemo(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** The value kept under {@code key}, computed and kept first if there is none (outside a transaction: computed). */
    public <T> T get(Object key, Supplier<T> compute) {
        T value = find(key);
        if (value == null) {
            value = compute.get();
            put(key, value);
        }
        return value;
    }

    /** The value kept under {@code key} in the current transaction, or null. */
    @SuppressWarnings("unchecked")
    public <T> T find(Object key) {
        return registry.getTransactionKey() == null ? null : (T) registry.getResource(key);
    }

    /** Keeps {@code value} under {@code key} until the current transaction ends; outside one, nothing. */
    public void put(Object key, Object value) {
        if (registry.getTransactionKey() != null) {
            registry.putResource(key, value);
        }
    }

    public void forget(Object key) {
        put(key, null);
    }
}
