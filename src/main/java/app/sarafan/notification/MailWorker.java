package app.sarafan.notification;

import app.sarafan.common.outbox.OutboxDrain;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drains the mail outbox on every instance; instances share it through row locks (see {@link MailDelivery}).
 * Business operations only ever insert into the outbox, so a dead SMTP server delays mail and nothing else.
 */
@ApplicationScoped
public class MailWorker {

    private static final Logger LOG = Logger.getLogger(MailWorker.class);

    private final MailDelivery delivery;
    private final NotificationConfig config;

    MailWorker(MailDelivery delivery, NotificationConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    @Scheduled(identity = "mail-outbox", every = "${sarafan.notifications.send-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void drain() {
        OutboxDrain.drain(delivery::sendNext, config.batchSize(), LOG, "Mail outbox");
    }
}
