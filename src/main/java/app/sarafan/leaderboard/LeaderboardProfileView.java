package app.sarafan.leaderboard;

/** A member's leaderboard privacy and the name others see them under ({@code shownAs}). */
public record LeaderboardProfileView(Visibility visibility, String displayName, String shownAs) {
}
