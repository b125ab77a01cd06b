package app.sarafan.notification;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The SMTP server of the tests: GreenMail on the port {@link MailPort} chose, started once and left running for
 * the rest of the test JVM (later tests' mail goes there too) or until a restarted service sends to another port,
 * stopped and started again to play an outage.
 */
final class MailServer {

    private static GreenMail server;
    private static int port;

    private MailServer() {
    }

    /** Runs the server on the port the running service sends to (a test profile's restart picks a new one). */
    static synchronized void up() {
        int configured = ConfigProvider.getConfig().getValue(MailPort.PROPERTY, Integer.class);
        if (server != null && port != configured) {
            down();
        }
        if (server == null) {
            port = configured;
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    static synchronized void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The plain text alternative of a message (every message has one, and an HTML one). */
    static String text(Message message) {
        return part(message, "text/plain");
    }

    static String html(Message message) {
        return part(message, "text/html");
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return String.valueOf(part.getContent());
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages received for one address, in the order they came. */
    static synchronized List<Message> to(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).map(m -> (Message) m).toList();
    }
}
