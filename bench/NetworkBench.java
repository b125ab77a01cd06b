import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The referral network benchmark (issue 3 item 6), run by bench/network.sh against a Sarafan it started.
 *
 * <p>It seeds a network straight into the application's tables, with the rows the application itself writes for a
 * member bound by a referral link (member, account, referral_profile, referral_closure): one root and then
 * {@code levels} levels of equal size, each member referred by a random member of the level above (fixed seed, so
 * every run builds the same tree). Then it times the queries the API runs, several times each, and prints the
 * fastest and the median run in milliseconds:
 * <ul>
 *   <li>SQL, as the application sends it: the level counts (ReferralNetwork.summary) of the root — the whole
 *       network — and of the largest network of a direct referral of the root, the upline of the deepest member
 *       (ReferralTree.upline), and the first page of level 1 and of the deepest level (ReferralNetwork.level);</li>
 *   <li>HTTP, end to end through the running service: the same summary and pages, and for comparison a call that
 *       reads no network at all (GET /v1/members/{root}).</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp <postgresql jdbc jar> bench/NetworkBench.java <jdbc url> <base url> <admin api key>};
 * BENCH_MEMBERS, BENCH_LEVELS and BENCH_RUNS change the size of the tree and the number of timed runs; BENCH_EXPLAIN=1
 * prints the query plans.
 */
public class NetworkBench {

    // The SQL below is copied from the application; keep it in step with ReferralNetwork and ReferralTree.
    static final String SUMMARY = """
            SELECT depth, count(*), count(*) FILTER (WHERE descendant_paid)
            FROM referral_closure WHERE ancestor_id = ? GROUP BY depth ORDER BY depth""";
    static final String UPLINE = """
            SELECT ancestor_id, depth FROM referral_closure
            WHERE descendant_id = ? AND depth <= ? ORDER BY depth""";
    static final String LEVEL_PAGE = """
            WITH page AS MATERIALIZED (
                SELECT descendant_id FROM referral_closure
                WHERE ancestor_id = ? AND depth = ? AND descendant_id < ?
                ORDER BY descendant_id DESC LIMIT ?)
            SELECT c.descendant_id, m.name, m.external_id, m.registered_at, p.bound_at,
                   p.first_paid_at IS NOT NULL,
                   COALESCE((SELECT sum(t.amount) FROM ledger_transaction t
                             WHERE t.account_id = ? AND t.referral_member_id = c.descendant_id), 0)
            FROM page c
            JOIN referral_profile p ON p.member_id = c.descendant_id
            JOIN member m ON m.id = c.descendant_id
            ORDER BY c.descendant_id DESC""";
    static final int PAGE = 20;
    /** Untimed runs first, so that the service's JIT compiler and PostgreSQL's caches are warm. */
    static final int WARMUP = 10;

    record Timing(String operation, String via, int rows, double[] millis) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: NetworkBench <jdbc url> <base url> <admin api key>");
            System.exit(2);
        }
        int members = Integer.parseInt(env("BENCH_MEMBERS", "100000"));
        int levels = Integer.parseInt(env("BENCH_LEVELS", "30"));
        int runs = Integer.parseInt(env("BENCH_RUNS", "15"));
        try (Connection db = DriverManager.getConnection(args[0], "postgres", "postgres")) {
            long seeded = seed(db, members, levels);
            long root = scalar(db, "SELECT id FROM member WHERE external_id = 'bench-1'");
            long deepest = scalar(db, "SELECT max(id) FROM member WHERE external_id LIKE 'bench-%'");
            String rootExternalId = "bench-1";
            int depth = (int) scalar(db, "SELECT max(depth) FROM referral_closure WHERE descendant_id = " + deepest);
            long closure = scalar(db, "SELECT count(*) FROM referral_closure");
            System.out.printf(Locale.ROOT, "%nNetwork: %,d members, %d levels below the root, %,d closure rows"
                    + " (seeded in %.1f s); %d timed runs after %d warm-up runs each.%n%n",
                    members, depth, closure, seeded / 1000.0, runs, WARMUP);

            List<Timing> timings = new ArrayList<>();
            timings.add(sql(db, "level counts of the root (summary)", runs, SUMMARY, root));
            long[] largest = largestNetworkBelowTheRoot(db, root);
            timings.add(sql(db, "level counts of the largest level-1 network (" + largest[1] + ")", runs, SUMMARY,
                    largest[0]));
            timings.add(sql(db, "upline of the deepest member (" + depth + " levels)", runs, UPLINE, deepest, depth));
            timings.add(sql(db, "first page of level 1 of the root", runs, LEVEL_PAGE, root, 1,
                    Long.MAX_VALUE, PAGE + 1, root));
            timings.add(sql(db, "first page of level " + depth + " of the root", runs, LEVEL_PAGE, root,
                    depth, Long.MAX_VALUE, PAGE + 1, root));
            HttpClient http = HttpClient.newHttpClient();
            String base = args[1] + "/v1/members/" + rootExternalId;
            // What any call costs the service (authentication, a transaction, JSON), to read the rows below against.
            timings.add(http(http, "baseline: the root's profile (no network)", runs, base, args[2]));
            timings.add(http(http, "level counts of the root (summary)", runs, base + "/network", args[2]));
            timings.add(http(http, "first page of level 1 of the root", runs, base + "/network/levels/1", args[2]));
            timings.add(http(http, "first page of level " + depth + " of the root", runs,
                    base + "/network/levels/" + depth, args[2]));
            print(timings);
        }
    }

    /** Seeds the tree unless it is there already; answers how long it took in milliseconds. */
    static long seed(Connection db, int members, int levels) throws SQLException {
        if (scalar(db, "SELECT count(*) FROM member WHERE external_id LIKE 'bench-%'") > 0) {
            return 0;
        }
        long started = System.currentTimeMillis();
        int perLevel = (members - 1) / levels;
        db.setAutoCommit(false);
        try (Statement sql = db.createStatement()) {
            System.out.printf(Locale.ROOT, "Seeding %,d members in %d levels...%n", members, levels);
            long offset = scalar(db, "SELECT COALESCE(max(id), 0) FROM member");
            // Member n (1 = the root) is at level least((n - 2) / perLevel + 1, levels); the last level also takes
            // the remainder. Its referrer is a random member of the level above.
            sql.execute("CREATE TEMP TABLE bench_tree ON COMMIT DROP AS"
                    + " SELECT n, CASE WHEN n = 1 THEN 0 ELSE least((n - 2) / " + perLevel + " + 1, " + levels
                    + ") END AS level FROM generate_series(1, " + members + ") n");
            sql.execute("SELECT setseed(0.42)");
            sql.execute("ALTER TABLE bench_tree ADD COLUMN parent BIGINT");
            sql.execute("UPDATE bench_tree SET parent = CASE WHEN level = 0 THEN NULL WHEN level = 1 THEN 1"
                    + " ELSE 2 + (level - 2) * " + perLevel + " + floor(random() * " + perLevel + ")::int END");
            step("levels and referrers", started);
            sql.execute("INSERT INTO member (id, external_id, email, name, locale, time_zone, status,"
                    + " profile_completed, newsletter_subscribed, registered_at, created_at, updated_at)"
                    + " SELECT " + offset + " + n, 'bench-' || n, 'bench-' || n || '@example.com',"
                    + " 'Bench Member ' || n, 'en', 'UTC', 'ACTIVE', false, false, now(), now(), now()"
                    + " FROM bench_tree");
            sql.execute("SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))");
            step("member", started);
            sql.execute("INSERT INTO account (member_id, available, pending, reserved, updated_at)"
                    + " SELECT " + offset + " + n, 0, 0, 0, now() FROM bench_tree");
            step("account", started);
            // Every third member has paid, so the summary's paying count has something to count.
            sql.execute("INSERT INTO referral_profile (member_id, code, referrer_id, bound_at, bound_via,"
                    + " bound_source, review_status, first_paid_at)"
                    + " SELECT " + offset + " + n, 'BN' || n, " + offset + " + parent,"
                    + " CASE WHEN parent IS NULL THEN NULL ELSE now() END,"
                    + " CASE WHEN parent IS NULL THEN NULL ELSE 'LINK' END,"
                    + " CASE WHEN parent IS NULL THEN NULL ELSE 'BN' || parent END, 'NONE',"
                    + " CASE WHEN n % 3 = 0 THEN now() END FROM bench_tree");
            step("referral_profile", started);
            // The closure table: every (ancestor, descendant) pair with the level between them, as
            // ReferralTree.attach writes it. In index order, which makes the insert several times faster.
            sql.execute("SET LOCAL work_mem = '256MB'");
            // The rows reference members inserted just above: skipping the foreign key triggers for this one insert
            // (3 million checks) saves most of the seeding time.
            sql.execute("SET LOCAL session_replication_role = replica");
            sql.execute("""
                    INSERT INTO referral_closure (ancestor_id, descendant_id, depth, descendant_paid)
                    WITH RECURSIVE up (ancestor_id, descendant_id, depth) AS (
                        SELECT referrer_id, member_id, 1 FROM referral_profile
                        WHERE referrer_id IS NOT NULL AND code LIKE 'BN%'
                        UNION ALL
                        SELECT p.referrer_id, up.descendant_id, up.depth + 1
                        FROM up JOIN referral_profile p ON p.member_id = up.ancestor_id
                        WHERE p.referrer_id IS NOT NULL)
                    SELECT up.ancestor_id, up.descendant_id, up.depth, p.first_paid_at IS NOT NULL
                    FROM up JOIN referral_profile p ON p.member_id = up.descendant_id
                    ORDER BY up.ancestor_id, up.depth, up.descendant_id""");
            sql.execute("SET LOCAL session_replication_role = origin");
            step("referral_closure", started);
            db.commit();
            db.setAutoCommit(true);
            sql.execute("ANALYZE member");
            sql.execute("ANALYZE account");
            sql.execute("ANALYZE referral_profile");
            sql.execute("ANALYZE referral_closure");
            step("commit and ANALYZE", started);
        }
        return System.currentTimeMillis() - started;
    }

    static void step(String what, long started) {
        System.out.printf(Locale.ROOT, "  %-24s done at %5.1f s%n", what, (System.currentTimeMillis() - started) / 1000.0);
    }

    static Timing sql(Connection db, String operation, int runs, String query, Object... params) throws SQLException {
        double[] millis = new double[runs];
        int rows = 0;
        try (PreparedStatement statement = db.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            for (int run = -WARMUP; run < runs; run++) {
                long start = System.nanoTime();
                rows = 0;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows++;
                    }
                }
                if (run >= 0) {
                    millis[run] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        if (System.getenv("BENCH_EXPLAIN") != null) {
            explain(db, operation, query, params);
        }
        return new Timing(operation, "SQL", rows, millis);
    }

    /** BENCH_EXPLAIN=1 prints how PostgreSQL ran each query. */
    static void explain(Connection db, String operation, String query, Object... params) throws SQLException {
        System.out.println("EXPLAIN " + operation + ":");
        try (PreparedStatement statement = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet plan = statement.executeQuery()) {
                while (plan.next()) {
                    System.out.println("  " + plan.getString(1));
                }
            }
        }
    }

    static Timing http(HttpClient client, String operation, int runs, String url, String adminKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", adminKey).GET().build();
        double[] millis = new double[runs];
        int bytes = 0;
        for (int run = -WARMUP; run < runs; run++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            bytes = response.body().length();
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        return new Timing(operation, "HTTP", bytes, millis);
    }

    static void print(List<Timing> timings) {
        String format = "| %-52s | %-4s | %9s | %8s | %11s |%n";
        System.out.printf(Locale.ROOT, format, "operation", "via", "result", "min ms", "median ms");
        System.out.printf(Locale.ROOT, format, "-".repeat(52), "-".repeat(4), "-".repeat(9), "-".repeat(8),
                "-".repeat(11));
        for (Timing t : timings) {
            double[] sorted = t.millis().clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            String result = t.via().equals("SQL") ? t.rows() + " rows" : t.rows() + " B";
            System.out.printf(Locale.ROOT, format, t.operation(), t.via(), result,
                    String.format(Locale.ROOT, "%.2f", sorted[0]), String.format(Locale.ROOT, "%.2f", median));
        }
        System.out.println();
    }

    /** The direct referral of the root with the largest network: {member id, network size}. */
    static long[] largestNetworkBelowTheRoot(Connection db, long root) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement("""
                SELECT c.ancestor_id, count(*) FROM referral_closure c
                WHERE c.ancestor_id IN (SELECT descendant_id FROM referral_closure WHERE ancestor_id = ? AND depth = 1)
                GROUP BY c.ancestor_id ORDER BY count(*) DESC, c.ancestor_id LIMIT 1""")) {
            sql.setLong(1, root);
            try (ResultSet result = sql.executeQuery()) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }
        }
    }

    static long scalar(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
