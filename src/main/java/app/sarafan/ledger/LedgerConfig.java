package app.sarafan.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.ledger")
public interface LedgerConfig {

    /** How far ahead "expiring soon" in a balance looks. */
    @WithDefault("7")
    int expiringSoonDays();
}
