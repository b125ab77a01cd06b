package app.sarafan.withdrawal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.agroal.api.AgroalDataSource;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An instance that cannot read the payout details it stores must not serve: at start, every key id that sealed
 * stored details must be in the keyring (and the keyring itself must be well-formed, which building the cipher
 * checks). Otherwise the start is refused with a message naming the missing key ids and the setting to add them to
 * (a ConfigurationException: Quarkus prints its message, no stack trace). One index read: the key id has its own
 * column.
 */
@ApplicationScoped
class PayoutKeyCheck {

    private final AgroalDataSource database;
    private final PayoutDetailsCipher cipher;

    PayoutKeyCheck(AgroalDataSource database, PayoutDetailsCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    void checkAtStart(@Observes StartupEvent start) throws SQLException {
        refuseUnknown(storedKeyIds(), cipher.keyring().ids());
    }

    /** Refuses when stored details name a key id the keyring does not hold. */
    static void refuseUnknown(Collection<String> stored, Set<String> held) {
        Set<String> missing = new TreeSet<>(stored);
        missing.removeAll(held);
        if (missing.isEmpty()) {
            return;
        }
        String ids = missing.stream().map(id -> "'" + id + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
        throw new ConfigurationException("Refusing to start: stored payout details were sealed with payout key id"
                + (missing.size() == 1 ? " " : "s ") + ids + ", which this instance does not hold (it holds "
                + new TreeSet<>(held) + "). Add the key" + (missing.size() == 1 ? "" : "s") + " to "
                + PayoutKeyring.KEYRING_PROPERTY + " (SARAFAN_WITHDRAWALS_PAYOUT_KEYS_KEYRING) as <key id>:<base64>"
                + (missing.contains(PayoutKeyring.DEFAULT_ID) ? ", or set " + PayoutKeyring.LEGACY_PROPERTY
                        + " (SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY) for key id 'default'" : "")
                + "; see docs/withdrawals.md, \"Payout keys\".");
    }

    private List<String> storedKeyIds() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT payout_key_id FROM withdrawal")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
