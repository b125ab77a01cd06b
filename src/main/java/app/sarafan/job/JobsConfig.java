package app.sarafan.job;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scheduled jobs: how often they run, how much one chunk takes, warning thresholds, birthday lead time. */
@ConfigMapping(prefix = "sarafan.jobs")
public interface JobsConfig {

    /** Accounts (activation, expiry, warnings) or members (birthdays) per chunk; each chunk is one transaction. */
    @WithDefault("1000")
    int chunkSize();

    /** How often activation and then expiry run ("off" disables the schedule; admins can still run them). */
    @WithDefault("5m")
    String settleEvery();

    @WithDefault("1h")
    String expiryWarningsEvery();

    @WithDefault("1h")
    String birthdaysEvery();

    /**
     * When the reconciliation checks the ledger invariant (a Quartz cron in the server's time zone; "off" disables
     * the schedule; admins can still run it). Nightly by default.
     */
    @WithDefault("0 30 3 * * ?")
    String reconcileCron();

    /** Days before a lot burns at which its member is told, e.g. 7 and 1; one email per lot and threshold. */
    @WithDefault("7,1")
    List<Integer> expiryWarningDays();

    /** Grant the birthday bonus this many days before the birthday (0: on the day, in the member's time zone). */
    @WithDefault("0")
    int birthdayDaysAhead();
}
