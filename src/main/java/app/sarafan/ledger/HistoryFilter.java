package app.sarafan.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.Cursor;

/** The query of a transaction history page, parsed from query parameters with field-named 400s. */
public record HistoryFilter(Set<TransactionKind> kinds, Instant from, Instant to, int limit, long before) {

    public static HistoryFilter parse(List<String> kind, String from, String to, String limit, String cursor) {
        Set<TransactionKind> kinds = EnumSet.noneOf(TransactionKind.class);
        for (String value : kind == null ? List.<String>of() : kind) {
            for (String part : value.split(",")) {
                try {
                    kinds.add(TransactionKind.valueOf(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("kind", "unknown kind '" + part.trim() + "'; one of "
                            + List.of(TransactionKind.values()));
                }
            }
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return new HistoryFilter(kinds, fromInstant, toInstant, Cursor.limit(integer("limit", limit)),
                Cursor.decode(cursor));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an RFC 3339 instant such as 2026-11-25T13:00:00Z");
        }
    }

    private static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be an integer");
        }
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
