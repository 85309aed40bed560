package com.healthplan.pa.kineret.notices;

/**
 * What a determination notice reports, by the audit-trail outcome ({@code pa_determination.outcome}) it is written
 * for. An overturned appeal approves the case: its notice is {@link #APPEAL_OVERTURNED} (with the approval's
 * content), and the approval that follows in the same transaction has no notice of its own.
 */
public enum NoticeKind {
    /** {@code APPROVED}: by the system (every criterion met) or by a clinical reviewer. */
    APPROVAL("Approval"),
    /** {@code DENIED}: a clinical reviewer's adverse determination. */
    ADVERSE_DETERMINATION("Adverse determination"),
    /** {@code REQUEST_INFORMATION}: the case is pended until the prescriber sends what is asked for. */
    REQUEST_FOR_INFORMATION("Request for information"),
    /** {@code APPEAL_UPHELD}: the adverse determination stands after the internal appeal. */
    APPEAL_UPHELD("Appeal decision: denial upheld"),
    /** {@code APPEAL_OVERTURNED}: the appeal reversed the adverse determination; the request is approved. */
    APPEAL_OVERTURNED("Appeal decision: approved");

    private final String title;

    NoticeKind(String title) {
        this.title = title;
    }

    /** @return the notice's plain-language title, e.g. {@code Adverse determination} */
    public String title() {
        return title;
    }
}
