package com.healthplan.pa.kineret.api;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A copy of an exception for the log: the class names, stack traces, causes and suppressed exceptions of the
 * original, but none of its messages. Exception messages may quote request data, which is protected health
 * information here (a database error quoting the row it could not store, a parser quoting a value), so the log
 * gets the shape of the failure and never its text.
 */
public final class RedactedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    private RedactedException(Throwable original, RedactedException cause) {
        super(original.getClass().getName() + " (message withheld: it may hold request data)", cause, true, true);
        this.originalClassName = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /**
     * @param original any exception, possibly with causes and suppressed exceptions
     * @return its redacted copy, or null for null
     */
    public static RedactedException of(Throwable original) {
        return copy(original, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RedactedException copy(Throwable original, Set<Throwable> seen) {
        if (original == null || !seen.add(original)) {
            return null;
        }
        RedactedException copy = new RedactedException(original, copy(original.getCause(), seen));
        for (Throwable suppressed : original.getSuppressed()) {
            RedactedException s = copy(suppressed, seen);
            if (s != null) {
                copy.addSuppressed(s);
            }
        }
        return copy;
    }

    /** @return the class name of the exception this one stands for */
    public String originalClassName() {
        return originalClassName;
    }
}
