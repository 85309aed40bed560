package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Service task "Record adverse determination": records the reviewer's denial with its reason and the criteria it rests on, and sets {@code appealWindow} (ISO-8601). */
@Component("recordAdverseDeterminationDelegate")
public class RecordAdverseDeterminationDelegate implements JavaDelegate {

    private final DeterminationService determinations;
    private final CaseActionsService actions;

    /** Wires the services. */
    public RecordAdverseDeterminationDelegate(DeterminationService determinations, CaseActionsService actions) {
        this.determinations = determinations;
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        determinations.deny((String) execution.getVariable(ProcessConstants.VAR_CASE_ID),
                (String) execution.getVariable(ProcessConstants.VAR_DECIDED_BY), ClockUtil.getCurrentTime(),
                (String) execution.getVariable(ProcessConstants.VAR_REASON),
                (String) execution.getVariable(ReviewDecisionListener.VAR_DENIED_CRITERIA_IDS));
        execution.setVariable("appealWindow", actions.appealWindow());
    }
}
