package app.sarafan.rewards;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Codes an administrator adds to a COUPON_POOL reward, up to 1000 at a time. */
public record CodeBatch(
        @NotNull @NotEmpty @Size(max = 1000) List<@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{4,64}",
                message = "must be 4 to 64 letters, digits, '-' or '_'") String> codes) {

    /** What a batch did: codes added, codes the pool had already (a retried batch), the pool's free codes now. */
    public record Added(int added, int alreadyInPool, long availableCodes) {
    }
}
