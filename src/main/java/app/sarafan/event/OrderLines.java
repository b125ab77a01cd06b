package app.sarafan.event;

import java.util.List;

import app.sarafan.earning.OrderFacts;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An order's lines as stored with it. */
@RegisterForReflection
record OrderLines(List<OrderFacts.Line> lines) {
}
