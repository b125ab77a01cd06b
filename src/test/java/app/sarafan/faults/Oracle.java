package app.sarafan.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.faults.MoneyLoad.Attempt;
import app.sarafan.faults.MoneyLoad.Ending;
import app.sarafan.faults.MoneyLoad.Operation;
import app.sarafan.faults.MoneyLoad.Step;
import app.sarafan.faults.MoneyLoad.Story;

/**
 * What the database holds against what the clients were told, story by story. A step the client saw succeed must
 * have exactly one effect; a step the client gave up on may have none or one (it may have committed after the
 * client stopped waiting), never two; a step never sent has none. The balance of each member must be what its
 * effects add up to, and a finished story leaves exactly 15.00 available and nothing reserved.
 * <p>
 * It also reads the attempts for answers that contradict the database: a step whose success was a replay (the
 * Idempotent-Replayed header) was committed by an earlier attempt; if no earlier attempt timed out at the client,
 * the committing one was either closed without an answer (a commit nobody was told of) or answered 5xx (told it
 * failed although it had committed).
 */
final class Oracle {

    /** What the oracle found; {@code problems} empty means nothing lost, doubled or contradicted. */
    record Verdict(int stories, int finished, int effectsChecked, int uncertain, int uncertainCommitted,
            List<String> problems, int unansweredCommits, int fiveXxThenCommitted, int committedAfterClientTimeout) {
    }

    private Oracle() {
    }

    static Verdict check(Connection db, String prefix, List<Story> stories) throws SQLException {
        Map<String, Map<String, Integer>> kinds = kindsPerMember(db, prefix);
        Map<String, Integer> accruals = countBy(db, "SELECT event_id, count(*) FROM accrual WHERE event_id LIKE ?"
                + " GROUP BY 1", "evt-" + prefix + "-%");
        Map<String, Integer> redemptions = countBy(db, "SELECT order_id, count(*) FROM redemption"
                + " WHERE order_id LIKE ? GROUP BY 1", prefix + "-%");
        Map<String, Integer> members = countBy(db, "SELECT external_id, count(*) FROM member"
                + " WHERE external_id LIKE ? GROUP BY 1", prefix + "-%");
        Map<String, BigDecimal[]> balances = balances(db, prefix);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        int uncertain = 0;
        int uncertainCommitted = 0;
        int finished = 0;
        for (Story story : stories) {
            Map<String, Integer> kind = kinds.getOrDefault(story.member(), Map.of());
            Map<Step, Integer> effects = new HashMap<>();
            effects.put(Step.MEMBER, members.getOrDefault(story.member(), 0));
            effects.put(Step.CREDIT, kind.getOrDefault("ADJUSTMENT", 0));
            effects.put(Step.ORDER_PAID, accruals.getOrDefault(story.eventId(), 0));
            effects.put(Step.RESERVE, redemptions.getOrDefault(story.redeemedOrder(), 0));
            effects.put(Step.CONFIRM, kind.getOrDefault("REDEMPTION", 0));
            // The ledger's own view of the same steps must agree with the rows that carry the key or event id.
            agree(problems, story, "ACCRUAL transactions", kind.getOrDefault("ACCRUAL", 0), effects.get(Step.ORDER_PAID));
            agree(problems, story, "HOLD transactions", kind.getOrDefault("HOLD", 0), effects.get(Step.RESERVE));
            for (Step step : Step.values()) {
                int effect = effects.get(step);
                Operation operation = story.step(step).orElse(null);
                checked++;
                if (operation == null) {
                    if (effect != 0) {
                        problems.add(story.member() + " " + step + ": never sent, yet " + effect + " effects");
                    }
                } else if (operation.acknowledged) {
                    if (effect != 1) {
                        problems.add(story.member() + " " + step + ": acknowledged, " + effect + " effects"
                                + (effect == 0 ? " (lost)" : " (doubled)") + "; attempts " + labels(operation));
                    }
                } else {
                    uncertain++;
                    uncertainCommitted += effect;
                    if (effect > 1) {
                        problems.add(story.member() + " " + step + ": given up, " + effect + " effects (doubled)");
                    }
                }
            }
            BigDecimal[] balance = balances.get(story.member());
            if (balance != null) {
                BigDecimal available = new BigDecimal("20.00").multiply(BigDecimal.valueOf(effects.get(Step.CREDIT)))
                        .add(new BigDecimal("5.00").multiply(BigDecimal.valueOf(effects.get(Step.ORDER_PAID))))
                        .subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(effects.get(Step.RESERVE))));
                BigDecimal reserved = BigDecimal.TEN.multiply(
                        BigDecimal.valueOf(effects.get(Step.RESERVE) - effects.get(Step.CONFIRM)));
                if (available.compareTo(balance[0]) != 0 || reserved.compareTo(balance[1]) != 0) {
                    problems.add(story.member() + ": balance " + balance[0] + " available, " + balance[1]
                            + " reserved; its effects make " + available + " and " + reserved);
                }
            }
            boolean done = story.step(Step.CONFIRM).map(operation -> operation.acknowledged).orElse(false);
            if (done) {
                finished++;
                if (balance == null || balance[0].compareTo(new BigDecimal("15.00")) != 0
                        || balance[1].signum() != 0) {
                    problems.add(story.member() + ": a finished story, but " + (balance == null ? "no account"
                            : balance[0] + " available, " + balance[1] + " reserved") + " instead of 15.00 and 0.00");
                }
            }
        }
        int unanswered = 0;
        int fiveXx = 0;
        int afterTimeout = 0;
        for (Story story : stories) {
            for (Operation operation : story.steps()) {
                if (!operation.acknowledged || !operation.last().replayed()) {
                    continue;
                }
                Ending committing = committedBy(operation);
                if (committing == null) {
                    problems.add(story.member() + " " + operation.step + ": a replay although no earlier attempt"
                            + " can have committed; attempts " + labels(operation));
                } else if (committing == Ending.TIMED_OUT) {
                    afterTimeout++;
                } else if (committing == Ending.NO_ANSWER) {
                    unanswered++;
                } else {
                    fiveXx++; // told it failed, yet it had committed: reported, see FaultsIT
                }
            }
        }
        return new Verdict(stories.size(), finished, checked, uncertain, uncertainCommitted, problems, unanswered,
                fiveXx, afterTimeout);
    }

    /**
     * For a step whose success was a replay: how the attempt that committed it ended, as far as the attempts tell
     * (a client timeout first, since that attempt may have committed after the client stopped waiting; ANSWERED
     * means a 5xx); null when no earlier attempt can have committed it.
     */
    private static Ending committedBy(Operation operation) {
        List<Attempt> before = operation.attempts.subList(0, operation.attempts.size() - 1);
        if (before.stream().anyMatch(a -> a.ending() == Ending.TIMED_OUT)) {
            return Ending.TIMED_OUT;
        }
        if (before.stream().anyMatch(a -> a.ending() == Ending.NO_ANSWER)) {
            return Ending.NO_ANSWER;
        }
        if (before.stream().anyMatch(a -> a.ending() == Ending.ANSWERED && a.status() >= 500)) {
            return Ending.ANSWERED;
        }
        return null;
    }

    private static void agree(List<String> problems, Story story, String what, int ledger, int keyed) {
        if (ledger != keyed) {
            problems.add(story.member() + ": " + ledger + " " + what + " but " + keyed + " keyed rows");
        }
    }

    static String labels(Operation operation) {
        return operation.attempts.stream().map(Attempt::label).toList().toString();
    }

    private static Map<String, Map<String, Integer>> kindsPerMember(Connection db, String prefix)
            throws SQLException {
        Map<String, Map<String, Integer>> kinds = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT m.external_id, t.kind, count(*)"
                + " FROM ledger_transaction t JOIN member m ON m.id = t.account_id WHERE m.external_id LIKE ?"
                + " GROUP BY 1, 2")) {
            query.setString(1, prefix + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    kinds.computeIfAbsent(rows.getString(1), m -> new HashMap<>()).put(rows.getString(2),
                            rows.getInt(3));
                }
            }
        }
        return kinds;
    }

    private static Map<String, Integer> countBy(Connection db, String sql, String pattern) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, pattern);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static Map<String, BigDecimal[]> balances(Connection db, String prefix) throws SQLException {
        Map<String, BigDecimal[]> balances = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT m.external_id, a.available, a.reserved"
                + " FROM account a JOIN member m ON m.id = a.member_id WHERE m.external_id LIKE ?")) {
            query.setString(1, prefix + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    balances.put(rows.getString(1), new BigDecimal[] {rows.getBigDecimal(2), rows.getBigDecimal(3)});
                }
            }
        }
        return balances;
    }
}
