package app.sarafan.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.sarafan.common.security.StandardWebhooks;

/**
 * Money operations sent the way a shop's backend sends them, until stopped: each client thread takes a new member
 * and runs its whole story, each step with its own Idempotency-Key or event id: the member registered (POST
 * /v1/members), credited 20.00 (an admin adjustment), an ORDER_PAID of 100.00 earning 5.00 cashback, 10.00
 * reserved for a second order (POST /v1/redemptions) and that reservation confirmed. A story ends with 15.00
 * available and nothing reserved.
 * <p>
 * The clients retry as real ones do, always with the same key or event id: on a connection error, a client timeout
 * (3 s per attempt), any 5xx, a 429, a {@code 409 idempotency-key-in-use} (and for events, as webhook senders do, any 409),
 * with a growing pause (honouring Retry-After, at most 1 s), each attempt through the next live instance (a load
 * balancer's round robin), for at most 40 s per step; then the client gives up and the member's story stops there.
 * Every attempt is recorded for the oracle ({@link Oracle}) and the report.
 */
final class MoneyLoad {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(40);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");

    enum Step { MEMBER, CREDIT, ORDER_PAID, RESERVE, CONFIRM }

    /** How one attempt ended. */
    enum Ending {
        /** An HTTP answer arrived. */
        ANSWERED,
        /** The client gave up on the answer after {@link #ATTEMPT_TIMEOUT}: the server may still commit it. */
        TIMED_OUT,
        /** The request was sent (or may have been) and the connection closed without an answer. */
        NO_ANSWER,
        /** No connection could be opened: the request never reached a server. */
        REFUSED
    }

    record Attempt(String instance, Instant sent, Instant ended, Ending ending, int status, boolean replayed,
            String problemType, String contentType, String body, long retryAfterSeconds) {

        long millis() {
            return Duration.between(sent, ended).toMillis();
        }

        boolean succeeded() {
            return ending == Ending.ANSWERED && status / 100 == 2;
        }

        /** A 5xx that is not application/problem+json with the same status in its body. */
        boolean bare5xx() {
            if (ending != Ending.ANSWERED || status < 500) {
                return false;
            }
            Matcher inBody = STATUS.matcher(body == null ? "" : body);
            return contentType == null || !contentType.startsWith("application/problem+json") || !inBody.find()
                    || Integer.parseInt(inBody.group(1)) != status || problemType == null;
        }

        String label() {
            return switch (ending) {
                case ANSWERED -> status + (problemType == null ? "" : " " + shortType(problemType))
                        + (replayed ? " (replayed)" : "");
                case TIMED_OUT -> "client timeout";
                case NO_ANSWER -> "connection closed, no answer";
                case REFUSED -> "connection refused";
            };
        }

        private static String shortType(String type) {
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    /** One step of one member's story: what it was and every attempt at it. */
    static final class Operation {
        final Step step;
        final String member;
        final String key;
        final List<Attempt> attempts = new ArrayList<>();
        boolean acknowledged;
        boolean gaveUp;

        Operation(Step step, String member, String key) {
            this.step = step;
            this.member = member;
            this.key = key;
        }

        Attempt last() {
            return attempts.get(attempts.size() - 1);
        }

        long millis() {
            return Duration.between(attempts.get(0).sent(), last().ended()).toMillis();
        }
    }

    /** A member's story as far as it went: its steps in order (a step is only sent once the one before succeeded). */
    record Story(String member, String paidOrder, String redeemedOrder, String eventId, List<Operation> steps) {

        Optional<Operation> step(Step step) {
            return steps.stream().filter(operation -> operation.step == step).findFirst();
        }
    }

    private final String prefix;
    private final Supplier<List<String>> instances;
    private final String shopKey;
    private final String adminKey;
    private final String eventSecret;
    private final int clients;
    private final Duration pause;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Story> stories = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();

    /**
     * @param prefix    what every member id, key, order and event id of this load starts with (the oracle's filter)
     * @param instances the base URLs of the instances a load balancer would send to now
     */
    MoneyLoad(String prefix, Supplier<List<String>> instances, String shopKey, String adminKey, String eventSecret,
            int clients, Duration pause) {
        this.prefix = prefix;
        this.instances = instances;
        this.shopKey = shopKey;
        this.adminKey = adminKey;
        this.eventSecret = eventSecret;
        this.clients = clients;
        this.pause = pause;
    }

    void start() {
        pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(this::client));
        }
    }

    /**
     * Waits until at least {@code requests} attempts are in flight at {@code url} (at most {@code max}), so that a
     * signal sent next finds requests to finish; answers how many were in flight.
     */
    int awaitInFlight(String url, int requests, Duration max) throws InterruptedException {
        AtomicInteger there = inFlight.computeIfAbsent(url, u -> new AtomicInteger());
        long deadline = System.nanoTime() + max.toNanos();
        while (there.get() < requests && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return there.get();
    }

    /** No new story is begun; the stories under way are finished (or given up) before this returns. */
    List<Story> stop() throws Exception {
        stopping.set(true);
        for (Future<?> client : running) {
            client.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        synchronized (stories) {
            return List.copyOf(stories);
        }
    }

    private Void client() throws Exception {
        while (!stopping.get()) {
            story();
        }
        return null;
    }

    private void story() throws Exception {
        String member = prefix + "-m" + counter.incrementAndGet();
        Story story = new Story(member, member + "-paid", member + "-redeemed", "evt-" + member,
                Collections.synchronizedList(new ArrayList<>()));
        stories.add(story);
        String memberJson = "{\"externalId\":\"" + member + "\",\"email\":\"" + member + "@example.com\"}";
        if (run(story, Step.MEMBER, member + "-k-member", "/v1/members", shopKey, memberJson) == null
                || run(story, Step.CREDIT, member + "-k-credit", "/v1/admin/members/" + member + "/adjustments",
                adminKey, "{\"type\":\"CREDIT\",\"amount\":\"20.00\",\"reason\":\"fault load\"}") == null
                || run(story, Step.ORDER_PAID, story.eventId(), "/v1/events", shopKey,
                "{\"type\":\"ORDER_PAID\",\"memberId\":\"" + member + "\",\"order\":{\"id\":\"" + story.paidOrder()
                        + "\",\"total\":\"100.00\"}}") == null) {
            return;
        }
        Attempt reserved = run(story, Step.RESERVE, member + "-k-reserve", "/v1/redemptions", shopKey,
                "{\"externalId\":\"" + member + "\",\"orderId\":\"" + story.redeemedOrder() + "\",\"amount\":\"10.00\","
                        + "\"lines\":[{\"sku\":\"sku-1\",\"category\":\"shoes\",\"unitPrice\":\"100.00\","
                        + "\"quantity\":1}]}");
        if (reserved == null) {
            return;
        }
        Matcher id = ID.matcher(reserved.body());
        if (!id.find()) {
            throw new IllegalStateException("a redemption without an id: " + reserved.body());
        }
        run(story, Step.CONFIRM, member + "-k-confirm", "/v1/redemptions/" + id.group(1) + "/confirm", shopKey,
                "{}");
    }

    /** One step with its retries; answers the successful attempt, or null when the client gave up. */
    private Attempt run(Story story, Step step, String key, String path, String apiKey, String body)
            throws InterruptedException {
        Operation operation = new Operation(step, story.member(), key);
        story.steps().add(operation);
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 1; ; attempt++) {
            Attempt answer = send(step, key, path, apiKey, body);
            synchronized (operation) {
                operation.attempts.add(answer);
            }
            if (answer.succeeded()) {
                operation.acknowledged = true;
                pause(pause.toMillis());
                return answer;
            }
            if (!retryable(step, answer) || System.nanoTime() > giveUp) {
                operation.gaveUp = true;
                return null;
            }
            pause(backoff(attempt, answer));
        }
    }

    private static boolean retryable(Step step, Attempt answer) {
        if (answer.ending() != Ending.ANSWERED || answer.status() >= 500 || answer.status() == 429) {
            return true;
        }
        return answer.status() == 409 && (step == Step.ORDER_PAID
                || (answer.problemType() != null && answer.problemType().endsWith("/idempotency-key-in-use")));
    }

    /**
     * 100 ms more per attempt, at most 1 s; Retry-After is honoured up to that cap (a real client caps it too, and
     * the faults here last seconds); a refused connection is retried at once on the next instance.
     */
    private static long backoff(int attempt, Attempt answer) {
        if (answer.ending() == Ending.REFUSED) {
            return 50;
        }
        long wait = answer.retryAfterSeconds() >= 0 ? answer.retryAfterSeconds() * 1000 : 100L * attempt;
        return Math.min(wait, MAX_PAUSE.toMillis());
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private Attempt send(Step step, String key, String path, String apiKey, String body) {
        List<String> live = instances.get();
        String base = live.get(Math.floorMod(roundRobin.getAndIncrement(), live.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(ATTEMPT_TIMEOUT)
                .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (step == Step.ORDER_PAID) {
            long now = Instant.now().getEpochSecond();
            request.header("webhook-id", key).header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", StandardWebhooks.sign(eventSecret, key, now, body));
        } else {
            request.header("Idempotency-Key", key);
        }
        Instant sent = Instant.now();
        AtomicInteger there = inFlight.computeIfAbsent(base, u -> new AtomicInteger());
        there.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            String type = null;
            if (contentType != null && contentType.startsWith("application/problem+json")) {
                Matcher problem = TYPE.matcher(text);
                type = problem.find() ? problem.group(1) : null;
            }
            return new Attempt(base, sent, Instant.now(), Ending.ANSWERED, response.statusCode(),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(), type, contentType, text,
                    response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                            .map(Long::parseLong).orElse(-1L));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new Attempt(base, sent, Instant.now(), Ending.REFUSED, 0, false, null, null, null, -1);
        } catch (HttpTimeoutException e) {
            return new Attempt(base, sent, Instant.now(), Ending.TIMED_OUT, 0, false, null, null, null, -1);
        } catch (IOException e) {
            return new Attempt(base, sent, Instant.now(),
                    refused(e) ? Ending.REFUSED : Ending.NO_ANSWER, 0, false, null, null, null, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            there.decrementAndGet();
        }
    }

    /** The HTTP client wraps a refused connection in a plain IOException now and then. */
    private static boolean refused(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
