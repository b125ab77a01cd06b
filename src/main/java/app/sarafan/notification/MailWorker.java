package app.sarafan.notification;

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
        int handled = 0;
        try {
            while (handled < config.batchSize() && delivery.sendNext()) {
                handled++;
            }
        } catch (RuntimeException e) {
            LOG.error("Mail outbox worker stopped early; the next run goes on", e);
        }
        if (handled > 0) {
            LOG.debugf("Mail outbox: %d messages handled", handled);
        }
    }
}
