package app.sarafan.sms;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;

/**
 * What the SMSC sends us on a transceiver session: delivery receipts (deliver_sm with esm_class "SMSC delivery
 * receipt"), stored as they come ({@link SmsReceipts}). The message id is the receipted_message_id TLV when the
 * SMSC sends one (SMPP 3.4 5.3.2.12), else the receipt text's {@code id:}. A receipt that cannot be stored is
 * answered with an error, so that the SMSC sends it again. Messages from members (mobile-originated) are not used:
 * accepted and dropped.
 */
@ApplicationScoped
class SmppReceipts implements MessageReceiverListener {

    private static final Logger LOG = Logger.getLogger(SmppReceipts.class);

    private final SmsReceipts receipts;

    SmppReceipts(SmsReceipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
            LOG.debugf("Dropped a mobile-originated message from the SMSC");
            return;
        }
        DeliveryReceipt receipt;
        try {
            receipt = deliverSm.getShortMessageAsDeliveryReceipt();
        } catch (InvalidDeliveryReceiptException e) {
            LOG.warnf("Unreadable delivery receipt dropped: %s", e.getMessage());
            return;
        }
        OptionalParameter.Receipted_message_id tlv =
                deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        String messageId = tlv != null ? tlv.getValueAsString() : receipt.getId();
        try {
            receipts.record(messageId, receipt.getFinalStatus().name(), receipt.getError());
        } catch (RuntimeException e) {
            LOG.warnf("Delivery receipt for %s not stored, the SMSC will send it again: %s", messageId, e.getMessage());
            throw new ProcessRequestException("receipt not stored", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // alert_notification says a handset is reachable again: the SMSC retries its own queue; nothing to do.
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
