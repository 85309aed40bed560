package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** End listener of business rule task "Decide route": stores variable {@code route} on the case and audits the evaluation. */
@Component("recordRouteListener")
public class RecordRouteListener implements ExecutionListener {

    private final DeterminationService determinations;

    /** @param determinations where the route is recorded */
    public RecordRouteListener(DeterminationService determinations) {
        this.determinations = determinations;
    }

    @Override
    public void notify(DelegateExecution execution) {
        determinations.recordRoute((String) execution.getVariable(ProcessConstants.VAR_CASE_ID),
                (String) execution.getVariable(ProcessConstants.VAR_ROUTE), ClockUtil.getCurrentTime());
    }
}
