package app.sarafan.job;

import java.util.Arrays;

import app.sarafan.common.error.ProblemException;

/** The jobs an administrator can run on demand, by their path name. */
public enum JobName {
    ACTIVATION("activation"), EXPIRY("expiry"), EXPIRY_WARNINGS("expiry-warnings"), BIRTHDAYS("birthdays"),
    /** Reads only: checks the ledger invariant and writes its report (reconciliation/). */
    RECONCILIATION("reconciliation");

    private final String slug;

    JobName(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    static JobName of(String slug) {
        return Arrays.stream(values()).filter(j -> j.slug.equals(slug)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Job", slug));
    }
}
