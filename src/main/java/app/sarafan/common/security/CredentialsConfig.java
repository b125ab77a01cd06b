package app.sarafan.common.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.credentials")
public interface CredentialsConfig {

    /**
     * The single-instance switch: in the prod profile, credentials not configured may be taken from (and first
     * generated into) sarafan.credentials-file only when this is true. Another instance would generate other ones,
     * and could then not verify the first one's tokens or read its payout details. {@code ./sarafan jar} sets it.
     */
    @WithDefault("false")
    boolean generateInProduction();

    /** Set by CredentialsConfigSourceFactory, not by operators: the names of the credentials it supplied. */
    Optional<List<String>> takenFromFile();
}
