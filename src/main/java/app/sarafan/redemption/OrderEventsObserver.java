package app.sarafan.redemption;

import app.sarafan.event.OrderCancelled;
import app.sarafan.event.OrderPaid;
import app.sarafan.event.OrderRefunded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The shop's order events, in the transaction that records them, as redemptions see them. */
@ApplicationScoped
class OrderEventsObserver {

    private final Redemptions redemptions;

    OrderEventsObserver(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    void on(@Observes OrderPaid paid) {
        redemptions.orderPaid(paid.memberId(), paid.orderId(), paid.bonusesApplied());
    }

    void on(@Observes OrderCancelled cancelled) {
        redemptions.orderCancelled(cancelled.memberId(), cancelled.orderId());
    }

    void on(@Observes OrderRefunded refunded) {
        redemptions.orderRefunded(refunded.memberId(), refunded.orderId(), refunded.refundedShare());
    }
}
