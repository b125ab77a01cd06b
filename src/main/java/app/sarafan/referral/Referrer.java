package app.sarafan.referral;

/** A candidate referrer and how they were found: by code (LINK), coupon or website, with the code/host used. */
record Referrer(long memberId, BindingChannel via, String source) {
}
