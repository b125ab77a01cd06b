package app.sarafan.withdrawal;

/**
 * The full payout details of one withdrawal, for the administrator who pays it out. Only
 * GET /v1/admin/withdrawals/{id}/payout-details answers it, uncached, and every answer is in the audit log.
 */
public record PayoutDetailsView(String withdrawalId, PayoutMethod payoutMethod, String payoutDetails) {
}
