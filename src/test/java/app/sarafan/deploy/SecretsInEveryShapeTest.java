package app.sarafan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import app.sarafan.common.security.CredentialsInProduction;
import org.junit.jupiter.api.Test;

/**
 * Every secret the service reads, in one place, and each deployment shape checked to provide it: compose.yaml (the
 * sarafan service's environment), .env.example (where an operator fills it in), new-env.sh (which generates a .env)
 * and the Kubernetes Secret template (or the CloudNativePG secret). A failure names the shape and the secret.
 */
class SecretsInEveryShapeTest {

    private static final Path NEW_ENV = Path.of("deploy/compose/new-env.sh");
    private static final Path SECRET_TEMPLATE = Path.of("deploy/kubernetes/secret.template.yaml");

    /** How a shape provides a secret the operator cannot have generated (SMTP: the mail provider's password). */
    private enum Need { GENERATED, OPERATORS }

    /**
     * Secret → the variable the Compose files use for it (the database password is POSTGRES_PASSWORD, shared with the
     * postgres service) and whether new-env.sh can generate it.
     */
    private record Secret(String variable, String envFileName, Need need) {
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("SARAFAN_AUTH_SHOP_API_KEYS", "SARAFAN_AUTH_SHOP_API_KEYS", Need.GENERATED),
            new Secret("SARAFAN_AUTH_ADMIN_API_KEYS", "SARAFAN_AUTH_ADMIN_API_KEYS", Need.GENERATED),
            new Secret("SARAFAN_EVENTS_SIGNING_SECRETS", "SARAFAN_EVENTS_SIGNING_SECRETS", Need.GENERATED),
            new Secret("MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_PUBLICKEY", Need.GENERATED),
            new Secret("SMALLRYE_JWT_SIGN_KEY", "SMALLRYE_JWT_SIGN_KEY", Need.GENERATED),
            new Secret("SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY", "SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY",
                    Need.GENERATED),
            new Secret("QUARKUS_DATASOURCE_PASSWORD", "POSTGRES_PASSWORD", Need.GENERATED),
            new Secret("QUARKUS_MAILER_PASSWORD", "QUARKUS_MAILER_PASSWORD", Need.OPERATORS));

    @Test
    void theListHoldsEveryCredentialTheServiceWouldOtherwiseGenerate() {
        Set<String> listed = new TreeSet<>(SECRETS.stream().map(Secret::variable).toList());
        Set<String> missing = new TreeSet<>(CredentialsInProduction.VARIABLES.values());
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, "credentials of the credentials file that SECRETS does not list");
    }

    @Test
    void everyShapeProvidesEverySecret() {
        Map<String, String> compose = new LinkedHashMap<>();
        Manifests.composeService("sarafan").path("environment").fields()
                .forEachRemaining(e -> compose.put(e.getKey(), e.getValue().asText()));
        String envExample = Manifests.text(Manifests.ENV_EXAMPLE);
        String newEnv = Manifests.text(NEW_ENV);
        JsonNode template = Manifests.kubernetes("Secret", "sarafan-secrets").path("stringData");
        Set<String> fromClusterSecret = new TreeSet<>();
        for (JsonNode env : Manifests.sarafanContainer().path("env")) {
            if (!env.path("valueFrom").path("secretKeyRef").isMissingNode()) {
                fromClusterSecret.add(env.path("name").asText());
            }
        }

        List<String> missing = new ArrayList<>();
        for (Secret secret : SECRETS) {
            String fromEnvFile = "${" + secret.envFileName();
            if (!compose.getOrDefault(secret.variable(), "").startsWith(fromEnvFile)) {
                missing.add("compose.yaml does not set " + secret.variable() + " from " + secret.envFileName());
            }
            if (!Pattern.compile("(?m)^#?\\s*" + secret.envFileName() + "=").matcher(envExample).find()) {
                missing.add(".env.example does not name " + secret.envFileName());
            }
            if (secret.need() == Need.GENERATED
                    && !Pattern.compile("(?m)^" + secret.envFileName() + "=\\S").matcher(newEnv).find()) {
                missing.add("new-env.sh does not generate " + secret.envFileName());
            }
            if (!template.has(secret.variable()) && !fromClusterSecret.contains(secret.variable())) {
                missing.add("the Kubernetes Secret template (or a secretKeyRef) does not provide " + secret.variable());
            }
        }
        assertEquals(List.of(), missing);
    }
}
