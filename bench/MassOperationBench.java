import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mass operation benchmark (issue 9 part 7), run by bench/mass-operation.sh against a running Sarafan.
 *
 * <p>It seeds {@code BENCH_MEMBERS} members (100 000) straight into the application's tables (member and account,
 * as registration writes them), all registered at one instant no other member shares, then posts one mass accrual
 * of 100.00 to exactly them (a filter on that instant) and polls the operation until it is COMPLETED. It prints
 * the elapsed time from the POST to COMPLETED, the worker's own time (startedAt to finishedAt) and checks in the
 * database that every member got exactly one credit.
 *
 * <p>Usage: {@code java -cp <postgresql jdbc jar> bench/MassOperationBench.java <jdbc url> <base url> <admin key>}.
 */
public class MassOperationBench {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MassOperationBench <jdbc url> <base url> <admin api key>");
            System.exit(2);
        }
        int members = Integer.parseInt(System.getenv().getOrDefault("BENCH_MEMBERS", "100000"));
        // One second in 1980 per run: the filter selects this run's members and nobody else.
        Instant registeredAt = Instant.parse("1980-01-01T00:00:00Z").plusSeconds(Instant.now().getEpochSecond() % 100_000_000);
        String run = "mb" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection db = DriverManager.getConnection(args[0], "postgres", "postgres")) {
            long started = System.nanoTime();
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO member (external_id, email, locale, time_zone, status, profile_completed,"
                        + " newsletter_subscribed, registered_at, created_at, updated_at)"
                        + " SELECT '" + run + "-' || n, '" + run + "-' || n || '@example.com', 'en', 'UTC', 'ACTIVE',"
                        + " false, false, TIMESTAMPTZ '" + registeredAt + "', now(), now()"
                        + " FROM generate_series(1, " + members + ") n");
                sql.execute("INSERT INTO account (member_id, available, pending, reserved, updated_at)"
                        + " SELECT id, 0, 0, 0, now() FROM member WHERE registered_at = TIMESTAMPTZ '" + registeredAt + "'");
            }
            db.commit();
            db.setAutoCommit(true);
            System.out.printf(Locale.ROOT, "Seeded %,d members in %.1f s%n", members, seconds(started));

            HttpClient http = HttpClient.newHttpClient();
            String body = """
                    {"type": "CREDIT", "operationKey": "%s", "amount": "100.00", "reason": "Benchmark gift",
                     "lifetimeDays": 365,
                     "filter": {"registeredFrom": "%s", "registeredTo": "%s"}}"""
                    .formatted(run, registeredAt, registeredAt.plusSeconds(1));
            long posted = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(args[1] + "/v1/admin/mass-operations"))
                    .header("X-Api-Key", args[2]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("POST answered " + accepted.statusCode() + ": " + accepted.body());
            }
            String location = accepted.headers().firstValue("Location").orElseThrow();
            String id = field(accepted.body(), "id");
            System.out.printf(Locale.ROOT, "Accepted operation %s (%s members selected) in %.2f s%n", id,
                    number(accepted.body(), "total"), seconds(posted));
            String status;
            String last;
            do {
                Thread.sleep(200);
                last = http.send(HttpRequest.newBuilder(URI.create(location.startsWith("http") ? location
                                : args[1] + location)).header("X-Api-Key", args[2]).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                status = field(last, "status");
            } while (!status.equals("COMPLETED") && !status.equals("FAILED") && !status.equals("CANCELLED"));
            double elapsed = seconds(posted);
            Duration worker = Duration.between(Instant.parse(field(last, "startedAt")),
                    Instant.parse(field(last, "finishedAt")));
            long credited;
            String sum;
            try (Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT count(DISTINCT account_id), sum(amount) FROM ledger_transaction"
                         + " WHERE source_type = 'MASS_OPERATION' AND source_id = '" + id + "'")) {
                rows.next();
                credited = rows.getLong(1);
                sum = rows.getString(2);
            }
            System.out.printf(Locale.ROOT, "%nMass accrual of 100.00 to %,d members: %s, done %s, failed %s, skipped %s%n",
                    members, status, number(last, "done"), number(last, "failed"), number(last, "skipped"));
            System.out.printf(Locale.ROOT, "  POST to COMPLETED:        %6.1f s%n", elapsed);
            System.out.printf(Locale.ROOT, "  worker (startedAt to finishedAt): %6.1f s  (%,.0f members/s)%n",
                    worker.toMillis() / 1000.0, members / (worker.toMillis() / 1000.0));
            System.out.printf(Locale.ROOT, "  ledger: %,d accounts credited once each, %s in total%n", credited, sum);
            if (!status.equals("COMPLETED") || credited != members) {
                System.exit(1);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
