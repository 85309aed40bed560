package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record information received": the amended request is evaluated again. */
@Component("recordInformationReceivedDelegate")
public class RecordInformationReceivedDelegate implements JavaDelegate {

    private final ReviewService reviews;

    /** @param reviews the review side of cases */
    public RecordInformationReceivedDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        reviews.informationReceived(caseId);
        execution.setVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED, false);
    }
}
