package app.sarafan.sms;

import java.util.List;

/** Hands a text to the aggregator; the SMPP session of this instance ({@link SmppGateway}). */
interface SmsTransport {

    /**
     * Submits {@code text} to {@code phone} (E.164, with or without its +) and answers the message id of each part,
     * in order. Throws {@link SmsRefused} when the aggregator cannot be reached or refuses.
     */
    List<String> submit(String phone, String text);
}
