package app.sarafan.event;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.earning.Earning;
import app.sarafan.earning.EarningOutcome;
import app.sarafan.earning.OrderFacts;
import app.sarafan.earning.Trigger;
import app.sarafan.ledger.Ledger;
import app.sarafan.member.Attribution;
import app.sarafan.member.MemberRef;
import app.sarafan.redemption.Redemptions;
import app.sarafan.referral.ReferralService;
import app.sarafan.referral.ReferralTree;
import app.sarafan.rule.RuleProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * The order lifecycle. Events may come in any order: a payment before the placement, a cancellation or refund
 * before the payment. A cancelled order stays cancelled (later events about it are acknowledged and change
 * nothing); a refund that comes before the payment is remembered and applied when the payment arrives; a placement
 * after the payment still earns the order-placed bonus, once.
 */
@ApplicationScoped
class OrderEvents {

    private final OrderBook book;
    private final Earning earning;
    private final ReferralTree tree;
    private final ReferralService referrals;
    private final DomainEvents domainEvents;
    private final AppClock clock;
    private final Ledger ledger;
    private final Redemptions redemptions;
    private final Event<OrderPaid> paid;
    private final Event<OrderCancelled> cancelled;
    private final Event<OrderRefunded> refunded;

    OrderEvents(OrderBook book, Earning earning, ReferralTree tree, ReferralService referrals,
            DomainEvents domainEvents, AppClock clock, Ledger ledger,
            Redemptions redemptions, Event<OrderPaid> paid, Event<OrderCancelled> cancelled,
            Event<OrderRefunded> refunded) {
        this.ledger = ledger;
        this.redemptions = redemptions;
        this.book = book;
        this.earning = earning;
        this.tree = tree;
        this.referrals = referrals;
        this.domainEvents = domainEvents;
        this.clock = clock;
        this.paid = paid;
        this.cancelled = cancelled;
        this.refunded = refunded;
    }

    EventResult placed(Received event, MemberRef member) {
        ShopOrder order = book.lock(orderId(event), member.id(), ShopOrder.Status.PLACED, clock.now());
        if (order.status == ShopOrder.Status.CANCELLED) {
            return EventResult.ignored(event, "the order was cancelled");
        }
        if (order.placedAt != null) {
            return EventResult.ignored(event, "the order was placed before");
        }
        book.describe(order, event.request().order(), false);
        requireDescribed(order);
        if (order.status == ShopOrder.Status.NEW) {
            order.status = ShopOrder.Status.PLACED;
        }
        order.placedAt = clock.now();
        order.updatedAt = order.placedAt;
        book.save(order);
        EarningOutcome outcome = earning.earn(trigger(event, RuleProfile.ORDER_PLACED, member,
                book.facts(order, book.firstOrder(order))));
        return EventResult.of(event, outcome.add(refundedBefore(event, order)), null);
    }

    EventResult paid(Received event, MemberRef member) {
        ShopOrder order = book.lock(orderId(event), member.id(), ShopOrder.Status.PAID, clock.now());
        if (order.status == ShopOrder.Status.CANCELLED) {
            return EventResult.ignored(event, "the order was cancelled");
        }
        if (order.paidAt != null) {
            return EventResult.ignored(event, "the order was paid before");
        }
        book.describe(order, event.request().order(), true);
        requireDescribed(order);
        order.status = ShopOrder.Status.PAID;
        order.paidAt = clock.now();
        order.updatedAt = order.paidAt;
        bindAtFirstOrder(event, member, order);
        List<ReferralTree.Upline> upline = tree.upline(member.id(),
                Math.max(1, earning.referralDepth(RuleProfile.ORDER_PAID, RuleProfile.RIGHTS_HOLDER)));
        Long referrer = upline.isEmpty() ? null : upline.getFirst().memberId();
        // Accounts first, then the first payment (whose triggers touch the referrer's leaderboard rows): the same
        // order as a credit to the referrer, so the two cannot deadlock. Every account the rules will credit is
        // locked here, in one statement: when the first level was locked here and the others as they were
        // credited, two orders in one branch of the tree each held what the other waited for.
        List<Long> accounts = new ArrayList<>(upline.size() + 1);
        accounts.add(member.id());
        upline.forEach(u -> accounts.add(u.memberId()));
        ledger.lock(accounts);
        boolean first = tree.markFirstPayment(member.id(), order.paidAt);
        // Bonuses the shop did not state are what its reservation for the order spends (all of it).
        boolean stated = event.request().order().bonusesApplied() != null || order.bonusesApplied.signum() > 0;
        paid.fire(new OrderPaid(member.id(), order.orderId, event.id(), order.total,
                stated ? order.bonusesApplied : null, order.paidAt));
        if (!stated) {
            order.bonusesApplied = redemptions.spentOn(member.id(), order.orderId).min(order.total);
        }
        book.save(order);
        OrderFacts facts = book.facts(order, first);
        EarningOutcome outcome = earning.earn(trigger(event, RuleProfile.ORDER_PAID, member, facts));
        outcome.add(earning.earn(trigger(event, RuleProfile.RIGHTS_HOLDER, member, facts)));
        if (referrer != null) {
            domainEvents.publish(DomainEventType.REFERRAL_PURCHASED, referrer, Map.of("referral",
                    member.externalId(), "orderId", order.orderId, "amount", Money.format(facts.paid()),
                    "first", first));
        }
        outcome.add(earning.achievements(trigger(event, RuleProfile.ORDER_PAID, member, facts), member.id(),
                referrer));
        return EventResult.of(event, outcome.add(refundedBefore(event, order)), null);
    }

    EventResult cancelled(Received event, MemberRef member) {
        ShopOrder order = book.lock(orderId(event), member.id(), ShopOrder.Status.CANCELLED, clock.now());
        if (order.cancelledAt != null) {
            return EventResult.ignored(event, "the order was cancelled before");
        }
        book.describe(order, event.request().order(), false);
        order.status = ShopOrder.Status.CANCELLED;
        order.cancelledAt = clock.now();
        order.updatedAt = order.cancelledAt;
        book.save(order);
        EarningOutcome outcome = earning.reverseOrder(order.orderId, BigDecimal.ONE, event.id(), event.actor(),
                "Order " + order.orderId + " cancelled");
        cancelled.fire(new OrderCancelled(member.id(), order.orderId, event.id()));
        return EventResult.of(event, outcome, null);
    }

    EventResult refunded(Received event, MemberRef member) {
        ShopOrder order = book.lock(orderId(event), member.id(), ShopOrder.Status.NEW, clock.now());
        if (order.status == ShopOrder.Status.CANCELLED) {
            return EventResult.ignored(event, "the order was cancelled");
        }
        if (order.refundedShare.compareTo(BigDecimal.ONE) >= 0) {
            return EventResult.ignored(event, "the order was refunded in full before");
        }
        book.describe(order, event.request().order(), false);
        BigDecimal share = book.refund(order, event.request().refund());
        order.updatedAt = clock.now();
        book.save(order);
        if (order.status != ShopOrder.Status.PAID && order.placedAt == null) {
            return EventResult.of(event, EarningOutcome.empty(), "recorded; applied when the order is paid");
        }
        EarningOutcome outcome = earning.reverseOrder(order.orderId, share, event.id(), event.actor(),
                "Order " + order.orderId + " refunded");
        if (order.status == ShopOrder.Status.PAID) {
            refunded.fire(new OrderRefunded(member.id(), order.orderId, event.id(), share));
        }
        return EventResult.of(event, outcome, null);
    }

    /** A refund that arrived before the payment (or placement) takes its share of what the order just earned. */
    private EarningOutcome refundedBefore(Received event, ShopOrder order) {
        if (order.refundedShare.signum() == 0) {
            return EarningOutcome.empty();
        }
        EarningOutcome outcome = earning.reverseOrder(order.orderId, order.refundedShare, event.id(), event.actor(),
                "Order " + order.orderId + " refunded");
        if (order.status == ShopOrder.Status.PAID) {
            refunded.fire(new OrderRefunded(order.memberId, order.orderId, event.id(), order.refundedShare));
        }
        return outcome;
    }

    /** A member still without a referrer is bound at their first paid order by its coupon or the attribution. */
    private void bindAtFirstOrder(Received event, MemberRef member, ShopOrder order) {
        Attribution given = event.request().attribution();
        if (given == null && order.couponCode == null) {
            return;
        }
        if (!tree.upline(member.id(), 1).isEmpty()) {
            return;
        }
        Attribution attribution = given == null ? new Attribution(null, order.couponCode, null, null, null)
                : given.couponCode() != null || order.couponCode == null ? given
                : new Attribution(given.referralCode(), order.couponCode, given.visitorId(), given.ip(),
                        given.deviceId());
        referrals.bindLater(member.externalId(), attribution);
    }

    private static void requireDescribed(ShopOrder order) {
        if (order.total == null) {
            throw ProblemException.invalid("order.total", "give the order total or its lines");
        }
    }

    private static String orderId(Received event) {
        return event.request().order().id();
    }

    private static Trigger trigger(Received event, RuleProfile profile, MemberRef member, OrderFacts facts) {
        return new Trigger(profile, member.id(), event.id(), event.actor(), "order:" + facts.orderId(), facts,
                null, null);
    }
}
