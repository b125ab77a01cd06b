package app.sarafan.common.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import app.sarafan.common.sql.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * What a transaction writes when it commits, sent to PostgreSQL in one round trip: the driver sends the statements
 * of one multi-statement PreparedStatement before a single Sync. A shop event's domain events and its stored result
 * were two round trips of every event; nothing in the transaction reads either before it commits.
 *
 * <p>The writes run after the persistence context is flushed (the session joins the transaction before the first
 * write is queued, so its synchronization comes first), through the pool's connection of the transaction, closed
 * here: the session has handed its own back by then, and one it opened again would be left for the pool to close
 * at commit, with a warning. A transaction that rolls back writes nothing.
 */
@ApplicationScoped
public class CommitWrites {

    private static final Object PENDING = new Object();

    private final EntityManager em;
    private final AgroalDataSource db;
    private final TransactionSynchronizationRegistry registry;

    CommitWrites(EntityManager em, AgroalDataSource db, TransactionSynchronizationRegistry registry) {
        this.em = em;
        this.db = db;
        this.registry = registry;
    }

    /**
     * Queues a write: {@code statement} is asked for its SQL and parameters when the transaction commits (null:
     * nothing to write after all), in the order the writes were queued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Supplier<Jdbc.Statement> statement) {
        pending().add(statement);
    }

    @SuppressWarnings("unchecked")
    private List<Supplier<Jdbc.Statement>> pending() {
        List<Supplier<Jdbc.Statement>> pending = (List<Supplier<Jdbc.Statement>>) registry.getResource(PENDING);
        if (pending != null) {
            return pending;
        }
        List<Supplier<Jdbc.Statement>> writes = new ArrayList<>();
        registry.putResource(PENDING, writes);
        em.unwrap(Session.class);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                write(writes.stream().map(Supplier::get).filter(Objects::nonNull).toList());
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
        return writes;
    }

    private void write(List<Jdbc.Statement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        String sql = String.join(";\n", statements.stream().map(Jdbc.Statement::sql).toList());
        Object[] parameters = statements.stream().flatMap(s -> s.parameters().stream()).toArray();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Jdbc.bind(connection, statement, parameters);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write what the transaction writes at commit", e);
        }
    }
}
