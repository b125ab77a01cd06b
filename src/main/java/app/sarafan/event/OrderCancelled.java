package app.sarafan.event;

/**
 * Fired (CDI, synchronously, in the transaction recording the shop's event) once per order when it is cancelled,
 * whether or not it had been paid: reservations are released, bonuses spent on it come back.
 */
public record OrderCancelled(long memberId, String orderId, String eventId) {
}
