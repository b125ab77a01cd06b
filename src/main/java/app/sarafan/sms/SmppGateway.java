package app.sarafan.sms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * This instance's SMPP 3.4 session with the aggregator (jSMPP): bound on first use as a transceiver (submits and
 * receives delivery receipts, see {@link SmppReceipts}) or a transmitter, kept alive with enquire_link, and bound
 * anew when it was dropped (the next submit or the worker's next pass does it). Submits request a delivery receipt
 * when the session can receive one. The password is sent in the bind and never logged.
 */
@ApplicationScoped
class SmppGateway {

    private static final Logger LOG = Logger.getLogger(SmppGateway.class);
    /** Permanent refusals: resending the same number cannot help. */
    private static final int[] PERMANENT = {SMPPConstant.STAT_ESME_RINVDSTADR, SMPPConstant.STAT_ESME_RINVDSTTON,
            SMPPConstant.STAT_ESME_RINVDSTNPI};

    private final SmsConfig config;
    private final SmppReceipts receipts;
    private SMPPSession session;
    private boolean reportedDown;

    SmppGateway(SmsConfig config, SmppReceipts receipts) {
        this.config = config;
        this.receipts = receipts;
    }

    /** An enabled channel needs its account: checked at start, so a typo is found at deploy, not at the first SMS. */
    void check(@Observes StartupEvent start) {
        if (!config.enabled() || config.transport() != SmsConfig.Transport.SMPP) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (config.smpp().host().isEmpty()) {
            missing.add("sarafan.sms.smpp.host");
        }
        if (config.smpp().systemId().isEmpty()) {
            missing.add("sarafan.sms.smpp.system-id");
        }
        if (config.smpp().sourceAddress().isEmpty()) {
            missing.add("sarafan.sms.smpp.source-address");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("sarafan.sms.enabled=true needs " + String.join(", ", missing));
        }
        // SMPP 3.4's field sizes (5.2), checked here: jSMPP's own refusal would write the value, password too, in
        // its log.
        List<String> tooLong = new ArrayList<>();
        tooLong(tooLong, "sarafan.sms.smpp.system-id", config.smpp().systemId().orElse(""), 15);
        tooLong(tooLong, "sarafan.sms.smpp.password", config.smpp().password().orElse(""), 8);
        tooLong(tooLong, "sarafan.sms.smpp.system-type", config.smpp().systemType().orElse(""), 12);
        String source = config.smpp().sourceAddress().orElse("");
        tooLong(tooLong, "sarafan.sms.smpp.source-address", source, source.matches("\\+?[0-9]+") ? 21 : 11);
        if (!tooLong.isEmpty()) {
            throw new IllegalStateException("SMPP 3.4 allows at most: " + String.join(", ", tooLong));
        }
    }

    private static void tooLong(List<String> problems, String key, String value, int max) {
        if (value.length() > max) {
            problems.add(key + " " + max + " characters (it has " + value.length() + ")");
        }
    }

    void close(@Observes ShutdownEvent stop) {
        synchronized (this) {
            if (session != null) {
                session.unbindAndClose();
                session = null;
            }
        }
    }

    /** Binds the session if it is not bound, so receipts come in even when nothing is sent; false if it cannot. */
    synchronized boolean keepBound() {
        try {
            bound();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** See {@link SelectedTransport#submit}. */
    synchronized List<String> submit(String phone, String text) {
        SMPPSession smpp;
        try {
            smpp = bound();
        } catch (IOException e) {
            throw new SmsRefused("SMSC unreachable: " + e.getMessage(), false, e);
        }
        SmsEncoding.Encoded encoded = SmsEncoding.of(text, ThreadLocalRandom.current().nextInt(256));
        String source = config.smpp().sourceAddress().orElseThrow();
        boolean numeric = source.matches("\\+?[0-9]+");
        TypeOfNumber sourceTon = numeric ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC;
        NumberingPlanIndicator sourceNpi = numeric ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
        ESMClass esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                encoded.udh() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
        RegisteredDelivery receipt = new RegisteredDelivery(config.smpp().bindType() == SmsConfig.BindMode.TRANSCEIVER
                ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
        List<String> ids = new ArrayList<>();
        for (byte[] part : encoded.parts()) {
            try {
                ids.add(smpp.submitShortMessage(config.smpp().systemType().orElse(""), sourceTon, sourceNpi,
                        source.replace("+", ""), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        phone.replace("+", ""), esm, (byte) 0, (byte) 1, null, null, receipt, (byte) 0,
                        DataCodings.newInstance(encoded.dataCoding()), (byte) 0, part).getMessageId());
            } catch (NegativeResponseException e) {
                boolean permanent = java.util.Arrays.stream(PERMANENT).anyMatch(s -> s == e.getCommandStatus());
                throw new SmsRefused(String.format("SMSC refused the submit: command_status 0x%08X",
                        e.getCommandStatus()), permanent, e);
            } catch (ResponseTimeoutException e) {
                drop(); // an SMSC that stopped answering gets a fresh session next time
                throw new SmsRefused("SMSC did not answer the submit in " + config.smpp().responseTimeout(), false, e);
            } catch (PDUException e) {
                throw new SmsRefused("The message cannot be written as SMPP: " + e.getMessage(), true, e);
            } catch (InvalidResponseException | IOException e) {
                drop();
                throw new SmsRefused("SMPP session failed: " + e.getMessage(), false, e);
            }
        }
        return ids;
    }

    private SMPPSession bound() throws IOException {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        drop();
        SmsConfig.Smpp smpp = config.smpp();
        SMPPSession fresh = new SMPPSession();
        fresh.setTransactionTimer(smpp.responseTimeout().toMillis());
        fresh.setEnquireLinkTimer((int) smpp.enquireLinkEvery().toMillis());
        fresh.setMessageReceiverListener(receipts);
        BindType type = smpp.bindType() == SmsConfig.BindMode.TRANSCEIVER ? BindType.BIND_TRX : BindType.BIND_TX;
        try {
            fresh.connectAndBind(smpp.host().orElseThrow(), smpp.port(), new BindParameter(type,
                    smpp.systemId().orElseThrow(), smpp.password().orElse(""), smpp.systemType().orElse(""),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), smpp.responseTimeout().toMillis());
        } catch (IOException e) {
            fresh.close();
            // Once per outage at WARN: the worker tries again at every pass.
            LOG.logf(reportedDown ? Logger.Level.DEBUG : Logger.Level.WARN, "SMPP bind to %s:%d as %s failed: %s",
                    smpp.host().orElseThrow(), smpp.port(), smpp.systemId().orElseThrow(), e.getMessage());
            reportedDown = true;
            throw e;
        }
        if (reportedDown) {
            LOG.infof("SMPP session to %s:%d bound again", smpp.host().orElseThrow(), smpp.port());
        }
        reportedDown = false;
        session = fresh;
        return fresh;
    }

    private void drop() {
        if (session != null) {
            if (session.getSessionState() != SessionState.CLOSED) {
                session.unbindAndClose();
            }
            session = null;
        }
    }
}
