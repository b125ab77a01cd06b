package app.sarafan.member;

/** How a member appears to other members (networks, leaderboards): "Ivan P.", never an email or a full name. */
public final class DisplayName {

    private DisplayName() {
    }

    public static String of(String name, String externalId) {
        if (name == null || name.isBlank()) {
            return "Member " + externalId.charAt(0) + "***";
        }
        String[] parts = name.trim().split("\\s+");
        return parts.length == 1 ? parts[0] : parts[0] + " " + parts[parts.length - 1].charAt(0) + ".";
    }
}
