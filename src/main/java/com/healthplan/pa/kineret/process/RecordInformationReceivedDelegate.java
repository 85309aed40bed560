package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record information received": the amended request is evaluated again. */
@Component("recordInformationReceivedDelegate")
public class RecordInformationReceivedDelegate implements JavaDelegate {

    private final ReviewService reviews;
    private final TrustedCases cases;

    /**
     * @param reviews the review side of cases
     * @param cases the case of the process instance
     */
    public RecordInformationReceivedDelegate(ReviewService reviews, TrustedCases cases) {
        this.reviews = reviews;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        reviews.informationReceived(caseId);
        execution.setVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED, false);
    }
}
