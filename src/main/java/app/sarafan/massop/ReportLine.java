package app.sarafan.massop;

/** One member in an operation's report; reason and detail say why it was not done, transactionId what it wrote. */
public record ReportLine(String externalId, ItemStatus status, ItemReason reason, String detail,
        String transactionId) {
}
