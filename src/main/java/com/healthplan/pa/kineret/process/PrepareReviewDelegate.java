package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Prepare review summary": sets the text variables the review form shows ({@link ReviewService#summary}). */
@Component("prepareReviewDelegate")
public class PrepareReviewDelegate implements JavaDelegate {

    private final ReviewService reviews;
    private final TrustedCases cases;

    /**
     * @param reviews the review side of cases
     * @param cases the case of the process instance
     */
    public PrepareReviewDelegate(ReviewService reviews, TrustedCases cases) {
        this.reviews = reviews;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        execution.setVariables(reviews.summary(caseId,
                Boolean.TRUE.equals(execution.getVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED))));
    }
}
