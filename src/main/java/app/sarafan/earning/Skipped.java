package app.sarafan.earning;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A reward the rules called for that was not granted, and why (a limit, granted before, a blocked member...). */
@RegisterForReflection
public record Skipped(String ruleId, String memberId, Role role, Integer level, String reason) {
}
