package app.sarafan.common.page;

import java.util.ArrayList;
import java.util.List;

/**
 * The condition of one keyset page in JPQL: the rows below the cursor's id, and each filter the caller gave (a
 * filter left out, null, adds nothing). Parameters are numbered in the order they are added.
 */
public final class KeysetFilter {

    private final StringBuilder where;
    private final List<Object> params = new ArrayList<>();

    private KeysetFilter(String idColumn, String cursor) {
        params.add(Cursor.decode(cursor));
        where = new StringBuilder(idColumn).append(" < ?1");
    }

    /** {@code idColumn}: the id the list is ordered by, descending ({@code id}, or {@code r.id} in a join). */
    public static KeysetFilter below(String idColumn, String cursor) {
        return new KeysetFilter(idColumn, cursor);
    }

    /** {@code clause} ends with its parameter's place, as in {@code "status = ?"}; nothing when value is null. */
    public KeysetFilter and(String clause, Object value) {
        if (value != null) {
            params.add(value);
            where.append(" and ").append(clause).append(params.size());
        }
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Object[] params() {
        return params.toArray();
    }
}
