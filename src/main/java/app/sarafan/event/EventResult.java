package app.sarafan.event;

import java.time.Instant;
import java.util.List;

import app.sarafan.earning.Accrued;
import app.sarafan.earning.EarningOutcome;
import app.sarafan.earning.Reversed;
import app.sarafan.earning.Skipped;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an event did: PROCESSED, or IGNORED with the reason (an order already cancelled, a payment already
 * recorded). Stored with the event and answered again, unchanged, to every retry of its id.
 */
@RegisterForReflection
public record EventResult(String eventId, ShopEventType type, String memberId, String orderId, Outcome outcome,
        String note, boolean dryRun, Instant receivedAt, List<Accrued> accruals, List<Reversed> reversals,
        List<Skipped> skipped) {

    public enum Outcome {
        PROCESSED, IGNORED
    }

    static EventResult of(Received event, EarningOutcome earning, String note) {
        EarningOutcome shown = event.dryRun() ? earning.withoutTransactions() : earning;
        return new EventResult(event.id(), event.request().type(), event.request().memberId(),
                event.request().order() == null ? null : event.request().order().id(), Outcome.PROCESSED, note,
                event.dryRun(), event.receivedAt(), shown.accrued(), shown.reversed(), shown.skipped());
    }

    static EventResult ignored(Received event, String why) {
        return new EventResult(event.id(), event.request().type(), event.request().memberId(),
                event.request().order() == null ? null : event.request().order().id(), Outcome.IGNORED, why,
                event.dryRun(), event.receivedAt(), List.of(), List.of(), List.of());
    }
}
