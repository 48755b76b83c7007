package dev.zscope.alert;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Small helpers the alert tests share. */
final class AlertRulesTestSupport {

    private AlertRulesTestSupport() {
    }

    static Receiver receiver() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
