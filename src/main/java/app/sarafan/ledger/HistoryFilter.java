package app.sarafan.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.QueryParams;

/** The query of a transaction history page, parsed from query parameters with field-named 400s. */
public record HistoryFilter(Set<TransactionKind> kinds, Instant from, Instant to, int limit, long before) {

    public static HistoryFilter parse(List<String> kind, String from, String to, String limit, String cursor) {
        Set<TransactionKind> kinds = EnumSet.noneOf(TransactionKind.class);
        // One kind per value, as the contract's exploded form array says; a comma list is not a kind.
        for (String value : kind == null ? List.<String>of() : kind) {
            try {
                kinds.add(TransactionKind.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("kind", "unknown kind '" + value + "'; one of "
                        + List.of(TransactionKind.values()) + ", repeat the parameter for several");
            }
        }
        Instant[] period = QueryParams.period(from, to);
        return new HistoryFilter(kinds, period[0], period[1], Cursor.limit(QueryParams.integer("limit", limit)),
                Cursor.decode(cursor));
    }

    String where(List<Object> params) {
        List<String> clauses = new ArrayList<>();
        params.add(before);
        clauses.add("id < ?" + params.size());
        if (!kinds.isEmpty()) {
            params.add(kinds);
            clauses.add("kind in ?" + params.size());
        }
        if (from != null) {
            params.add(from);
            clauses.add("createdAt >= ?" + params.size());
        }
        if (to != null) {
            params.add(to);
            clauses.add("createdAt < ?" + params.size());
        }
        return String.join(" and ", clauses);
    }
}
