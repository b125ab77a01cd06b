package app.sarafan.event;

import app.sarafan.member.MemberRef;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends each kind of event to the handler of its kind, then brings ranks and awards up to date. */
@ApplicationScoped
class EventHandlers {

    private final OrderEvents orders;
    private final MemberEvents members;
    private final Standings standings;

    EventHandlers(OrderEvents orders, MemberEvents members, Standings standings) {
        this.orders = orders;
        this.members = members;
        this.standings = standings;
    }

    MemberRef member(ShopEventRequest request) {
        return members.resolve(request);
    }

    EventResult handle(Received event, MemberRef member) {
        EventResult result = dispatch(event, member);
        standings.refresh(member.id());
        return result;
    }

    private EventResult dispatch(Received event, MemberRef member) {
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
