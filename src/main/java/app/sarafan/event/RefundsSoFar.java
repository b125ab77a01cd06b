package app.sarafan.event;

import java.math.BigDecimal;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What was refunded of an order so far: money amounts and quantities per SKU. */
@RegisterForReflection
record RefundsSoFar(BigDecimal amount, Map<String, Integer> quantities) {
}
