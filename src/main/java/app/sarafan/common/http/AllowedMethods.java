package app.sarafan.common.http;

import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The methods a path really serves, read from the JAX-RS resource model the server routes with (RESTEasy
 * Reactive's own 405 and OPTIONS answers either name none or every method of the resource class).
 */
public final class AllowedMethods {

    private static volatile Index index;

    private AllowedMethods() {
    }

    /** The methods served at the path of this request; HEAD wherever GET is served, as the server answers it. */
    public static Set<String> at(ResteasyReactiveRequestContext request) {
        Set<String> allowed = new TreeSet<>();
        String path = request.getPathWithoutPrefix();
        RequestMapper<InitialMatch> classes = index(request.getDeployment()).classes;
        for (RequestMapper.RequestMatch<InitialMatch> match = classes.map(path); match != null;
                match = classes.continueMatching(path, match)) {
            String remaining = match.remaining == null || match.remaining.isEmpty() ? "/" : match.remaining;
            for (ServerRestHandler handler : match.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    routing.getMappers().forEach((method, methods) -> {
                        if (method != null && methods.map(remaining) != null) {
                            allowed.add(method);
                        }
                    });
                }
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return allowed;
    }

    private static Index index(Deployment deployment) {
        Index current = index;
        if (current == null || current.deployment != deployment) {
            current = new Index(deployment, new RequestMapper<>(new ArrayList<>(deployment.getClassMappers())));
            index = current;
        }
        return current;
    }

    private record Index(Deployment deployment, RequestMapper<InitialMatch> classes) {
    }
}
