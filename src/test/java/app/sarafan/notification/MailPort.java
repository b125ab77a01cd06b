package app.sarafan.notification;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Picks a free local port for the SMTP server before the service starts and points the mailer at it; the tests
 * run a real SMTP server (GreenMail, {@link MailServer}) on that port and stop it to play an outage.
 */
public class MailPort implements QuarkusTestResourceLifecycleManager {

    static final String PROPERTY = "quarkus.mailer.port";

    @Override
    public Map<String, String> start() {
        return Map.of(PROPERTY, String.valueOf(app.sarafan.support.ReservedPorts.free()), "quarkus.mailer.host", "127.0.0.1");
    }

    @Override
    public void stop() {
        // nothing is held: MailServer binds the port
    }
}
