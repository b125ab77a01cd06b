package app.sarafan.job;

import java.time.Duration;
import java.time.Instant;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.time.AppClock;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Moves business time forward for staging and black-box tests (jobs then see the future). A production service
 * with the switch on refuses to start unless shift-in-production says it is meant, so a copied staging
 * configuration cannot quietly let administrators burn everyone's bonuses.
 */
@ApplicationScoped
public class ClockShift {

    private static final Logger LOG = Logger.getLogger(ClockShift.class);
    private static final Duration MAX = Duration.ofDays(3650);

    public record Now(Instant now) {
    }

    private final AppClock clock;
    private final ClockConfig config;

    ClockShift(AppClock clock, ClockConfig config) {
        this.clock = clock;
        this.config = config;
    }

    void checkAtStart(@Observes StartupEvent start) {
        if (config.shiftEnabled() && ConfigUtils.getProfiles().contains("prod")) {
            if (!config.shiftInProduction()) {
                throw new IllegalStateException("sarafan.clock.shift-enabled is for staging; unset it, or set"
                        + " sarafan.clock.shift-in-production=true");
            }
            LOG.warn("Administrators may move the business clock of this production service");
        }
    }

    public Now advance(String by) {
        if (!config.shiftEnabled()) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "The business clock can be moved only where sarafan.clock.shift-enabled is set (staging)");
        }
        Duration duration;
        try {
            duration = Duration.parse(by == null ? "" : by);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("by", "must be an ISO 8601 duration such as P1D or PT2H");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
            throw ProblemException.invalid("by", "must be positive and at most 3650 days");
        }
        clock.advance(duration);
        LOG.infof("Business clock moved forward by %s to %s", duration, clock.now());
        return new Now(clock.now());
    }
}
