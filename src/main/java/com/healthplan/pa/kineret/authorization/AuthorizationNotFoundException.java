package com.healthplan.pa.kineret.authorization;

/** An authorization or renewal notice that does not exist (HTTP 404, {@code not-found} problem). */
public class AuthorizationNotFoundException extends RuntimeException {

    private final String title;

    /**
     * @param title  problem title, e.g. {@code Authorization not found}
     * @param detail what was looked for
     */
    public AuthorizationNotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    /** @return the problem title */
    public String title() {
        return title;
    }
}
