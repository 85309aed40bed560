package com.healthplan.pa.kineret.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling for operations tests: waits until a value satisfies a condition, or fails with the last value seen. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code value} every 100 ms until {@code done} holds.
     *
     * @param what    what is awaited, for the failure message
     * @param timeout how long to wait
     * @return the time it took
     * @throws AssertionError with the last value when the timeout passes
     */
    public static <T> Duration until(String what, Duration timeout, Supplier<T> value, Predicate<T> done) {
        Instant start = Instant.now();
        Instant end = start.plus(timeout);
        T last = null;
        while (Instant.now().isBefore(end)) {
            last = value.get();
            if (done.test(last)) {
                return Duration.between(start, Instant.now());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while awaiting " + what, e);
            }
        }
        throw new AssertionError(what + " not reached within " + timeout + "; last value: " + last);
    }
}
