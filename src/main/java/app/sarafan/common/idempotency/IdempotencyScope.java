package app.sarafan.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;

/**
 * What an {@code Idempotency-Key} belongs to: the caller, the operation (HTTP method and route template) and the
 * resource (the path parameters, percent-decoded, as the operation itself reads them). Every spelling of one path
 * ({@code @} or {@code %40}, {@code %3a} or {@code %3A}, a trailing slash the router accepts) is therefore one
 * scope. Identifiers are opaque after decoding, as Stripe treats ids: no case folding, no Unicode normalisation,
 * since the operation does not fold them either.
 */
record IdempotencyScope(String caller, String operation, SortedMap<String, List<String>> resource) {

    IdempotencyScope {
        resource = new TreeMap<>(resource);
    }

    /** The scope of the JAX-RS request being served. */
    static IdempotencyScope ofCurrentRequest(String caller) {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        RuntimeResource target = request == null ? null : request.getTarget();
        if (target == null) {
            throw new IllegalStateException("An Idempotency-Key is scoped to a matched resource method");
        }
        String template = (target.getClassPath() == null ? "" : target.getClassPath().template)
                + (target.getPath() == null ? "" : target.getPath().template);
        SortedMap<String, List<String>> resource = new TreeMap<>();
        // JAX-RS decodes exactly as the resource method's @PathParam receives it.
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getPathParameters(true).entrySet()) {
            resource.put(parameter.getKey(), List.copyOf(parameter.getValue()));
        }
        return new IdempotencyScope(caller == null ? "" : caller, target.getHttpMethod() + " " + template, resource);
    }

    /**
     * The SHA-256 (hex) of the scope, which is what is stored: 64 characters whatever the identifiers. Each part is
     * length-prefixed, so that no choice of identifiers can make two scopes encode alike.
     */
    String digest() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(sha256, "idempotency-scope/1");
        update(sha256, caller);
        update(sha256, operation);
        resource.forEach((name, values) -> {
            update(sha256, name);
            update(sha256, Integer.toString(values.size()));
            values.forEach(value -> update(sha256, value));
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void update(MessageDigest sha256, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
    }
}
