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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Probes every instance's {@code /q/health/ready} every 100 ms with a 1 s timeout, as a Kubernetes readiness probe
 * would (a probe that times out counts as a failure there, so here too), and keeps what each probe saw.
 */
final class ReadinessWatch implements AutoCloseable {

    enum Seen { UP, DOWN, TIMEOUT, REFUSED }

    record Probe(Instant at, Seen seen) {
        boolean up() {
            return seen == Seen.UP;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, List<Probe>> probes = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService pool;

    /** @param instances name → base URL */
    ReadinessWatch(Map<String, String> instances) {
        pool = Executors.newFixedThreadPool(instances.size());
        instances.forEach((name, url) -> {
            List<Probe> seen = new ArrayList<>();
            probes.put(name, seen);
            pool.submit(() -> watch(url, seen));
        });
    }

    private Void watch(String url, List<Probe> seen) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(1))
                .build();
        while (!stopped.get()) {
            Seen result;
            try {
                result = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Seen.UP
                        : Seen.DOWN;
            } catch (HttpConnectTimeoutException | ConnectException e) {
                result = Seen.REFUSED;
            } catch (HttpTimeoutException e) {
                result = Seen.TIMEOUT;
            } catch (IOException e) {
                result = e.getCause() instanceof ConnectException ? Seen.REFUSED : Seen.TIMEOUT;
            }
            synchronized (seen) {
                seen.add(new Probe(Instant.now(), result));
            }
            Thread.sleep(100);
        }
        return null;
    }

    List<Probe> of(String instance) {
        List<Probe> seen = probes.get(instance);
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The first probe of an instance at or after {@code from} that was not up. */
    Optional<Probe> firstNotUp(String instance, Instant from, Instant until) {
        return of(instance).stream().filter(p -> !p.at().isBefore(from) && !p.at().isAfter(until) && !p.up())
                .findFirst();
    }

    /** The first probe after the last one that was not up (the instance is ready again from then on). */
    Optional<Probe> upAgain(String instance, Instant from) {
        List<Probe> seen = of(instance);
        int lastDown = -1;
        for (int i = 0; i < seen.size(); i++) {
            if (!seen.get(i).up() && !seen.get(i).at().isBefore(from)) {
                lastDown = i;
            }
        }
        if (lastDown < 0 || lastDown == seen.size() - 1) {
            return Optional.empty();
        }
        return Optional.of(seen.get(lastDown + 1));
    }

    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
