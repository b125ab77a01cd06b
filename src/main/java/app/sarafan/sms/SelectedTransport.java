package app.sarafan.sms;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands a text to the aggregator by the transport sarafan.sms.transport names: this instance's SMPP session
 * ({@link SmppGateway}) or the aggregator's HTTP gateway ({@link HttpGateway}).
 */
@ApplicationScoped
class SelectedTransport {

    private final SmsConfig config;
    private final SmppGateway smpp;
    private final HttpGateway http;

    SelectedTransport(SmsConfig config, SmppGateway smpp, HttpGateway http) {
        this.config = config;
        this.smpp = smpp;
        this.http = http;
    }

    /**
     * Submits {@code text} to {@code phone} (E.164, with or without its +) and answers the message id of each part,
     * in order. Throws {@link SmsRefused} when the aggregator cannot be reached or refuses.
     */
    List<String> submit(String phone, String text) {
        return config.transport() == SmsConfig.Transport.HTTP ? http.submit(phone, text) : smpp.submit(phone, text);
    }

    /** Whether the aggregator can be reached now (an HTTP gateway is asked per message: always true). */
    boolean reachable() {
        return config.transport() == SmsConfig.Transport.HTTP || smpp.keepBound();
    }
}
