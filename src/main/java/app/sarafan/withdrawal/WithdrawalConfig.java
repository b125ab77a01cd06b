package app.sarafan.withdrawal;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sarafan.withdrawals")
public interface WithdrawalConfig {

    /**
     * The AES key (base64 of 32 bytes) that encrypts payout details at rest. Generated into the credentials file on
     * a first start without one (see CredentialsConfigSourceFactory); production configures its own.
     */
    String payoutDetailsKey();
}
