package com.healthplan.pa.kineret.rules;

import java.util.Map;

/**
 * One criterion's result as the decision tables give it: a stable ID of {@code spec/RULES.md}, a result
 * ({@code MET}, {@code NOT_MET}, {@code UNKNOWN}, {@code NOT_APPLICABLE}), the policy reference and a detail
 * for the reviewer.
 */
public record CriterionResult(String id, String result, String reference, String detail) {

    /** Result value of a criterion that is satisfied. */
    public static final String MET = "MET";
    /** Result value of a criterion that does not apply to this request. */
    public static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    /** @param row one COLLECT row of a criteria table (outputs criterionId, result, reference, detail) */
    public static CriterionResult fromDecisionRow(Map<String, Object> row) {
        return new CriterionResult(str(row.get("criterionId")), str(row.get("result")),
                str(row.get("reference")), str(row.get("detail")));
    }

    /** @return true when the criterion is neither MET nor NOT_APPLICABLE, i.e. NOT_MET or UNKNOWN */
    public boolean isOpen() {
        return !MET.equals(result) && !NOT_APPLICABLE.equals(result);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
