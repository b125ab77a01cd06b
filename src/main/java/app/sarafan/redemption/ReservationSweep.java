package app.sarafan.redemption;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Releases reservations whose order was neither paid nor cancelled in time; any number of instances may run it. */
@ApplicationScoped
public class ReservationSweep {

    private static final Logger LOG = Logger.getLogger(ReservationSweep.class);

    private final Redemptions redemptions;
    private final RedemptionConfig config;

    ReservationSweep(Redemptions redemptions, RedemptionConfig config) {
        this.redemptions = redemptions;
        this.config = config;
    }

    @Scheduled(identity = "reservation-sweep", every = "${sarafan.redemptions.sweep-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void releaseTimedOut() {
        int total = 0;
        int released;
        do {
            released = redemptions.releaseTimedOut(config.sweepChunk());
            total += released;
        } while (released == config.sweepChunk());
        if (total > 0) {
            LOG.infof("Released %d timed-out bonus reservations", total);
        }
    }
}
