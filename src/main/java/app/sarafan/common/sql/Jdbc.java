package app.sarafan.common.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

/**
 * Statements on the transaction's own connection over plain JDBC, for what every shop event runs: a Hibernate
 * native query costs several times more in the JVM than the statement costs the database (query object, parameter
 * binding through the type system, auto-flush of the session). Nothing goes through the persistence context, and
 * nothing is flushed: a caller whose entity changes the statement must see flushes first.
 *
 * <p>Parameters: strings, numbers, booleans, {@link Instant} (as timestamptz), enums (by name), {@link SqlArray},
 * null; or arrays as PostgreSQL array literals ({@link SqlArrays}) cast in the SQL.
 */
public final class Jdbc {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** An array parameter: the PostgreSQL name of its element type and the elements. */
    public record SqlArray(String type, Object[] elements) {
    }

    /** A statement and its parameters, to run later (see {@code CommitWrites}). */
    public record Statement(String sql, List<Object> parameters) {
    }

    private Jdbc() {
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the number of rows it changed. */
    public static int update(EntityManager em, String sql, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, parameters);
                return statement.executeUpdate();
            }
        });
    }

    /** Every row the query answers. */
    public static <T> List<T> list(EntityManager em, String sql, Row<T> row, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, parameters);
                List<T> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(row.read(result));
                    }
                }
                return rows;
            }
        });
    }

    /** The first row the query answers, if any. */
    public static <T> Optional<T> first(EntityManager em, String sql, Row<T> row, Object... parameters) {
        return list(em, sql, row, parameters).stream().findFirst();
    }

    /** Binds {@code parameters} to the statement's placeholders, in order. */
    public static void bind(Connection connection, PreparedStatement statement, Object[] parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, Types.OTHER);
            } else if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof SqlArray array) {
                statement.setArray(i + 1, connection.createArrayOf(array.type(), array.elements()));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
