package app.sarafan.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * What the application reads and serves, found in its own sources rather than listed by hand, so that the
 * deployment files are checked against the code as it is: application.properties, the {@link ConfigMapping}
 * interfaces and the configuration names quoted in src/main/java, and for Quarkus' own settings the configuration
 * model every Quarkus extension ships (META-INF/quarkus-config-doc) on this classpath.
 */
final class ApplicationConfiguration {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final String QUARKUS_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern CONFIG_NAME = Pattern.compile("\\b(?:sarafan|quarkus|mp|smallrye)(?:\\.[a-z0-9\"-]+)+");

    private final Properties properties;
    /** Property names the application itself declares or reads. */
    private final Set<String> applicationKeys;
    /** Environment name of every Quarkus property, with its phase (RUN_TIME, BUILD_TIME, ...). */
    private final Map<String, String> quarkusPhases;

    private ApplicationConfiguration(Properties properties, Set<String> applicationKeys,
            Map<String, String> quarkusPhases) {
        this.properties = properties;
        this.applicationKeys = applicationKeys;
        this.quarkusPhases = quarkusPhases;
    }

    static ApplicationConfiguration read() {
        Properties properties = loadProperties();
        Set<String> keys = new TreeSet<>();
        properties.stringPropertyNames().forEach(name -> keys.add(withoutProfile(name)));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                keys.addAll(quotedConfigNames(source));
                if (source.contains("@ConfigMapping(")) {
                    Class<?> type = Class.forName(className(file), false, ApplicationConfiguration.class.getClassLoader());
                    mappingKeys(type.getAnnotation(ConfigMapping.class).prefix(), type, keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return new ApplicationConfiguration(properties, Collections.unmodifiableSet(keys), quarkusModel());
    }

    /** The property an environment variable sets, if the application or Quarkus reads one by that name. */
    Optional<String> propertyOf(String envName) {
        return applicationKeys.stream().filter(key -> envName(key).equals(envName)).findFirst();
    }

    /** RUN_TIME, BUILD_TIME, BUILD_AND_RUN_TIME_FIXED for a Quarkus property in environment form, or empty. */
    Optional<String> quarkusPhase(String envName) {
        return Optional.ofNullable(quarkusPhases.get(envName));
    }

    /** A property as the packaged application sees it (no profile), with Quarkus' default when unset. */
    String property(String name, String quarkusDefault) {
        return properties.getProperty(name, quarkusDefault);
    }

    /** SmallRye's environment form of a property: every character that is not a letter or digit becomes '_'. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Properties loadProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Profile-specific values (%test., %dev.) do not apply to a deployment.
        properties.stringPropertyNames().stream().filter(n -> n.startsWith("%")).forEach(properties::remove);
        return properties;
    }

    private static String withoutProfile(String name) {
        return name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
    }

    private static Set<String> quotedConfigNames(String source) {
        Set<String> names = new TreeSet<>();
        Matcher literal = STRING_LITERAL.matcher(source);
        while (literal.find()) {
            Matcher name = CONFIG_NAME.matcher(literal.group(1));
            while (name.find()) {
                names.add(name.group());
            }
        }
        return names;
    }

    private static String className(Path file) {
        String relative = SOURCES.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.').replace('\\', '.');
    }

    /** Every leaf of a mapping, named as SmallRye names it (kebab-case, @WithName, @WithParentName, groups). */
    private static void mappingKeys(String prefix, Class<?> type, Set<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            Class<?> group = groupOf(method);
            if (group == null) {
                keys.add(key);
            } else {
                mappingKeys(key, group, keys);
            }
        }
    }

    private static Class<?> groupOf(Method method) {
        Class<?> type = method.getReturnType();
        if (type == Optional.class && method.getGenericReturnType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            type = element;
        }
        return type.isInterface() && type.getPackageName().startsWith("app.sarafan") ? type : null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Map<String, String> quarkusModel() {
        Map<String, String> phases = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            var models = ApplicationConfiguration.class.getClassLoader().getResources(QUARKUS_MODEL);
            while (models.hasMoreElements()) {
                URL model = models.nextElement();
                try (InputStream in = model.openStream()) {
                    collectProperties(json.readTree(in), phases);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (phases.isEmpty()) {
            throw new IllegalStateException("No Quarkus configuration model on the classpath (" + QUARKUS_MODEL + ")");
        }
        return phases;
    }

    private static void collectProperties(JsonNode node, Map<String, String> phases) {
        if (node.isObject() && node.path("path").has("environmentVariable")) {
            String phase = node.path("phase").asText();
            phases.put(node.path("path").path("environmentVariable").asText(), phase);
            node.path("additionalPaths").forEach(p -> phases.put(p.path("environmentVariable").asText(), phase));
        }
        node.forEach(child -> collectProperties(child, phases));
    }
}
