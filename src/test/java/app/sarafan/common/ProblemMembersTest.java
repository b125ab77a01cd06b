package app.sarafan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 9457: an extension member never takes a standard member's name, so {@code status} stays the HTTP status. */
class ProblemMembersTest {

    @ParameterizedTest
    @ValueSource(strings = {"type", "title", "status", "detail", "instance", "errors"})
    void anExtensionNamedLikeAStandardMemberIsRefusedWhenBuilt(String member) {
        Problem problem = Problem.of(ProblemType.WRONG_STATE, "Withdrawal 7 is PAID and cannot be approved");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> problem.with(member, "PAID"));
        assertEquals("'" + member + "' is a standard problem member; give the extension another name",
                refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Problem(ProblemType.WRONG_STATE, "x", List.of(), Map.of(member, "PAID")));
    }

    @Test
    void theStatusIsAlwaysTheIntegerHttpStatus() {
        Map<String, Object> body = Problem.of(ProblemType.WRONG_STATE, "Withdrawal 7 is PAID and cannot be approved")
                .with("currentStatus", "PAID").body("/v1/admin/withdrawals/7/approve");
        assertEquals(409, body.get("status"));
        assertEquals("PAID", body.get("currentStatus"));
    }
}
