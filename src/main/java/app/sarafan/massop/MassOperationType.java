package app.sarafan.massop;

/** What an operation does to each of its members: adds bonuses, or takes available ones. */
public enum MassOperationType {
    CREDIT, DEBIT
}
