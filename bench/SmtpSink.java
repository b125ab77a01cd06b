import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server that accepts every message and throws it away, for bench/run.sh: the service sends its mail as in
 * production (one SMTP conversation per message) without a mail server on the machine. Prints the port it listens
 * on, then, at the end, how many messages it took.
 *   java bench/SmtpSink.java
 */
public class SmtpSink {

    private static final AtomicLong MESSAGES = new AtomicLong();

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress())) {
            System.out.println(server.getLocalPort());
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("smtp sink: "
                    + MESSAGES.get() + " messages")));
            while (true) {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> converse(client));
            }
        }
    }

    private static void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            boolean data = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        MESSAGES.incrementAndGet();
                        reply(out, "250 OK");
                    }
                    continue;
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink\r\n250 8BITMIME");
                    case "DATA" -> {
                        data = true;
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (Exception e) {
            // A client that hangs up is no concern of a sink.
        }
    }

    private static void reply(OutputStream out, String text) throws java.io.IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
