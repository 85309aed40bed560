package com.healthplan.pa.kineret.authorization;

import java.math.BigDecimal;

/**
 * The quantity limits of an authorization as the claim check applies them: policy 5.70.050, "Prior-Approval
 * Limits" (the same for "Prior-Approval Renewal Limits"). This is the one place that holds the thresholds.
 *
 * <ul>
 *   <li>RA: {@value #RA_LIMIT}: at most {@value #RA_MAX_SYRINGES_PER_CLAIM} syringes in one claim and at most
 *       {@value #RA_MAX_SYRINGES_PER_DAY} syringe per day of supply ({@code quantity <= daysSupply}).</li>
 *   <li>CAPS (NOMID) and DIRA: 8 mg/kg/day, stored on the authorization as {@code max_dose_per_day_mg} (mg/day
 *       from the weight on the request). Kineret comes only as single-use {@value #MG_PER_SYRINGE} mg syringes, so a
 *       dose of at most that many mg/day needs {@link #syringesPerDay} = ceil(max / 100) syringes a day, and a claim
 *       may supply that many per day of supply (a child's 30 mg dose still takes one syringe a day).</li>
 *   <li>Every other covered indication: {@value #NO_LIMIT}.</li>
 * </ul>
 *
 * The texts {@link #RA_LIMIT} and {@link #NO_LIMIT} are the {@code quantityLimit} outputs of decision table
 * {@code kineret-approval-terms}; they must stay equal (a test checks this against the table).
 */
public final class QuantityLimits {

    /** Policy reference of the limits. */
    public static final String POLICY_REFERENCE = "5.70.050 Prior-Approval Limits";
    /** {@code quantityLimit} of RA authorizations. */
    public static final String RA_LIMIT = "84 syringes per 84 days";
    /** {@code quantityLimit} of authorizations without a quantity limit. */
    public static final String NO_LIMIT = "No limit";
    /** RA: most syringes one claim may supply. */
    public static final int RA_MAX_SYRINGES_PER_CLAIM = 84;
    /** RA: most syringes per day of supply (84 per 84 days). */
    public static final int RA_MAX_SYRINGES_PER_DAY = 1;
    /** Anakinra per prefilled syringe, in mg. */
    public static final int MG_PER_SYRINGE = 100;
    /** The same as a number, for mg/day arithmetic. */
    public static final BigDecimal MG_PER_SYRINGE_DECIMAL = BigDecimal.valueOf(MG_PER_SYRINGE);

    /**
     * @param maxDosePerDayMg the authorized maximum dose in mg/day (positive)
     * @return the single-use 100 mg syringes that dose needs per day: ceil(maxDosePerDayMg / 100), at least 1
     */
    public static long syringesPerDay(BigDecimal maxDosePerDayMg) {
        long syringes = maxDosePerDayMg.divide(MG_PER_SYRINGE_DECIMAL, 0, java.math.RoundingMode.CEILING).longValueExact();
        return Math.max(1, syringes);
    }

    private QuantityLimits() {
    }
}
