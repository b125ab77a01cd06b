import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The leaderboard benchmark (issue 9 item 4), run by bench/leaderboard.sh against a Sarafan it started; it shares
 * its timing and printing with {@link NetworkBench} (a multi-file source program, Java 22+).
 *
 * <p>It seeds {@code BENCH_MEMBERS} members straight into the application's tables: each bound to a referrer
 * among the first fifth of the members, 40 % of them paid for the first time at a random moment of the last 90
 * days, and each first payment rewarded at level 1 (5.00 to 150.00) and level 2 (a fifth of it), as the earning
 * engine writes them. The triggers of V11 and V16 queue the leaderboard changes while the rows go in, as in
 * production, and the queue is folded into leaderboard_score before measuring (the service folds before it
 * reads, so every HTTP request below would otherwise pay for it once). Then it times the queries of Leaderboard (SQL as the application sends it) and the endpoints
 * over HTTP, and for comparison the same ranking aggregated live from the referral profiles.
 *
 * <p>Usage: {@code java -cp <postgresql jdbc jar> bench/LeaderboardBench.java <jdbc url> <base url> <admin key>}
 * with BENCH_SHOP_KEY set (for a member token).
 */
public class LeaderboardBench {

    // Copied from Leaderboard; keep in step.
    static final String TOP = """
            SELECT s.member_id, s.paying_referrals, s.earned, m.name, m.external_id, p.visibility, p.display_name
            FROM leaderboard_score s
            JOIN member m ON m.id = s.member_id
            LEFT JOIN leaderboard_profile p ON p.member_id = s.member_id
            WHERE s.period_kind = ? AND s.period_start = CAST(? AS date) AND s.%1$s > 0
            ORDER BY s.%1$s DESC, s.member_id
            LIMIT ?""";
    static final String POSITION = """
            SELECT count(*) FROM leaderboard_score
            WHERE period_kind = ? AND period_start = CAST(? AS date) AND %s > ?""";
    /** What a leaderboard without leaderboard_score would run: every paying referral of the month, grouped. */
    static final String LIVE_TOP = """
            SELECT referrer_id, count(*) FROM referral_profile
            WHERE referrer_id IS NOT NULL AND first_paid_at >= date_trunc('month', now()) GROUP BY referrer_id
            ORDER BY count(*) DESC, referrer_id LIMIT 10""";

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || System.getenv("BENCH_SHOP_KEY") == null) {
            System.err.println("usage: BENCH_SHOP_KEY=<key> LeaderboardBench <jdbc url> <base url> <admin api key>");
            System.exit(2);
        }
        int members = Integer.parseInt(NetworkBench.env("BENCH_MEMBERS", "100000"));
        int runs = Integer.parseInt(NetworkBench.env("BENCH_RUNS", "15"));
        try (Connection db = DriverManager.getConnection(args[0], "postgres", "postgres")) {
            long seeded = seed(db, members);
            String month = scalarText(db, "SELECT CAST(date_trunc('month', now() AT TIME ZONE 'UTC') AS date)");
            long scores = NetworkBench.scalar(db, "SELECT count(*) FROM leaderboard_score");
            long monthly = NetworkBench.scalar(db, "SELECT count(*) FROM leaderboard_score WHERE period_kind = 'MONTH'"
                    + " AND period_start = '" + month + "'");
            // The member ranked last of all time: their position is the largest count the service ever runs.
            long last = NetworkBench.scalar(db, "SELECT member_id FROM leaderboard_score WHERE period_kind = 'ALL_TIME'"
                    + " AND paying_referrals > 0 ORDER BY paying_referrals, member_id LIMIT 1");
            long lastScore = NetworkBench.scalar(db, "SELECT paying_referrals FROM leaderboard_score"
                    + " WHERE period_kind = 'ALL_TIME' AND member_id = " + last);
            String lastExternalId = "bench-" + NetworkBench.scalar(db, "SELECT substr(external_id, 7)::bigint FROM member"
                    + " WHERE id = " + last);
            System.out.printf(Locale.ROOT, "%nLeaderboard: %,d members, %,d score rows (%,d referrers this month);"
                    + " seeded in %.1f s; %d timed runs after %d warm-up runs each.%n%n",
                    members, scores, monthly, seeded / 1000.0, runs, NetworkBench.WARMUP);

            List<NetworkBench.Timing> timings = new ArrayList<>();
            timings.add(NetworkBench.sql(db, "top 10 by paying referrals, this month", runs,
                    TOP.formatted("paying_referrals"), "MONTH", month, 10));
            timings.add(NetworkBench.sql(db, "top 100 by bonuses earned, all time", runs,
                    TOP.formatted("earned"), "ALL_TIME", "1970-01-01", 100));
            timings.add(NetworkBench.sql(db, "position of the last referrer, all time", runs,
                    POSITION.formatted("paying_referrals"), "ALL_TIME", "1970-01-01", lastScore));
            timings.add(NetworkBench.sql(db, "for comparison: top 10 aggregated live", runs, LIVE_TOP));
            HttpClient http = HttpClient.newHttpClient();
            String token = memberToken(http, args[1], lastExternalId);
            timings.add(NetworkBench.http(http, "GET /v1/leaderboard (month, paying)", runs,
                    args[1] + "/v1/leaderboard", args[2]));
            timings.add(NetworkBench.http(http, "GET /v1/leaderboard (all time, earned, 100)", runs,
                    args[1] + "/v1/leaderboard?period=ALL_TIME&metric=BONUSES_EARNED&limit=100", args[2]));
            timings.add(asMember(http, "GET /v1/me/leaderboard (all time, last place)", runs,
                    args[1] + "/v1/me/leaderboard?period=ALL_TIME", token));
            NetworkBench.print(timings);
        }
    }

    static long seed(Connection db, int members) throws SQLException {
        if (NetworkBench.scalar(db, "SELECT count(*) FROM member WHERE external_id LIKE 'bench-%'") > 0) {
            return 0;
        }
        long started = System.currentTimeMillis();
        int referrers = Math.max(1, members / 5);
        db.setAutoCommit(false);
        try (Statement sql = db.createStatement()) {
            System.out.printf(Locale.ROOT, "Seeding %,d members, %,d of them referrers...%n", members, referrers);
            long offset = NetworkBench.scalar(db, "SELECT COALESCE(max(id), 0) FROM member");
            sql.execute("SELECT setseed(0.42)");
            sql.execute("CREATE TEMP TABLE bench_member ON COMMIT DROP AS"
                    + " SELECT n, CASE WHEN n > 1 THEN 1 + floor(random() * least(n - 1, " + referrers + "))::int END"
                    + " AS referrer, CASE WHEN random() < 0.4 THEN now() - random() * interval '90 days' END AS paid_at,"
                    + " round((5 + random() * 145)::numeric, 2) AS reward FROM generate_series(1, " + members + ") n");
            sql.execute("INSERT INTO member (id, external_id, email, name, locale, time_zone, status,"
                    + " profile_completed, newsletter_subscribed, registered_at, created_at, updated_at)"
                    + " SELECT " + offset + " + n, 'bench-' || n, 'bench-' || n || '@example.com',"
                    + " 'Bench Member' || n, 'en', 'UTC', 'ACTIVE', false, false, now(), now(), now() FROM bench_member");
            sql.execute("SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))");
            sql.execute("INSERT INTO account (member_id, available, pending, reserved, updated_at)"
                    + " SELECT " + offset + " + n, 0, 0, 0, now() FROM bench_member");
            NetworkBench.step("member, account", started);
            sql.execute("INSERT INTO referral_profile (member_id, code, referrer_id, bound_at, bound_via, review_status,"
                    + " first_paid_at) SELECT " + offset + " + n, 'BL' || n, " + offset + " + referrer,"
                    + " CASE WHEN referrer IS NOT NULL THEN now() - interval '91 days' END,"
                    + " CASE WHEN referrer IS NOT NULL THEN 'LINK' END, 'NONE', paid_at FROM bench_member");
            NetworkBench.step("referral_profile", started);
            sql.execute("INSERT INTO ledger_transaction (account_id, kind, amount, source_type, source_id, reason,"
                    + " actor, created_at, available_from, referral_member_id, referral_level)"
                    + " SELECT " + offset + " + b.referrer, 'ACCRUAL', b.reward, 'ORDER', 'bench-order-' || b.n,"
                    + " 'Referral reward', 'bench', b.paid_at, b.paid_at, " + offset + " + b.n, 1"
                    + " FROM bench_member b WHERE b.paid_at IS NOT NULL AND b.referrer IS NOT NULL"
                    + " UNION ALL"
                    + " SELECT " + offset + " + up.referrer, 'ACCRUAL', round(b.reward / 5, 2), 'ORDER',"
                    + " 'bench-order-' || b.n, 'Referral reward', 'bench', b.paid_at, b.paid_at, " + offset + " + b.n, 2"
                    + " FROM bench_member b JOIN bench_member up ON up.n = b.referrer"
                    + " WHERE b.paid_at IS NOT NULL AND up.referrer IS NOT NULL");
            NetworkBench.step("referral rewards", started);
            db.commit();
            db.setAutoCommit(true);
            sql.execute("SELECT leaderboard_fold()");
            NetworkBench.step("leaderboard changes folded", started);
            sql.execute("ANALYZE");
            NetworkBench.step("commit and ANALYZE", started);
        }
        return System.currentTimeMillis() - started;
    }

    static String memberToken(HttpClient http, String base, String externalId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/member-tokens"))
                .header("X-Api-Key", System.getenv("BENCH_SHOP_KEY")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"" + externalId + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("member token: " + response.statusCode() + " " + response.body());
        }
        return response.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    static NetworkBench.Timing asMember(HttpClient http, String operation, int runs, String url, String token)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET().build();
        double[] millis = new double[runs];
        int bytes = 0;
        for (int run = -NetworkBench.WARMUP; run < runs; run++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            bytes = response.body().length();
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        return new NetworkBench.Timing(operation, "HTTP", bytes, millis);
    }

    static String scalarText(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); var result = sql.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}
