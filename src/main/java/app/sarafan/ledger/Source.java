package app.sarafan.ledger;

/** Why a transaction exists: its source (type and id) and who caused it (an API caller, a job). */
public record Source(SourceType type, String id, String actor) {
}
