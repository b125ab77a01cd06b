package app.sarafan.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** An unreachable or saturated database is a 503 the client can act on, not a 500 with a stack trace. */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresShutdownsAndAnExhaustedPoolAreTheDatabaseBeingUnavailable() {
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("I/O error", "08006")));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("too many clients", "53300")));
        assertTrue(DatabaseUnavailable.isCause(new IllegalStateException(
                new SQLTransientConnectionException("Acquisition timeout while waiting for new connection"))));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void statementLockAndIdleTransactionTimeoutsAreTheDatabaseTooBusyToAnswer() {
        assertTrue(DatabaseUnavailable.isCause(new SQLException("canceling statement due to statement timeout", "57014")));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("canceling statement due to lock timeout", "55P03")));
        assertTrue(DatabaseUnavailable.isCause(new SQLException("idle-in-transaction timeout", "25P03")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailable.isCause(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailable.isCause(new SQLException("no state")));
        assertFalse(DatabaseUnavailable.isCause(new IllegalStateException("a bug")));
    }

    @Test
    void theAnswerIsA503ProblemWithRetryAfter() {
        Response answer = new ProblemMappers().unexpected(
                new RuntimeException(new SQLException("Connection refused", "08001")), null);
        assertEquals(503, answer.getStatus());
        assertEquals("5", answer.getHeaderString("Retry-After"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> body = (java.util.Map<String, Object>) answer.getEntity();
        assertEquals(ProblemType.BASE + "service-unavailable", body.get("type"));
        assertEquals(503, body.get("status"));
        assertEquals("application/problem+json", answer.getMediaType().toString());
    }
}
