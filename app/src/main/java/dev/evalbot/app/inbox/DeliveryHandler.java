package dev.evalbot.app.inbox;

/**
 * Does the work one delivery asks for. Called by {@link InboxWorker} for one delivery at a time per
 * subject, in arrival order; possibly more than once for the same delivery (after a crash, a lost
 * lease or a retry), so side effects must be idempotent.
 *
 * <p>Return {@link Outcome.Done} when finished, {@link Outcome.Retry} for a temporary failure (give
 * the platform's {@code Retry-After} or rate-limit reset there), {@link Outcome.Fail} when retrying
 * cannot help. Any exception thrown counts as a retryable failure with the exception's message.
 */
@FunctionalInterface
public interface DeliveryHandler {
    Outcome handle(Delivery delivery) throws Exception;
}
