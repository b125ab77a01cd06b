package app.sarafan.event;

import java.time.Instant;

/** An event whose signature checked out, as the handlers see it: id, body, who sent it, when, and whether dry. */
record Received(String id, ShopEventRequest request, String actor, Instant receivedAt, boolean dryRun) {
}
