package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record information not received": the wait for information ended; the case returns to review marked so. */
@Component("recordInformationNotReceivedDelegate")
public class RecordInformationNotReceivedDelegate implements JavaDelegate {

    private final ReviewService reviews;

    /** @param reviews the review side of cases */
    public RecordInformationNotReceivedDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        reviews.informationNotReceived(caseId);
        execution.setVariable(ProcessConstants.VAR_INFORMATION_NOT_RECEIVED, true);
    }
}
