package app.sarafan.common.tx;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Runs a transaction once more, on a fresh connection, when the first attempt lost its connection before commit
 * ({@link BrokenConnection}): after a database restart or a switchover the pool may hand out connections the server
 * has already closed, and the request would fail although a new connection works. Bound to every
 * {@code @Transactional} method and placed around the transaction interceptor, it acts only where the call begins
 * the transaction (a method joining its caller's transaction is part of the caller's attempt) and retries once: a
 * database that stays away is answered 503 by the caller.
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class BrokenConnectionRetry {

    private static final Logger LOG = Logger.getLogger(BrokenConnectionRetry.class);

    private final TransactionManager transactions;

    BrokenConnectionRetry(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @AroundInvoke
    Object retryOnce(InvocationContext call) throws Exception {
        if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } catch (Exception e) {
            if (!BrokenConnection.beforeCommit(e)) {
                throw e;
            }
            LOG.debugf("%s lost its database connection before commit; running it again on a fresh one",
                    call.getMethod().getName());
            return call.proceed();
        }
    }
}
