package app.sarafan.support.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Judges every rest-assured exchange by the {@link Contract} and fails the call that breaks it. Installed once per
 * class loader as a global rest-assured filter by {@link ContractValidationExtension}, so no test (whatever it
 * extends, whichever way it builds its request) can leave it out. It runs last, next to the wire: it sees the
 * request as sent and the response as answered.
 */
public final class ContractFilter implements OrderedFilter {

    private static final ContractFilter INSTANCE = new ContractFilter();

    /** Violations not yet claimed by a test: a call made in a pool thread could have its failure swallowed. */
    private static final Queue<String> UNCLAIMED = new ConcurrentLinkedQueue<>();

    private static final AtomicLong JUDGED = new AtomicLong();

    private ContractFilter() {
    }

    /** Adds the filter to rest-assured's global filters unless it is there already. */
    public static synchronized void install() {
        if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
            RestAssured.filters(INSTANCE);
        }
    }

    public static boolean installed() {
        return RestAssured.filters().contains(INSTANCE);
    }

    /** How many exchanges this class loader has judged. */
    public static long judged() {
        return JUDGED.get();
    }

    /** The violations found since the last call, each already thrown at its call; forgets them. */
    public static List<String> takeViolations() {
        List<String> taken = new ArrayList<>();
        for (String violation; (violation = UNCLAIMED.poll()) != null; ) {
            taken.add(violation);
        }
        return taken;
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        String proxy = System.getProperty("sarafan.test.proxy-port");
        if (proxy != null) {
            request.port(Integer.parseInt(proxy));
        }
        Response response = context.next(request, responseSpec);
        Exchange exchange = Exchange.of(request, response);
        List<String> violations = new ArrayList<>(Contract.get().violations(exchange.request(), exchange.response()));
        String proxied = response.getHeader("sl-violations");
        if (proxied != null && (response.statusCode() < 400 || proxied.contains("\"response\""))) {
            violations.add("[prism] " + proxied);
        }
        JUDGED.incrementAndGet();
        if (!violations.isEmpty()) {
            String text = exchange.describe() + " breaks openapi.yaml:\n  - " + String.join("\n  - ", violations);
            UNCLAIMED.add(text);
            throw new ContractViolation(text);
        }
        return response;
    }

    /** An exchange that does not keep the contract. An {@link AssertionError}: it fails the test like one. */
    public static final class ContractViolation extends AssertionError {
        ContractViolation(String message) {
            super(message);
        }
    }
}
