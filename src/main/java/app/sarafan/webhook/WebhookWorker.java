package app.sarafan.webhook;

import app.sarafan.common.outbox.OutboxDrain;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Sends due webhook deliveries on every instance; instances share them through row locks. */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);

    private final WebhookDelivery delivery;
    private final WebhookConfig config;

    WebhookWorker(WebhookDelivery delivery, WebhookConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${sarafan.webhooks.send-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void drain() {
        OutboxDrain.drain(delivery::sendNext, config.batchSize(), LOG, "Webhook");
    }
}
