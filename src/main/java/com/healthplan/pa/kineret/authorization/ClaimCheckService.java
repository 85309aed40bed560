package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.authorization.ClaimCheckResult.Code;
import com.healthplan.pa.kineret.authorization.ClaimCheckResult.Reason;
import com.healthplan.pa.kineret.cases.CaseScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The claim-time check: is a pharmacy claim for Kineret covered by an authorization of the member? An authorization
 * covers a date when {@code validFrom <= date < validTo} ({@code validTo} is the first day it no longer holds), and
 * the claim must be within its quantity limit ({@link QuantityLimits}, policy 5.70.050 "Prior-Approval Limits").
 * The lifecycle {@code status} is not consulted: the dates decide, so a claim dated inside an authorization that has
 * since been superseded or expired is still answered as it stood on that date.
 *
 * <p>The decision itself is {@link #decide}, a pure function of the member's authorizations; {@link #check} only
 * loads them.
 */
@Service
public class ClaimCheckService {

    private final AuthorizationQueries queries;

    /** @param queries read side of {@code pa_authorization} */
    public ClaimCheckService(AuthorizationQueries queries) {
        this.queries = queries;
    }

    /**
     * Checks a claim against the member's stored authorizations.
     *
     * @param memberId   the member's id (as sent with the prior-authorization request)
     * @param date       date of service
     * @param quantity   syringes claimed (100 mg each), positive
     * @param daysSupply days the claim supplies, positive
     * @param visibility whose cases' authorizations count ({@link CaseScope#visibility}): an intake account checks
     *                   against its own and its organisation's authorizations only
     * @return the answer
     * @throws IllegalArgumentException if {@code quantity} or {@code daysSupply} is not positive, or an argument is null
     */
    public ClaimCheckResult check(String memberId, LocalDate date, int quantity, int daysSupply,
                                  CaseScope.Visibility visibility) {
        validate(memberId, date, quantity, daysSupply);
        return decide(memberId, queries.byMember(memberId, visibility), date, quantity, daysSupply);
    }

    /**
     * Decides a claim from the member's authorizations, without a database. If several authorizations cover the date
     * (normally at most one: a renewal starts on the day the earlier one ends), the one that allows the claim is used;
     * if none allows it, the latest-starting one is reported with the reasons of each. When none covers the date, the
     * reasons name the latest authorization that ended on or before it ({@code EXPIRED}) and the earliest that starts
     * after it ({@code NOT_YET_VALID}).
     *
     * @param memberId       the member (echoed in the answer)
     * @param authorizations every authorization of the member, in any order
     * @param date           date of service
     * @param quantity       syringes claimed (100 mg each), positive
     * @param daysSupply     days the claim supplies, positive
     * @return the answer
     * @throws IllegalArgumentException if {@code quantity} or {@code daysSupply} is not positive, or an argument is null
     */
    public static ClaimCheckResult decide(String memberId, List<AuthorizationRecord> authorizations, LocalDate date,
                                          int quantity, int daysSupply) {
        validate(memberId, date, quantity, daysSupply);
        Objects.requireNonNull(authorizations, "authorizations");
        if (authorizations.isEmpty()) {
            return new ClaimCheckResult(memberId, date, quantity, daysSupply, false, null,
                    List.of(new Reason(Code.NO_AUTHORIZATION, "no authorization for this member", null)));
        }
        List<AuthorizationRecord> covering = authorizations.stream().filter(a -> covers(a, date))
                .sorted(Comparator.comparing(AuthorizationRecord::validFrom).reversed()).toList();
        if (!covering.isEmpty()) {
            List<Reason> reasons = new ArrayList<>();
            for (AuthorizationRecord a : covering) {
                Optional<Reason> problem = quantityProblem(a, quantity, daysSupply);
                if (problem.isEmpty()) {
                    return new ClaimCheckResult(memberId, date, quantity, daysSupply, true, a.id(), List.of());
                }
                reasons.add(problem.get());
            }
            return new ClaimCheckResult(memberId, date, quantity, daysSupply, false, covering.get(0).id(), reasons);
        }
        List<Reason> reasons = new ArrayList<>();
        authorizations.stream().filter(a -> !a.validFrom().isAfter(date))
                .max(Comparator.comparing(AuthorizationRecord::validTo))
                .ifPresent(a -> reasons.add(new Reason(Code.EXPIRED, "authorization " + a.id() + " ended on "
                        + a.validTo() + ", last covered day " + a.validTo().minusDays(1), a.id())));
        authorizations.stream().filter(a -> a.validFrom().isAfter(date))
                .min(Comparator.comparing(AuthorizationRecord::validFrom))
                .ifPresent(a -> reasons.add(new Reason(Code.NOT_YET_VALID,
                        "authorization " + a.id() + " starts on " + a.validFrom(), a.id())));
        return new ClaimCheckResult(memberId, date, quantity, daysSupply, false, null, reasons);
    }

    /** @return true if {@code validFrom <= date < validTo} */
    static boolean covers(AuthorizationRecord a, LocalDate date) {
        return !a.validFrom().isAfter(date) && date.isBefore(a.validTo());
    }

    /**
     * Applies the authorization's quantity limit ({@link QuantityLimits}). The RA text is tested first: RA
     * authorizations carry {@code maxDosePerDayMg} 100 as well, but their limit is 84 syringes per 84 days.
     *
     * @return the reason the claim is outside the limit, or empty when it is within
     */
    static Optional<Reason> quantityProblem(AuthorizationRecord a, int quantity, int daysSupply) {
        String limit = a.quantityLimit() == null ? "" : a.quantityLimit().trim();
        String claim = quantity + " syringes for " + daysSupply + " days";
        if (QuantityLimits.RA_LIMIT.equals(limit)) {
            if (quantity > QuantityLimits.RA_MAX_SYRINGES_PER_CLAIM
                    || (long) quantity > (long) daysSupply * QuantityLimits.RA_MAX_SYRINGES_PER_DAY) {
                return Optional.of(new Reason(Code.QUANTITY_LIMIT_EXCEEDED, claim + " exceeds " + limit, a.id()));
            }
            return Optional.empty();
        }
        BigDecimal max = a.maxDosePerDayMg();
        if (max != null) {
            // single-use 100 mg syringes: a dose of at most max mg/day needs ceil(max / 100) syringes a day
            long syringesPerDay = QuantityLimits.syringesPerDay(max);
            if ((long) quantity > syringesPerDay * daysSupply) {
                return Optional.of(new Reason(Code.QUANTITY_LIMIT_EXCEEDED, claim + " is more than " + syringesPerDay
                        + " syringe(s) a day: the maximum of " + max.stripTrailingZeros().toPlainString()
                        + " mg/day (" + limit + ") needs " + syringesPerDay + " single-use "
                        + QuantityLimits.MG_PER_SYRINGE + " mg syringe(s) a day", a.id()));
            }
            return Optional.empty();
        }
        if (QuantityLimits.NO_LIMIT.equals(limit)) {
            return Optional.empty();
        }
        return Optional.of(new Reason(Code.QUANTITY_LIMIT_UNVERIFIABLE, "the limit \"" + limit + "\" of authorization "
                + a.id() + " has no mg/day maximum, so " + claim + " cannot be checked automatically", a.id()));
    }

    private static void validate(String memberId, LocalDate date, int quantity, int daysSupply) {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(date, "date");
        if (quantity <= 0 || daysSupply <= 0) {
            throw new IllegalArgumentException("quantity and daysSupply must be positive: " + quantity + ", " + daysSupply);
        }
    }
}
