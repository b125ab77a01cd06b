package app.sarafan.sms;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The SMS channel (docs/sms.md): the outbox worker and the SMPP account at the aggregator. */
@ConfigMapping(prefix = "sarafan.sms")
public interface SmsConfig {

    /**
     * Off (the default) sends nothing and opens no connection: messages of members who consented wait in the
     * outbox until the channel is configured and turned on.
     */
    @WithDefault("false")
    boolean enabled();

    /** How often the worker looks for SMS to send ("off" stops it; the tests drain it themselves). */
    @WithDefault("5s")
    String sendEvery();

    /** At most this many messages per look (each is its own transaction). */
    @WithDefault("100")
    int batchSize();

    /** The first retry after a refused or failed submit; doubled at each failure up to retry-max. */
    @WithDefault("PT30S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryMax();

    /**
     * After this many failed attempts the message is FAILED: unlike an email, a text about bonuses that arrives a
     * day late is noise. The default, with the default backoff, gives up after about four hours.
     */
    @WithDefault("10")
    int maxAttempts();

    /** How texts reach the aggregator: SMPP (the default) or HTTP (a JSON POST to its gateway). */
    @WithDefault("SMPP")
    Transport transport();

    Smpp smpp();

    Http http();

    enum Transport {
        SMPP, HTTP
    }

    /**
     * An aggregator's HTTP gateway: each SMS is a POST of {@code {"to", "from", "text", "reference"}} as JSON with
     * a bearer token; a 2xx answer is a success (its JSON {@code id}, if any, is kept as the message id). No
     * delivery receipts: such SMS stay SENT.
     */
    interface Http {

        /** Required with transport=HTTP. */
        Optional<java.net.URI> url();

        /** The bearer token: a secret, from the environment or a secrets file, never logged. */
        Optional<String> token();

        /** The sender, if the gateway wants one in the request ({@code from}); absent, its default. */
        Optional<String> sender();

        /** How long one POST may take before the attempt counts as failed. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** The SMPP 3.4 account at the aggregator (SMSC). */
    interface Smpp {

        /** Required when enabled. */
        Optional<String> host();

        @WithDefault("2775")
        int port();

        /** The account's system_id; required when enabled. */
        Optional<String> systemId();

        /** The account's password: a secret, from the environment or a secrets file, never logged. */
        Optional<String> password();

        /** system_type, if the aggregator asks for one. */
        Optional<String> systemType();

        /** TRANSCEIVER (submits and receives delivery receipts on one session) or TRANSMITTER (no receipts). */
        @WithDefault("TRANSCEIVER")
        BindMode bindType();

        /**
         * The sender members see: digits (a phone number, sent as international) or a name of at most 11 letters
         * and digits registered with the aggregator (sent alphanumeric). Required when enabled.
         */
        Optional<String> sourceAddress();

        /** How long a bind or a submit waits for the SMSC's answer before the attempt counts as failed. */
        @WithDefault("PT10S")
        Duration responseTimeout();

        /** How often an idle session is probed (enquire_link), so a dead connection is noticed and replaced. */
        @WithDefault("PT30S")
        Duration enquireLinkEvery();
    }

    enum BindMode {
        TRANSCEIVER, TRANSMITTER
    }
}
