package app.sarafan.faults;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.faults.MoneyLoad.Story;
import app.sarafan.faults.Oracle.Verdict;
import app.sarafan.support.PackagedService;
import app.sarafan.support.PackagedService.Instance;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21 item 9: faults survived, measured. Two packaged instances on a PostgreSQL this test can hurt
 * ({@link StoppablePostgres}), under a load of money operations whose clients retry with the same keys and event
 * ids ({@link MoneyLoad}); one fault per test: the database stopped hard and restarted, frozen and resumed, a
 * connection limit below the pool size, an instance killed (SIGKILL) and one stopped (SIGTERM) in the middle of
 * the load. For each: no 5xx without a problem body; readiness down while the database is unreachable and up again
 * by itself; every step the clients sent succeeded in the end; no request committed without an answer (but for
 * SIGKILL, where nothing can answer); and nothing lost or doubled ({@link Oracle}, and the service's own
 * reconciliation job). What was measured goes to target/faults/results.md (docs/faults.md is a dated copy).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class FaultsIT {

    static final String SHOP_KEY = "faults-shop-key";
    static final String ADMIN_KEY = "faults-admin-key";
    static final String EVENT_SECRET = "whsec_mVy/MfjufG37BSHEJwuDOedQczFKtXhmcQWiCf6nIQU=";
    private static final Duration BEFORE_FAULT = Duration.ofSeconds(3);
    private static final Duration AFTER_FAULT = Duration.ofSeconds(4);
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    /** How long an instance may take to be ready again by itself once the fault is over. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final int CLIENTS = 6;
    private static final Duration PAUSE = Duration.ofMillis(40);

    private static StoppablePostgres postgres;
    private static PackagedService service;
    private static final Map<String, Instance> instances = new LinkedHashMap<>();
    private static final FaultReport report = new FaultReport(Path.of("target/faults/results.md"));

    @BeforeAll
    static void start() throws Exception {
        postgres = new StoppablePostgres(Path.of("target/faults/postgres/data"));
        Map<String, String> environment = new HashMap<>(PackagedService.datasource(postgres.jdbcUrl(),
                StoppablePostgres.ROLE, StoppablePostgres.PASSWORD));
        environment.putAll(PackagedService.productionCredentials(SHOP_KEY, ADMIN_KEY, EVENT_SECRET));
        service = new PackagedService(Path.of("target/faults"), environment);
        Instance a = service.launch("a");
        Instance b = service.launch("b");
        instances.put("a", service.ready(a));
        instances.put("b", service.ready(b));
        admin().body(Map.of("name", "Faults: cashback 5 %", "profile", "ORDER_PAID", "priority", 1000, "rewards",
                List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))))
                .post("/v1/admin/rules").then().statusCode(201);
        admin().body(Map.of("name", "Faults: pay with bonuses", "profile", "PAY_WITH_BONUSES", "priority", 1000,
                "spending", Map.of("maxPercent", "50.00"))).post("/v1/admin/rules").then().statusCode(201);
        warmUp("warm");
    }

    /**
     * The same load for a few seconds without a fault, so that the first fault meets JVMs that have compiled the
     * money paths (cold, they answer ten times slower and the first fault's load would be a few dozen steps).
     * What it wrote is checked like a fault's.
     */
    private static void warmUp(String prefix) throws Exception {
        MoneyLoad load = new MoneyLoad(prefix, () -> instances.values().stream().map(Instance::url).toList(),
                SHOP_KEY, ADMIN_KEY, EVENT_SECRET, CLIENTS, PAUSE);
        load.start();
        Thread.sleep(WARM_UP.toMillis());
        List<Story> stories = load.stop();
        try (Connection db = postgres.superuser()) {
            assertEquals(List.of(), Oracle.check(db, prefix, stories).problems(), "the warm-up load");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            report.write();
        } finally {
            if (service != null) {
                service.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void f1DatabaseStoppedHardAndRestarted() throws Exception {
        survive(new Fault("Database stopped hard and restarted",
                "`pg_ctl stop -m immediate` (every backend killed, as in a crash), 4 s down, `pg_ctl start`",
                FaultKind.DATABASE_UNREACHABLE, null) {
            @Override
            void inject(MoneyLoad load) throws Exception {
                postgres.stopImmediately();
                Thread.sleep(4000);
                postgres.start();
            }
        });
    }

    @Test
    void f2DatabaseFrozenAndResumed() throws Exception {
        survive(new Fault("Database frozen and resumed",
                "SIGSTOP to the postmaster and every backend (connections stay open, nothing answers), 5 s, SIGCONT",
                FaultKind.DATABASE_UNREACHABLE, null) {
            @Override
            void inject(MoneyLoad load) throws Exception {
                postgres.freeze();
                try {
                    Thread.sleep(5000);
                } finally {
                    postgres.resume();
                }
            }
        });
    }

    @Test
    void f3ConnectionLimitBelowThePoolSize() throws Exception {
        survive(new Fault("Connection limit below the pool size",
                "`ALTER ROLE sarafan CONNECTION LIMIT 4` (each instance's pool may open 40) and every connection of"
                        + " the role closed, so the pools must connect anew under the limit; lifted after 6 s",
                FaultKind.DATABASE_SATURATED, null) {
            @Override
            void inject(MoneyLoad load) throws Exception {
                postgres.limitConnections(4);
                try {
                    postgres.dropServiceConnections();
                    Thread.sleep(6000);
                } finally {
                    postgres.limitConnections(-1);
                }
            }
        });
    }

    @Test
    void f4InstanceKilledMidLoad() throws Exception {
        survive(new Fault("Instance killed (SIGKILL) mid-load",
                "SIGKILL to instance a while the clients send to both, at a moment when at least 2 requests are in flight"
                        + " there (waiting at most 3 s for it); a is started again after the load",
                FaultKind.INSTANCE_KILLED, "a") {
            @Override
            void inject(MoneyLoad load) throws Exception {
                load.awaitInFlight(instances.get("a").url(), 2, Duration.ofSeconds(3));
                signalled = Instant.now();
                PackagedService.kill(instances.get("a").process());
            }

            @Override
            void after(Map<String, String> measured) throws Exception {
                Instance killed = instances.get("a");
                Instant restart = Instant.now();
                instances.put("a", service.ready(service.launch("a", killed.port())));
                measured.put("restarted instance ready after", seconds(Duration.between(restart, Instant.now())));
                warmUp("warm-again"); // the next fault should not meet a cold instance
            }
        });
    }

    @Test
    void f5InstanceStoppedMidLoad() throws Exception {
        survive(new Fault("Instance stopped (SIGTERM) mid-load",
                "SIGTERM to instance b while the clients send to both, at a moment when at least 2 requests are in flight"
                        + " there (waiting at most 3 s for it); b is not started again",
                FaultKind.INSTANCE_STOPPED, "b") {
            @Override
            void inject(MoneyLoad load) throws Exception {
                Process b = instances.get("b").process();
                load.awaitInFlight(instances.get("b").url(), 2, Duration.ofSeconds(3));
                signalled = Instant.now();
                b.destroy();
                b.waitFor();
                shutdown = Duration.between(signalled, Instant.now());
            }
        });
    }

    // ---- the measurement ----

    enum FaultKind { DATABASE_UNREACHABLE, DATABASE_SATURATED, INSTANCE_KILLED, INSTANCE_STOPPED }

    abstract static class Fault {
        final String title;
        final String how;
        final FaultKind kind;
        /** The instance the fault stops, if any. */
        final String victim;
        /** When the signal went to the victim (the fault's start for the measurements). */
        Instant signalled;
        Duration shutdown;

        Fault(String title, String how, FaultKind kind, String victim) {
            this.title = title;
            this.how = how;
            this.kind = kind;
            this.victim = victim;
        }

        /** Does the harm; {@code load} is the load under way (a signal may wait for requests in flight). */
        abstract void inject(MoneyLoad load) throws Exception;

        /** After the load and the checks: put back what the fault took away, adding what was measured. */
        void after(Map<String, String> measured) throws Exception {
        }
    }

    private void survive(Fault fault) throws Exception {
        String prefix = "f" + (report.size() + 1) + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, String> urls = new LinkedHashMap<>();
        instances.forEach((name, instance) -> urls.put(name, instance.url()));
        List<String> targets = List.copyOf(urls.values());
        List<String> failures = new ArrayList<>();
        Map<String, String> measured = new LinkedHashMap<>();
        ClientView clients;
        Verdict verdict;
        List<Story> stories;
        Instant faultStart;
        Instant faultEnd;
        try (ReadinessWatch watch = new ReadinessWatch(urls)) {
            MoneyLoad load = new MoneyLoad(prefix, () -> targets, SHOP_KEY, ADMIN_KEY, EVENT_SECRET, CLIENTS, PAUSE);
            load.start();
            Thread.sleep(BEFORE_FAULT.toMillis());
            faultStart = Instant.now();
            fault.inject(load);
            faultEnd = Instant.now();
            if (fault.signalled != null) {
                faultStart = fault.signalled;
            }
            Thread.sleep(AFTER_FAULT.toMillis());
            stories = load.stop();
            List<String> survivors = urls.keySet().stream().filter(name -> !name.equals(fault.victim)).toList();
            awaitReady(watch, survivors, faultEnd);
            clients = ClientView.of(stories, faultEnd);
            try (Connection db = postgres.superuser()) {
                verdict = Oracle.check(db, prefix, stories);
            }
            readiness(fault, watch, urls.keySet(), survivors, faultStart, faultEnd, measured, failures);
        }
        measured.put("fault lasted", seconds(Duration.between(faultStart, faultEnd)));
        if (fault.victim != null) {
            measured.put("requests in flight at " + fault.victim + " when the signal was sent",
                    inFlight(stories, urls.get(fault.victim), faultStart));
        }
        if (fault.shutdown != null) {
            measured.put("SIGTERM to exit", seconds(fault.shutdown));
        }
        if (clients.bare5xx() > 0) {
            failures.add(clients.bare5xx() + " answers 5xx without a problem+json body, e.g. " + clients.bare5xxExample());
        }
        if (clients.gaveUp() > 0) {
            failures.add(clients.gaveUp() + " steps never succeeded (the client gave up), e.g. " + clients.gaveUpExample());
        }
        if (fault.kind != FaultKind.INSTANCE_KILLED && verdict.unansweredCommits() > 0) {
            failures.add(verdict.unansweredCommits() + " steps committed by an attempt whose connection was closed"
                    + " without an answer");
        }
        if (!verdict.problems().isEmpty()) {
            failures.add(verdict.problems().size() + " steps lost, doubled or contradicted: "
                    + verdict.problems().subList(0, Math.min(5, verdict.problems().size())));
        }
        Instance auditor = instances.get(fault.victim == null || !fault.victim.equals("a") ? "a" : "b");
        String reconciliation = reconcile(auditor, failures);
        fault.after(measured);
        report.add(fault.title, fault.how, clients, verdict, reconciliation, measured, failures);
        report.write();
        assertEquals(List.of(), failures, fault.title);
    }

    /** The attempts sent to {@code url} before {@code signal} and not ended by then, by how they ended. */
    private static String inFlight(List<Story> stories, String url, Instant signal) {
        Map<String, Integer> endings = new java.util.TreeMap<>();
        stories.stream().flatMap(story -> story.steps().stream()).flatMap(step -> step.attempts.stream())
                .filter(a -> a.instance().equals(url) && a.sent().isBefore(signal) && a.ended().isAfter(signal))
                .forEach(a -> endings.merge(a.label(), 1, Integer::sum));
        int total = endings.values().stream().mapToInt(Integer::intValue).sum();
        return total + (endings.isEmpty() ? "" : " (" + endings.toString().replaceAll("[{}]", "").replace("=", ": ")
                + ")");
    }

    /** Waits (at most {@link #RECOVERY} after the fault) until every surviving instance's last probe is up. */
    private static void awaitReady(ReadinessWatch watch, List<String> survivors, Instant faultEnd)
            throws InterruptedException {
        Instant deadline = faultEnd.plus(RECOVERY);
        while (Instant.now().isBefore(deadline)) {
            boolean all = survivors.stream().allMatch(name -> {
                List<ReadinessWatch.Probe> probes = watch.of(name);
                return !probes.isEmpty() && probes.get(probes.size() - 1).up();
            });
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void readiness(Fault fault, ReadinessWatch watch, Iterable<String> watched, List<String> survivors,
            Instant faultStart, Instant faultEnd, Map<String, String> measured, List<String> failures) {
        for (String name : watched) {
            Optional<ReadinessWatch.Probe> down = watch.firstNotUp(name, faultStart, faultEnd.plusSeconds(2));
            Optional<ReadinessWatch.Probe> up = watch.upAgain(name, faultStart);
            List<ReadinessWatch.Probe> probes = watch.of(name);
            boolean upAtEnd = !probes.isEmpty() && probes.get(probes.size() - 1).up();
            long notUpDuringFault = probes.stream().filter(p -> !p.up() && !p.at().isBefore(faultStart)
                    && !p.at().isAfter(faultEnd)).count();
            String recovered;
            if (name.equals(fault.victim)) {
                recovered = "stopped by the fault";
            } else if (up.isPresent() && upAtEnd) {
                Duration after = Duration.between(faultEnd, up.get().at());
                recovered = after.isNegative() ? "ready again while the fault lasted, "
                        + seconds(Duration.between(faultStart, up.get().at())) + " after it began"
                        : "ready again " + seconds(after) + " after it ended";
            } else {
                recovered = upAtEnd ? "ready throughout" : "not ready at the end";
            }
            measured.put("readiness of " + name, down.map(p -> "not ready (" + p.seen() + ") "
                    + seconds(Duration.between(faultStart, p.at())) + " after the fault began").orElse("never down")
                    + ", " + notUpDuringFault + " probes not ready during the fault; " + recovered);
            if (fault.kind == FaultKind.INSTANCE_STOPPED && name.equals(fault.victim)) {
                boolean saidDown = probes.stream().anyMatch(p -> p.seen() == ReadinessWatch.Seen.DOWN
                        && !p.at().isBefore(faultStart));
                measured.put("readiness of " + name + " while draining", saidDown
                        ? "answered 503 before it stopped listening" : "never answered 503: up until refused");
            }
            if (fault.kind == FaultKind.DATABASE_UNREACHABLE && notUpDuringFault == 0) {
                failures.add("readiness of " + name + " stayed up while the database was unreachable");
            }
            if (survivors.contains(name) && !upAtEnd) {
                failures.add("readiness of " + name + " not up again " + RECOVERY.toSeconds() + " s after the fault");
            }
        }
    }

    /** Runs the reconciliation job and reads its report: the ledger invariant over every account and the program. */
    private static String reconcile(Instance instance, List<String> failures) {
        given().baseUri(instance.url()).header("X-Api-Key", ADMIN_KEY).post("/v1/admin/jobs/reconciliation/runs")
                .then().statusCode(200);
        String id = admin(instance).get("/v1/admin/reconciliations?limit=1").then().statusCode(200).extract()
                .path("items[0].id").toString();
        JsonPath run = admin(instance).get("/v1/admin/reconciliations/{id}", id).then().statusCode(200).extract()
                .jsonPath();
        String status = run.getString("status");
        long violations = run.getLong("violationCount");
        if (!"FINISHED".equals(status) || violations != 0) {
            failures.add("reconciliation " + id + ": " + status + ", " + violations + " violations: "
                    + run.getList("violations"));
        }
        return status + ", " + run.getLong("accountsChecked") + " accounts checked, " + violations + " violations";
    }

    private static RequestSpecification admin() {
        return admin(instances.get("a"));
    }

    private static RequestSpecification admin(Instance instance) {
        return given().baseUri(instance.url()).header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON);
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
