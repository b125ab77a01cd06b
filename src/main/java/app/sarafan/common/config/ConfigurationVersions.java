package app.sarafan.common.config;

import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.tx.TransactionMemo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The version of every kind of configuration, read once per transaction in one round trip (a shop event used to
 * read the newest rule version, the ranks and the awards: three round trips and two JPQL queries per event). The
 * database bumps a version in the statement that changes its configuration (migration V15), so a change made on
 * any instance is seen by the next transaction everywhere.
 */
@ApplicationScoped
public class ConfigurationVersions {

    private static final Object MEMO = new Object();

    private final EntityManager em;
    private final TransactionMemo memo;

    ConfigurationVersions(EntityManager em, TransactionMemo memo) {
        this.em = em;
        this.memo = memo;
    }

    /** The subject's version as this transaction first saw it. */
    public long of(ConfigurationSubject subject) {
        return memo.get(MEMO, this::read)[subject.ordinal()];
    }

    private long[] read() {
        long[] versions = new long[ConfigurationSubject.values().length];
        Jdbc.list(em, "SELECT subject, version FROM configuration_version",
                row -> versions[ConfigurationSubject.valueOf(row.getString(1)).ordinal()] = row.getLong(2));
        return versions;
    }
}
