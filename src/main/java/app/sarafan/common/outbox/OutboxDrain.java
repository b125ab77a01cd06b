package app.sarafan.common.outbox;

import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * One pass of an outbox worker (mail, webhooks): handles messages one transaction each until none is due or the
 * batch is full. A failure ends the pass; what was not handled waits for the next one.
 */
public final class OutboxDrain {

    private OutboxDrain() {
    }

    /** Answers how many messages were handled. */
    public static int drain(BooleanSupplier handleNext, int batchSize, Logger log, String outbox) {
        int handled = 0;
        try {
            while (handled < batchSize && handleNext.getAsBoolean()) {
                handled++;
            }
        } catch (RuntimeException e) {
            log.errorf(e, "%s worker stopped early; the next pass goes on", outbox);
        }
        return handled;
    }
}
