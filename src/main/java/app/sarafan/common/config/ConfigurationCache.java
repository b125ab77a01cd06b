package app.sarafan.common.config;

import java.util.function.Supplier;

/**
 * Something computed from one kind of configuration, kept in memory until the configuration's version changes.
 * The version is read before the value is loaded, so a value is never older than the version it is kept under: at
 * worst a change committed in between is loaded again by the next transaction. Values must be immutable and must
 * not be entities (they outlive the transaction that read them).
 */
public final class ConfigurationCache<T> {

    private record Entry<T>(long version, T value) {
    }

    private final ConfigurationVersions versions;
    private final ConfigurationSubject subject;
    private volatile Entry<T> entry;

    public ConfigurationCache(ConfigurationVersions versions, ConfigurationSubject subject) {
        this.versions = versions;
        this.subject = subject;
    }

    public T get(Supplier<T> load) {
        long version = versions.of(subject);
        Entry<T> current = entry;
        if (current == null || current.version() != version) {
            current = new Entry<>(version, load.get());
            entry = current;
        }
        return current.value();
    }
}
