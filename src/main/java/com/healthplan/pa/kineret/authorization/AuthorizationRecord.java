package com.healthplan.pa.kineret.authorization;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An authorization granted by an approval (table {@code pa_authorization}). {@code validTo} is the first
 * day it no longer holds (exclusive); {@code durationMonths} is in calendar months (12 initial, 18 renewal,
 * policy 5.70.050 "Duration"); {@code maxDosePerDayMg} in mg/day where the policy sets a weight-based limit.
 * {@code status} ({@link AuthorizationStatus}, stored by name): {@code ACTIVE}, {@code RENEWAL_DUE} (inside the renewal window), {@code EXPIRED} (ended
 * without a renewal), {@code SUPERSEDED} (ended and continued by the renewal {@code supersededBy}).
 * {@code renewalDueOn} is the first day of the renewal window.
 */
public record AuthorizationRecord(
        String id,
        String caseId,
        String memberId,
        String indication,
        String requestType,
        LocalDate validFrom,
        LocalDate validTo,
        int durationMonths,
        String quantityLimit,
        BigDecimal maxDosePerDayMg,
        AuthorizationStatus status,
        String previousAuthorizationId,
        String supersededBy,
        LocalDate renewalDueOn) { }
