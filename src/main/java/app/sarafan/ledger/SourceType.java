package app.sarafan.ledger;

/**
 * What caused a transaction; its sourceId then names the order, event, operation, administrator or (REWARD) the
 * reward redemption.
 */
public enum SourceType {
    ADMIN, EVENT, ORDER, REDEMPTION, WITHDRAWAL, MASS_OPERATION, IMPORT, JOB, SYSTEM, REWARD
}
