package app.sarafan.sms;

/** A submit that did not go through; {@code permanent} when sending it again cannot help (a bad number). */
class SmsRefused extends RuntimeException {

    private final boolean permanent;

    SmsRefused(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }
}
