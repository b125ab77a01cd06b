package app.sarafan.leaderboard;

/** How a member is shown to others on the leaderboard. */
public enum Visibility {
    /** Under the display name they chose. */
    DISPLAY_NAME,
    /** The default: first name and the initial of the last ("Ivan P."), or "Member c***" without a name. */
    MASKED,
    /** As "Anonymous member". */
    ANONYMOUS
}
