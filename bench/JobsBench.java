import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Seeds due lots straight into the application's tables and times the activation and expiry jobs through the
 * admin API. Every seeded account is consistent with its lots (available = its active lots, pending = its pending
 * lots), so the jobs do exactly the work they do in production.
 *
 * <p>Usage: {@code java -cp <postgresql jdbc jar> bench/JobsBench.java <jdbc url> <base url> <admin api key>
 * <members> <lots of each kind per member>}; bench/jobs.sh runs it.
 */
public class JobsBench {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: JobsBench <jdbc url> <base url> <admin api key> <members> <lots per member>");
            System.exit(2);
        }
        int members = Integer.parseInt(args[3]);
        int lots = Integer.parseInt(args[4]);
        try (Connection db = DriverManager.getConnection(args[0], "postgres", "postgres");
                Statement sql = db.createStatement()) {
            long started = System.nanoTime();
            seed(sql, members, lots);
            System.out.printf("bench: seeded %,d members, %,d lots to expire and %,d pending accruals in %.1f s%n",
                    members, (long) members * lots, (long) members * lots, seconds(started));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (String job : new String[] {"activation", "expiry"}) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(args[1] + "/v1/admin/jobs/" + job + "/runs"))
                        .header("X-Api-Key", args[2]).timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                System.out.printf("bench: %-10s %6.1f s  HTTP %d %s%n", job, seconds(t0), response.statusCode(),
                        response.body());
            }
            try (ResultSet left = sql.executeQuery("""
                    SELECT count(*) FILTER (WHERE state = 'PENDING' AND available_from <= now()),
                           count(*) FILTER (WHERE state = 'ACTIVE' AND expires_at <= now()),
                           count(*) FILTER (WHERE state = 'EXPIRED'),
                           count(*) FILTER (WHERE state = 'ACTIVE')
                    FROM lot""")) {
                left.next();
                System.out.printf("bench: left due: %d pending, %d to expire; expired %,d, active %,d%n",
                        left.getLong(1), left.getLong(2), left.getLong(3), left.getLong(4));
            }
            try (ResultSet check = sql.executeQuery("""
                    SELECT count(*) FROM account a WHERE a.member_id IN (SELECT id FROM member
                      WHERE external_id LIKE 'bench-%') AND (a.available <> (SELECT coalesce(sum(remaining), 0)
                      FROM lot l WHERE l.account_id = a.member_id AND l.state = 'ACTIVE') OR a.pending <> 0)""")) {
                check.next();
                System.out.printf("bench: accounts whose parts disagree with their lots: %d%n", check.getLong(1));
            }
        }
    }

    private static void seed(Statement sql, int members, int lots) throws Exception {
        sql.execute("""
                INSERT INTO member (external_id, email, locale, time_zone, status, registered_at, created_at, updated_at)
                SELECT 'bench-' || g, 'bench-' || g || '@example.com', 'en', 'UTC', 'ACTIVE', now(), now(), now()
                FROM generate_series(1, %d) g""".formatted(members));
        sql.execute("""
                INSERT INTO account (member_id, available, pending, reserved, updated_at)
                SELECT id, %1$d * 10, %1$d * 10, 0, now() FROM member WHERE external_id LIKE 'bench-%%'"""
                .formatted(lots));
        // Lots that burnt an hour ago, and accruals whose 14-day hold ended an hour ago (burning in 30 days).
        sql.execute("""
                INSERT INTO ledger_transaction (account_id, kind, amount, pending_change, reserved_change, source_type,
                    source_id, reason, actor, created_at, available_from, expires_at)
                SELECT m.id, 'ACCRUAL', 10, CASE WHEN k = 1 THEN 0 ELSE 10 END, 0, 'IMPORT', 'bench', 'bench', 'bench',
                    now() - interval '40 days',
                    CASE WHEN k = 1 THEN now() - interval '40 days' ELSE now() - interval '1 hour' END,
                    CASE WHEN k = 1 THEN now() - interval '1 hour' ELSE now() + interval '30 days' END
                FROM member m, generate_series(1, 2) k, generate_series(1, %d) n
                WHERE m.external_id LIKE 'bench-%%'""".formatted(lots));
        sql.execute("""
                INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from, expires_at)
                SELECT account_id, id, amount, amount, CASE WHEN pending_change = 0 THEN 'ACTIVE' ELSE 'PENDING' END,
                    available_from, expires_at
                FROM ledger_transaction WHERE source_id = 'bench' AND kind = 'ACCRUAL'""");
        sql.execute("VACUUM ANALYZE");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
