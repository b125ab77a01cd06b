package app.sarafan.support.contract;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts {@link ContractFilter} on rest-assured for every test of the build, and fails a test whose calls broke the
 * contract even where the call's own failure was swallowed (a pool thread, a {@code catch}).
 *
 * <p>Registered by {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and JUnit's extension
 * autodetection (switched on by the surefire and failsafe configuration, and by Quarkus' own
 * {@code junit-platform.properties}), so it reaches every test class whatever it extends, without an annotation
 * anyone could forget.
 *
 * <p>{@code @QuarkusTest} classes run in Quarkus' class loader with their own copy of rest-assured, which this
 * extension (loaded by JUnit) does not see: it installs the filter through the test class's loader and the thread's
 * context loader, by name. Each loader parses the contract once, on its first judged call.
 */
public final class ContractValidationExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final String FILTER = "app.sarafan.support.contract.ContractFilter";

    @Override
    public void beforeAll(ExtensionContext context) {
        loaders(context).forEach(loader -> call(loader, "install"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        loaders(context).forEach(loader -> call(loader, "install"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ClassLoader loader : loaders(context)) {
            @SuppressWarnings("unchecked")
            List<String> violations = (List<String>) call(loader, "takeViolations");
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " exchange(s) of this test broke openapi.yaml:\n"
                        + String.join("\n", violations));
            }
        }
    }

    private static Set<ClassLoader> loaders(ExtensionContext context) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        context.getTestClass().map(Class::getClassLoader).ifPresent(loaders::add);
        ClassLoader thread = Thread.currentThread().getContextClassLoader();
        if (thread != null && visible(thread)) {
            loaders.add(thread);
        }
        return loaders;
    }

    private static boolean visible(ClassLoader loader) {
        try {
            Class.forName(FILTER, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Object call(ClassLoader loader, String method) {
        try {
            return Class.forName(FILTER, true, loader).getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("ContractFilter." + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ContractFilter is not reachable from " + loader, e);
        }
    }
}
