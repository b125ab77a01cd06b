package app.sarafan.referral;

/** How many members are at one level of a network, and how many of them have paid for an order. */
public record NetworkLevel(int level, long members, long paying) {
}
