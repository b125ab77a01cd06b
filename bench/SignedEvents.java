import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes ORDER_PAID events signed the Standard Webhooks way (what StandardWebhooks.sign does) for bench/run.sh, one
 * per line: webhook-id, webhook-timestamp, webhook-signature and the body, tab-separated. Generated right before
 * the run, so every timestamp is within the 5 minutes the service accepts.
 *   java bench/SignedEvents.java <whsec_secret> <count> <member prefix> <first member> <last member> <file>
 */
public class SignedEvents {

    public static void main(String[] args) throws Exception {
        String secret = args[0];
        int count = Integer.parseInt(args[1]);
        String prefix = args[2];
        int first = Integer.parseInt(args[3]);
        int last = Integer.parseInt(args[4]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        SplittableRandom random = new SplittableRandom(42);
        long now = Instant.now().getEpochSecond();
        String run = Long.toString(now, 36);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String id = "evt_bench_" + run + "_" + i;
                int member = random.nextInt(first, last + 1);
                // 1 000.00 to 9 999.99: 5 % cashback and 5/2/1 % + 5 % referral shares rounded to the cent.
                long cents = random.nextLong(100_000, 1_000_000);
                String body = "{\"type\":\"ORDER_PAID\",\"memberId\":\"" + prefix + member + "\",\"order\":{\"id\":\"ord-"
                        + run + "-" + i + "\",\"total\":\"" + cents / 100 + "." + String.format("%02d", cents % 100)
                        + "\"}}";
                String signature = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + now + "." + body).getBytes(StandardCharsets.UTF_8)));
                out.write(id + "\t" + now + "\t" + signature + "\t" + body + "\n");
            }
        }
    }
}
