package app.sarafan.sms;

import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import app.sarafan.support.ReservedPorts;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * A local SMSC for the tests, on jSMPP's server side: accepts transceiver binds with the test account, records
 * every submit_sm it accepts, refuses the next ones with a command_status when told to, sends delivery receipts,
 * and can be stopped and started again to play an outage (the port stays the service's).
 */
final class SmppServer {

    /**
     * Chosen once per JVM and kept in a system property: the test profile that configures the service and the
     * test that starts this server may see this class in different class loaders.
     */
    static final int PORT = port();
    static final String SYSTEM_ID = "sarafan";
    static final String PASSWORD = "s3cr3t!";

    /** A submit the server accepted, with the message id it answered. */
    record Submitted(String messageId, SubmitSm pdu) {
    }

    private static final List<Submitted> ACCEPTED = new CopyOnWriteArrayList<>();
    private static final List<SMPPServerSession> SESSIONS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger REFUSE_NEXT = new AtomicInteger();
    private static final AtomicInteger IDS = new AtomicInteger(1000);
    private static volatile int refusal = SMPPConstant.STAT_ESME_RSYSERR;
    private static SMPPServerSessionListener listener;
    private static Thread acceptor;

    private SmppServer() {
    }

    private static synchronized int port() {
        String chosen = System.getProperty("sarafan.test.smpp-port");
        if (chosen == null) {
            chosen = String.valueOf(ReservedPorts.free());
            System.setProperty("sarafan.test.smpp-port", chosen);
        }
        return Integer.parseInt(chosen);
    }

    static synchronized void up() {
        if (listener != null) {
            return;
        }
        try {
            listener = new SMPPServerSessionListener(PORT);
        } catch (IOException e) {
            throw new IllegalStateException("SMPP test server cannot listen on " + PORT, e);
        }
        listener.setMessageReceiverListener(new Smsc());
        SMPPServerSessionListener current = listener;
        acceptor = new Thread(() -> {
            while (true) {
                try {
                    SMPPServerSession session = current.accept();
                    SESSIONS.add(session);
                    BindRequest bind = session.waitForBind(5000);
                    if (bind.getBindType() == BindType.BIND_TRX && SYSTEM_ID.equals(bind.getSystemId())
                            && PASSWORD.equals(bind.getPassword())) {
                        bind.accept("test-smsc");
                    } else {
                        bind.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                    }
                } catch (Exception e) {
                    return; // closed
                }
            }
        }, "smpp-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the port and every session: the service's session drops, and its binds are refused. */
    static synchronized void down() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SESSIONS.forEach(SMPPServerSession::close);
        SESSIONS.clear();
        listener = null;
    }

    /** The next {@code count} submits are answered with {@code commandStatus}. */
    static void refuseNext(int count, int commandStatus) {
        refusal = commandStatus;
        REFUSE_NEXT.set(count);
    }

    static List<Submitted> to(String destination) {
        return ACCEPTED.stream().filter(s -> s.pdu().getDestAddress().equals(destination)).toList();
    }

    /** Sends a delivery receipt for {@code messageId} on a bound session, as an SMSC does once the handset answered. */
    static void receipt(Submitted submitted, DeliveryReceiptState state) throws Exception {
        SMPPServerSession session = SESSIONS.stream().filter(s -> s.getSessionState().isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bound session"));
        DeliveryReceipt receipt = new DeliveryReceipt(submitted.messageId(), 1, state == DeliveryReceiptState.DELIVRD
                ? 1 : 0, new Date(), new Date(), state, state == DeliveryReceiptState.DELIVRD ? "000" : "001", "");
        SubmitSm pdu = submitted.pdu();
        session.deliverShortMessage("", TypeOfNumber.valueOf(pdu.getDestAddrTon()),
                NumberingPlanIndicator.valueOf(pdu.getDestAddrNpi()), pdu.getDestAddress(),
                TypeOfNumber.valueOf(pdu.getSourceAddrTon()), NumberingPlanIndicator.valueOf(pdu.getSourceAddrNpi()),
                pdu.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
                        GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                receipt.toString().getBytes());
    }

    private static final class Smsc implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            if (REFUSE_NEXT.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                throw new ProcessRequestException("refused by the test", refusal);
            }
            try {
                MessageId id = new MessageId(Integer.toHexString(IDS.incrementAndGet()));
                ACCEPTED.add(new Submitted(id.getValue(), submitSm));
                return new SubmitSmResult(id, new org.jsmpp.bean.OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
