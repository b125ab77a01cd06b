package app.sarafan.common.error;

import java.util.ArrayList;
import java.util.Comparator;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.sarafan.common.http.AllowedMethods;
import app.sarafan.common.http.RequestText;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;

/**
 * Turns every failure into {@code application/problem+json}: business refusals, validation, unreadable JSON, the
 * framework's own 404/405/415 and security refusals. Unexpected failures are logged with an id and answered with
 * that id only — never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String BODY = "body";

    @ServerExceptionMapper
    public Response business(ProblemException e, UriInfo uri) {
        return e.problem().toResponse(instance(uri));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return Problem.validation(errors).toResponse(instance(uri));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class, JsonParseException.class, UnrecognizedPropertyException.class,
            JsonMappingException.class})
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return UnreadableJson.problem(e).toResponse(instance(uri));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return Problem.of(ProblemType.NOT_FOUND, "No resource at this path").toResponse(instance(uri));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        // RESTEasy's exception names no method: the resource model says which this path serves.
        Set<String> allowed = AllowedMethods.at(CurrentRequestManager.get());
        Response problem = Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This path serves " + String.join(", ", allowed))
                .toResponse(instance(uri));
        return Response.fromResponse(problem).header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri, HttpHeaders headers) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, (sent == null ? "A body without Content-Type"
                        : "Content-Type '" + sent + "'") + " is not accepted here; the contract lists what is")
                .toResponse(instance(uri));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return Problem.of(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json")
                .toResponse(instance(uri));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response problem = Problem.of(ProblemType.UNAUTHORIZED,
                "Send a valid X-Api-Key (shop backends, administrators) or a member Bearer token")
                .toResponse(instance(uri));
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer, ApiKey header=\"X-Api-Key\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(ProblemType.FORBIDDEN, "These credentials are not allowed to use this resource")
                .toResponse(instance(uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large").toResponse(instance(uri));
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        ProblemType type = switch (status) {
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> ProblemType.MALFORMED_REQUEST;
        };
        // The framework's message is its own ("HTTP 400 Bad Request"); the title says as much in our words.
        return Problem.of(type, type.title()).toResponse(instance(uri));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String refused = refusedByTheDatabase(e);
        if (refused != null) {
            // Input the edge should have refused reached PostgreSQL: still the caller's mistake, and no trace.
            LOG.warnf("Refused as %s by the database on %s", refused, instance(uri));
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The request holds " + refused)
                    .toResponse(instance(uri));
        }
        if (DatabaseUnavailable.isCause(e)) {
            DatabaseUnavailable.refused(e, instance(uri));
            Response unavailable = Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The database cannot be reached right"
                    + " now; retry in " + DatabaseUnavailable.RETRY_AFTER.toSeconds() + " seconds with the same"
                    + " Idempotency-Key").toResponse(instance(uri));
            return Response.fromResponse(unavailable)
                    .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER.toSeconds())).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return Problem.of(ProblemType.INTERNAL, "Unexpected failure; quote error id " + errorId + " to support")
                .with("errorId", errorId).toResponse(instance(uri));
    }

    /** The path as sent, still percent-encoded: a URI reference whatever its decoded text holds. */
    private static String instance(UriInfo uri) {
        if (uri == null) {
            return null;
        }
        try {
            return uri.getRequestUri().getRawPath();
        } catch (RuntimeException unparseable) {
            return RequestText.asUriReference(uri.getPath());
        }
    }

    /**
     * What PostgreSQL refused as data the caller sent (SQLSTATE class 22: text it cannot store, a value longer than
     * its column), or null for any other failure.
     */
    static String refusedByTheDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "22021", "22P05" -> {
                        return "text that cannot be stored (a NUL or a byte that is not UTF-8)";
                    }
                    case "22001" -> {
                        return "a value longer than can be stored";
                    }
                    default -> {
                    }
                }
            }
        }
        return null;
    }

    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                // Resources name their request body parameter "body": its fields are named from the body's root.
                // Any other parameter (query, path, header) is the field itself.
                field.setLength(0);
                if (!BODY.equals(node.getName())) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            // A constraint on a list's element (List<@Pattern String>) is named by its index alone, not by the
            // validator's "<list element>".
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }
}
