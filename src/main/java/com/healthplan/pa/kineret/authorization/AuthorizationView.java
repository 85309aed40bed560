package com.healthplan.pa.kineret.authorization;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An authorization as {@code GET /api/authorizations/{id}} shows it. Dates are ISO-8601 calendar dates;
 * {@code validTo} is the first day it no longer holds; {@code durationMonths} in calendar months (12 initial,
 * 18 renewal); {@code quantityLimit} as text (e.g. {@code 84 syringes per 84 days}); {@code maxDosePerDayMg} in
 * mg/day (null without one); {@code status} {@code ACTIVE}, {@code RENEWAL_DUE}, {@code EXPIRED} or
 * {@code SUPERSEDED}; {@code renewalDueOn} is the first day of the renewal window.
 *
 * @param id                      authorization id
 * @param caseId                  id of the prior-authorization case that granted it
 * @param requestId               the intake system's requestId of that case
 * @param memberId                member
 * @param indication              RULES.md indication
 * @param requestType             {@code INITIAL} or {@code RENEWAL}
 * @param validFrom               first day it holds
 * @param validTo                 first day it no longer holds
 * @param durationMonths          calendar months
 * @param quantityLimit           the limit as text
 * @param maxDosePerDayMg         mg/day maximum, or null
 * @param status                  lifecycle status
 * @param previousAuthorizationId the authorization this one renews, or null
 * @param supersededBy            the renewal that continues this one, or null
 * @param renewalDueOn            first day of the renewal window, or null
 */
@Schema(description = "Authorization granted by an approval (policy 5.70.050)")
public record AuthorizationView(
        String id,
        String caseId,
        String requestId,
        String memberId,
        String indication,
        String requestType,
        LocalDate validFrom,
        LocalDate validTo,
        int durationMonths,
        String quantityLimit,
        BigDecimal maxDosePerDayMg,
        String status,
        String previousAuthorizationId,
        String supersededBy,
        LocalDate renewalDueOn) {

    /**
     * @param a         the stored authorization
     * @param requestId its case's requestId
     * @return the view
     */
    public static AuthorizationView of(AuthorizationRecord a, String requestId) {
        return new AuthorizationView(a.id(), a.caseId(), requestId, a.memberId(), a.indication(), a.requestType(),
                a.validFrom(), a.validTo(), a.durationMonths(), a.quantityLimit(), a.maxDosePerDayMg(), a.status().name(),
                a.previousAuthorizationId(), a.supersededBy(), a.renewalDueOn());
    }
}
