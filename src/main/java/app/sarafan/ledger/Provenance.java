package app.sarafan.ledger;

/**
 * What produced a transaction beyond its source: the rule version that granted it, and for a referral reward the
 * referral it came from and at which level of the earner's network. All null for manual and imported entries.
 */
public record Provenance(Long ruleVersionId, Long referralMemberId, Integer referralLevel) {

    public static final Provenance NONE = new Provenance(null, null, null);
}
