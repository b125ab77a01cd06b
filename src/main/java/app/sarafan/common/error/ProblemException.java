package app.sarafan.common.error;

/** A business refusal that reaches the caller as its {@link Problem}; nothing of the failed operation is kept. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    /** The same refusal with one more member in its problem body. */
    public ProblemException withMember(String member, Object value) {
        return new ProblemException(problem.with(member, value));
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.validation(java.util.List.of(new FieldError(field, message))));
    }
}
