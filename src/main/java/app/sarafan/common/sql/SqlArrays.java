package app.sarafan.common.sql;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * PostgreSQL array literals for native queries ({@code = ANY (CAST(?1 AS BIGINT[]))}): one statement and one
 * cached plan whatever the number of values, where an IN list is a new statement for every length.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static String bigints(Collection<Long> values) {
        return values.stream().distinct().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** Each value quoted, with quotes and backslashes escaped as array literals require. */
    public static String texts(Collection<String> values) {
        return values.stream().distinct()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
