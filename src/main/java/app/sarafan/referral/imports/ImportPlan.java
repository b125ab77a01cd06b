package app.sarafan.referral.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.common.error.FieldError;

/**
 * Puts the rows of a file in an order the worker can run them in: every referrer before their referrals, whatever
 * order the file has them in (a breadth-first walk down from the rows whose referrer is not in the file — already
 * registered, or unknown, which the worker then rejects). Rows sharing an externalId with an earlier row, and rows
 * that close a cycle of referrers within the file, are rejected here; rows below a cycle are still run, and are
 * rejected then because their referrer was not imported.
 */
final class ImportPlan {

    /** A row in its place: data to run, or the errors it was rejected with. */
    record Step(int number, String externalId, ImportRow data, List<FieldError> errors) {
    }

    private ImportPlan() {
    }

    /** The runnable rows in processing order, followed by the rejected ones in file order. */
    static List<Step> of(List<RowCheck.Checked> rows) {
        Map<String, Integer> firstRow = new HashMap<>();
        Map<String, RowCheck.Checked> runnable = new LinkedHashMap<>();
        Map<Integer, List<FieldError>> rejected = new LinkedHashMap<>();
        for (RowCheck.Checked row : rows) {
            Integer earlier = row.externalId() == null ? null : firstRow.putIfAbsent(row.externalId(), row.number());
            if (earlier != null) {
                rejected.put(row.number(), List.of(new FieldError("externalId", "repeats row " + earlier)));
            } else if (!row.valid()) {
                rejected.put(row.number(), row.errors());
            } else {
                runnable.put(row.externalId(), row);
            }
        }
        rejectCycles(runnable, rejected);

        Map<String, List<RowCheck.Checked>> children = new HashMap<>();
        Deque<RowCheck.Checked> queue = new ArrayDeque<>();
        for (RowCheck.Checked row : runnable.values()) {
            String referrer = row.referrerExternalId();
            if (referrer != null && runnable.containsKey(referrer)) {
                children.computeIfAbsent(referrer, k -> new ArrayList<>()).add(row);
            } else {
                queue.add(row);
            }
        }
        List<Step> steps = new ArrayList<>();
        while (!queue.isEmpty()) {
            RowCheck.Checked row = queue.poll();
            ImportRow data = row.data();
            Integer referrerRow = data.referrerExternalId() == null ? null : firstRow.get(data.referrerExternalId());
            steps.add(new Step(row.number(), row.externalId(), new ImportRow(data.externalId(),
                    data.referrerExternalId(), referrerRow, data.email(), data.name(), data.lots()), List.of()));
            queue.addAll(children.getOrDefault(row.externalId(), List.of()));
        }
        for (RowCheck.Checked row : rows) {
            List<FieldError> errors = rejected.get(row.number());
            if (errors != null) {
                steps.add(new Step(row.number(), row.externalId(), null, errors));
            }
        }
        return steps;
    }

    /**
     * Every row follows at most one referrer within the file, so a walk up from any row either leaves the file or
     * comes back to a row of the walk: those rows form a cycle, and none of them can be bound. They are rejected
     * and removed, so the rows below them become runnable roots.
     */
    private static void rejectCycles(Map<String, RowCheck.Checked> runnable, Map<Integer, List<FieldError>> rejected) {
        Map<String, Integer> walkOf = new HashMap<>();
        int walk = 0;
        List<List<String>> cycles = new ArrayList<>();
        for (String start : runnable.keySet()) {
            walk++;
            List<String> path = new ArrayList<>();
            String current = start;
            while (current != null && runnable.containsKey(current) && !walkOf.containsKey(current)) {
                walkOf.put(current, walk);
                path.add(current);
                current = runnable.get(current).referrerExternalId();
            }
            if (current != null && walkOf.get(current) != null && walkOf.get(current) == walk) {
                cycles.add(path.subList(path.indexOf(current), path.size()));
            }
        }
        for (List<String> cycle : cycles) {
            List<String> links = new ArrayList<>();
            for (int i = 0; i < cycle.size(); i++) {
                links.add(cycle.get(i) + "'s referrer is " + cycle.get((i + 1) % cycle.size()));
            }
            String chain = String.join(", ", links);
            for (String externalId : cycle) {
                String message = cycle.size() == 1 ? "is the member themself: a member cannot refer themself"
                        : "closes a cycle of referrers in the file (" + chain + ")";
                rejected.put(runnable.get(externalId).number(), List.of(new FieldError("referrerExternalId", message)));
            }
        }
        cycles.forEach(cycle -> cycle.forEach(runnable::remove));
    }
}
