package com.healthplan.pa.kineret.authorization;

/**
 * The life of an authorization ({@code pa_authorization.status}, the API's {@code status}); the stored and
 * returned value is the constant's name.
 */
public enum AuthorizationStatus {
    /** Granted and in force. */
    ACTIVE,
    /** Still in force; its renewal window is open and a renewal notice was issued. */
    RENEWAL_DUE,
    /** Ended at {@code validTo} without a renewal that continues it. */
    EXPIRED,
    /** Ended at {@code validTo} and continued by the renewal that names it. */
    SUPERSEDED;

    /** @return true while the authorization holds ({@link #ACTIVE} or {@link #RENEWAL_DUE}) */
    public boolean holds() {
        return this == ACTIVE || this == RENEWAL_DUE;
    }
}
