package app.sarafan.earning;

/**
 * Fired (CDI, in the event's transaction) when an achievement rule naming an award applies to a member, so the
 * award feature grants it (once).
 */
public record AchievementReached(long memberId, String awardCode, String ruleName) {
}
