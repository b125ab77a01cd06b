package app.sarafan.common.time;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A timestamptz column read by a native query arrives as Timestamp, OffsetDateTime or Instant by driver version. */
public final class SqlInstants {

    private SqlInstants() {
    }

    public static Instant of(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (column instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (Instant) column;
    }
}
