package app.sarafan.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.time.AppClock;
import org.junit.jupiter.api.Test;

/** Without the staging switch (the default), the business clock cannot be moved through the API. */
class ClockShiftTest {

    private static ClockConfig switchedOff() {
        return new ClockConfig() {
            public boolean shiftEnabled() { return false; }
            public boolean shiftInProduction() { return false; }
        };
    }

    @Test
    void theClockStaysWhereItIsWhenTheSwitchIsOff() {
        AppClock clock = new AppClock();
        ClockShift shift = new ClockShift(clock, switchedOff());
        ProblemException refused = assertThrows(ProblemException.class, () -> shift.advance("P30D"));
        assertEquals(ProblemType.FORBIDDEN, refused.problem().type());
        assertEquals(true, Duration.between(Instant.now(), clock.now()).abs().toSeconds() < 5);
    }
}
