package app.sarafan.common.lease;

import java.util.UUID;

/**
 * The name under which a background worker holds leases: the host (the pod, in Kubernetes) for people reading the
 * table, and a random part so that two workers — or one worker before and after a restart — never look alike.
 */
public final class LeaseOwner {

    private LeaseOwner() {
    }

    public static String next() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "instance" : host) + "/" + UUID.randomUUID();
    }
}
