package app.sarafan.referral;

import java.util.List;

public record NetworkSummary(long total, List<NetworkLevel> levels) {
}
