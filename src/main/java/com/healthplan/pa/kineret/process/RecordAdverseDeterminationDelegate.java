package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Service task "Record adverse determination": records the reviewer's denial with its reason and the criteria it rests on. */
@Component("recordAdverseDeterminationDelegate")
public class RecordAdverseDeterminationDelegate implements JavaDelegate {

    private final DeterminationService determinations;

    /** @param determinations where the denial is recorded */
    public RecordAdverseDeterminationDelegate(DeterminationService determinations) {
        this.determinations = determinations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        determinations.deny((String) execution.getVariable(ProcessConstants.VAR_CASE_ID),
                (String) execution.getVariable(ProcessConstants.VAR_DECIDED_BY), ClockUtil.getCurrentTime(),
                (String) execution.getVariable(ProcessConstants.VAR_REASON),
                (String) execution.getVariable(ReviewDecisionListener.VAR_DENIED_CRITERIA_IDS));
    }
}
