package app.sarafan.event;

import java.math.BigDecimal;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.earning.Accrued;
import app.sarafan.earning.EarningOutcome;
import app.sarafan.earning.Earning;
import app.sarafan.earning.Role;
import app.sarafan.earning.Trigger;
import app.sarafan.member.MemberCreate;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.rule.RuleProfile;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Events about a member rather than an order. Each earns under its profile's rules once per member (a review once
 * per review; an external bonus once per event), and is followed by the member's achievements.
 */
@ApplicationScoped
class MemberEvents {

    private final MemberService members;
    private final Earning earning;
    private final AppClock clock;

    MemberEvents(MemberService members, Earning earning, AppClock clock) {
        this.members = members;
        this.earning = earning;
        this.clock = clock;
    }

    /** The member named by an event; MEMBER_REGISTERED creates one Sarafan does not know yet. */
    MemberRef resolve(ShopEventRequest request) {
        if (request.type() != ShopEventType.MEMBER_REGISTERED) {
            return members.ref(request.memberId());
        }
        return members.find(request.memberId()).orElseGet(() -> {
            ShopEventRequest.NewMember data = request.member();
            if (data == null) {
                throw app.sarafan.common.error.ProblemException.invalid("member",
                        "the member is new to Sarafan: send their email (and profile)");
            }
            members.create(new MemberCreate(request.memberId(), data.email(), data.name(), data.phone(),
                    data.birthday(), data.locale(), data.timeZone(), null, null, null,
                    request.occurredAt() == null ? clock.now() : request.occurredAt(), request.attribution()));
            return members.ref(request.memberId());
        });
    }

    EventResult registered(Received event, MemberRef member) {
        return earned(event, member, Trigger.of(RuleProfile.REGISTRATION, member.id(), event.id(), event.actor(),
                "member:" + member.id()));
    }

    EventResult profileCompleted(Received event, MemberRef member) {
        members.raiseFlags(member.id(), true, false);
        return earned(event, member, Trigger.of(RuleProfile.PROFILE_COMPLETED, member.id(), event.id(),
                event.actor(), "member:" + member.id()));
    }

    EventResult subscribed(Received event, MemberRef member) {
        members.raiseFlags(member.id(), false, true);
        return earned(event, member, Trigger.of(RuleProfile.NEWSLETTER_SUBSCRIBED, member.id(), event.id(),
                event.actor(), "member:" + member.id()));
    }

    EventResult reviewed(Received event, MemberRef member) {
        return earned(event, member, Trigger.of(RuleProfile.REVIEW_PUBLISHED, member.id(), event.id(),
                event.actor(), "review:" + member.id() + ":" + event.request().review().id()));
    }

    EventResult externalBonus(Received event, MemberRef member) {
        ShopEventRequest.ExternalBonus bonus = event.request().bonus();
        String why = bonus.reason() == null ? bonus.source() : bonus.reason();
        BigDecimal sent = Money.exact(bonus.amount());
        Trigger trigger = new Trigger(RuleProfile.EXTERNAL_BONUS, member.id(), event.id(), event.actor(),
                "event:" + event.id(), null, sent, why);
        EarningOutcome outcome = earn(trigger, member);
        BigDecimal paid = outcome.accrued().stream()
                .filter(a -> a.role() == Role.MEMBER && a.memberId().equals(member.externalId()))
                .map(Accrued::amount)
                .reduce(Money.ZERO, BigDecimal::add);
        // The amount the partner named is never cut short in silence: the answer says what was paid of it.
        String note = paid.compareTo(sent) >= 0 ? null
                : "credited " + Money.format(paid) + " of the "
                        + Money.format(sent) + " sent"
                        + (paid.signum() == 0 && outcome.skipped().isEmpty()
                                ? ": no EXTERNAL_BONUS rule in force pays it" : ": the rules in force pay at most that");
        return EventResult.of(event, outcome, note);
    }

    private EventResult earned(Received event, MemberRef member, Trigger trigger) {
        return EventResult.of(event, earn(trigger, member), null);
    }

    private EarningOutcome earn(Trigger trigger, MemberRef member) {
        EarningOutcome outcome = earning.earn(trigger);
        return outcome.add(earning.achievements(trigger, member.id(), null));
    }
}
