package app.sarafan.event;

import app.sarafan.member.MemberRef;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends each kind of event to the handler of its kind. */
@ApplicationScoped
class EventHandlers {

    private final OrderEvents orders;
    private final MemberEvents members;

    EventHandlers(OrderEvents orders, MemberEvents members) {
        this.orders = orders;
        this.members = members;
    }

    MemberRef member(ShopEventRequest request) {
        return members.resolve(request);
    }

    EventResult handle(Received event, MemberRef member) {
        return switch (event.request().type()) {
            case MEMBER_REGISTERED -> members.registered(event, member);
            case ORDER_PLACED -> orders.placed(event, member);
            case ORDER_PAID -> orders.paid(event, member);
            case ORDER_CANCELLED -> orders.cancelled(event, member);
            case ORDER_REFUNDED -> orders.refunded(event, member);
            case PROFILE_COMPLETED -> members.profileCompleted(event, member);
            case NEWSLETTER_SUBSCRIBED -> members.subscribed(event, member);
            case REVIEW_PUBLISHED -> members.reviewed(event, member);
            case EXTERNAL_BONUS -> members.externalBonus(event, member);
        };
    }
}
