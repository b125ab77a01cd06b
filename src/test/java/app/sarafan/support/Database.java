package app.sarafan.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Plain SQL on the test database, past the application: what someone at a psql prompt could run. Reads answer the
 * first column of every row; {@link #refusal} runs statements in one transaction that is always rolled back, so a
 * tampering attempt never leaves a trace (nor breaks the ledger invariant the tests assert after themselves).
 */
public final class Database {

    /** How the database refused a statement: its SQLSTATE (23505 unique, 23503 foreign key, 23514 check ...). */
    public record Refusal(String sqlState, String message) {
    }

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The first column of every row, as text (NULL as null). */
    public List<String> column(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    /** Runs one writing statement on its own; answers how many rows it changed. */
    public int update(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new AssertionError("statement failed: " + sql, e);
        }
    }

    /** The only value of a one-row, one-column query. */
    public String value(String sql) {
        List<String> values = column(sql);
        if (values.size() != 1) {
            throw new AssertionError("expected one row, got " + values + " from " + sql);
        }
        return values.get(0);
    }

    /**
     * Runs {@code statements} in one transaction, rolled back whatever happens: every statement but the last must
     * pass, the last must be refused; answers how.
     */
    public Refusal refusal(String... statements) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int i = 0; i < statements.length - 1; i++) {
                    try {
                        statement.execute(statements[i]);
                    } catch (SQLException e) {
                        throw new AssertionError("a preparing statement was refused: " + statements[i], e);
                    }
                }
                String last = statements[statements.length - 1];
                try {
                    statement.execute(last);
                } catch (SQLException e) {
                    return new Refusal(e.getSQLState(), e.getMessage());
                }
                return fail("the database accepted: " + last);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
