package app.sarafan.embeddedpg;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.graalvm.nativeimage.ImageInfo;

/**
 * Supplies the datasource of an embedded PostgreSQL when none is configured, so that dev mode, the tests and
 * the packaged jar need nothing installed. As soon as {@code quarkus.datasource.jdbc.url} is set (for example by
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) this source contributes nothing and no server starts.
 *
 * <p>SmallRye calls factories during the build's augmentation too, and several times per start: the server is
 * started only at run time and only once per JVM ({@link EmbeddedPostgresServer}).
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";
    static final String ENABLED = "sarafan.embedded-postgres.enabled";
    static final String DATA_DIR = "sarafan.embedded-postgres.data-dir";
    static final String PORT = "sarafan.embedded-postgres.port";
    static final String BINARIES_DIR = "sarafan.embedded-postgres.binaries-dir";
    static final String RUN_AS = "sarafan.embedded-postgres.run-as";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ImageInfo.inImageCode()) {
            // A constant in a native image: the embedded server and its binaries are never part of one, and a
            // native executable always runs against an external PostgreSQL.
            return List.of();
        }
        if (!isRunTime() || isSet(context.getValue(URL)) || "false".equals(valueOf(context.getValue(ENABLED)))) {
            return List.of();
        }
        String dataDir = valueOf(context.getValue(DATA_DIR));
        if (dataDir == null) {
            throw new IllegalStateException("No datasource is configured and " + DATA_DIR
                    + " is not set: set QUARKUS_DATASOURCE_JDBC_URL for an external PostgreSQL");
        }
        String port = valueOf(context.getValue(PORT));
        // Read here rather than through @ConfigMapping: this runs while the configuration itself is being built.
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOnce(dataDir,
                port == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port)),
                Optional.ofNullable(valueOf(context.getValue(BINARIES_DIR))),
                Optional.ofNullable(valueOf(context.getValue(RUN_AS))));
        return List.of(new MapBackedConfigSource("embedded-postgresql", Map.of(
                URL, server.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD), 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        // Below application.properties (250) and the environment (300): explicit configuration always wins.
        return OptionalInt.of(50);
    }

    /** Not while the build augments the application, only when it really starts. */
    private static boolean isRunTime() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.STATIC_INIT || mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }

    private static boolean isSet(ConfigValue value) {
        String v = valueOf(value);
        return v != null && !v.isBlank();
    }

    private static String valueOf(ConfigValue value) {
        return value == null ? null : value.getValue();
    }
}
