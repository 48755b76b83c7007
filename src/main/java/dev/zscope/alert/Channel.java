package dev.zscope.alert;

/** Delivers a notification somewhere; blocking, on a delivery thread, never on the evaluator's. */
interface Channel {

    /** @throws DeliveryException with a message fit to show and log (no secrets) */
    void send(Notice notice) throws DeliveryException;

    /** Why the channel cannot deliver at all (e.g. e-mail without an SMTP server), or null. */
    default String unavailable() {
        return null;
    }

    /** A delivery that failed, with a message free of secrets. */
    final class DeliveryException extends Exception {

        private final boolean retryable;

        DeliveryException(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }

        /** False when sending the same again cannot help (a 4xx other than 408 and 429). */
        boolean retryable() {
            return retryable;
        }
    }
}
