package app.sarafan.sms;

import app.sarafan.common.outbox.OutboxDrain;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drains the SMS outbox on every instance (instances share it through row locks, see {@link SmsDelivery}) and
 * matches the delivery receipts that came in. Does nothing while the channel is off (sarafan.sms.enabled).
 * Business operations only ever insert into the outbox, so a dead SMSC delays SMS and nothing else.
 */
@ApplicationScoped
public class SmsWorker {

    private static final Logger LOG = Logger.getLogger(SmsWorker.class);

    private final SmsDelivery delivery;
    private final SmsReceipts receipts;
    private final SelectedTransport transport;
    private final SmsConfig config;

    SmsWorker(SmsDelivery delivery, SmsReceipts receipts, SelectedTransport transport, SmsConfig config) {
        this.delivery = delivery;
        this.receipts = receipts;
        this.transport = transport;
        this.config = config;
    }

    /** One pass: matches the receipts that came in, then sends what is due (the tests call it directly). */
    @Scheduled(identity = "sms-outbox", every = "${sarafan.sms.send-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void drain() {
        if (!config.enabled()) {
            return;
        }
        try {
            receipts.match();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Matching SMS delivery receipts failed; the next pass goes on");
        }
        if (!transport.reachable()) {
            return; // the SMSC is unreachable: messages wait, untouched, for the pass that binds again
        }
        OutboxDrain.drain(delivery::sendNext, config.batchSize(), LOG, "SMS outbox");
    }
}
