package app.sarafan.common.lease;

/**
 * This instance no longer holds a piece of background work (its lease ran out and another instance took it over,
 * or the step was already done by that instance): the step's transaction is rolled back and this instance leaves
 * the work.
 */
public class LeaseLost extends RuntimeException {

    public LeaseLost(String work) {
        super(work + " is no longer held by this instance", null, false, false);
    }
}
