package com.healthplan.pa.kineret.authorization;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer of the claim-time check ({@code GET /api/authorizations/check}): whether a pharmacy claim for Kineret
 * of {@code quantity} syringes (100 mg each) for {@code daysSupply} days, dispensed on {@code date} (ISO-8601), is
 * covered by an authorization of the member valid on that date and within its quantity limit (policy 5.70.050
 * "Prior-Approval Limits"). {@code authorizationId} is the authorization that covers the date (also when the
 * quantity exceeds its limit), null when none does. {@code reasons} is empty when covered; otherwise it says why not.
 *
 * @param memberId        the member, as given
 * @param date            the date of service
 * @param quantity        syringes claimed
 * @param daysSupply      days the claim supplies
 * @param covered         true when an authorization valid on {@code date} allows the quantity
 * @param authorizationId the authorization used, or null
 * @param reasons         why the claim is not covered (empty when covered)
 */
@Schema(description = "Whether a pharmacy claim for Kineret is covered by an authorization (policy 5.70.050)")
public record ClaimCheckResult(
        String memberId,
        LocalDate date,
        int quantity,
        int daysSupply,
        boolean covered,
        String authorizationId,
        List<Reason> reasons) {

    /** Machine-readable reason codes. */
    public enum Code {
        /** The member has no authorization at all. */
        NO_AUTHORIZATION,
        /** The member's next authorization starts after the date. */
        NOT_YET_VALID,
        /** The member's latest authorization before the date ended on or before it. */
        EXPIRED,
        /** The quantity is over the authorization's limit. */
        QUANTITY_LIMIT_EXCEEDED,
        /**
         * The authorization's limit cannot be checked automatically (e.g. {@code 8 mg/kg/day (weight not reported)}:
         * no mg/day maximum recorded); the claim needs a manual check.
         */
        QUANTITY_LIMIT_UNVERIFIABLE
    }

    /**
     * One reason a claim is not covered.
     *
     * @param code            machine-readable code
     * @param message         plain-language explanation with dates (ISO-8601) and quantities
     * @param authorizationId the authorization it is about, or null ({@code NO_AUTHORIZATION})
     */
    public record Reason(Code code, String message, String authorizationId) { }

    /** Copies the reasons so the result is immutable. */
    public ClaimCheckResult {
        reasons = List.copyOf(reasons);
    }
}
