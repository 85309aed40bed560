package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** End listener of business rule task "Decide route": stores variable {@code route} on the case and audits the evaluation. */
@Component("recordRouteListener")
public class RecordRouteListener implements ExecutionListener {

    private final DeterminationService determinations;
    private final TrustedCases cases;

    /** @param determinations where the route is recorded; @param cases the case of the instance */
    public RecordRouteListener(DeterminationService determinations, TrustedCases cases) {
        this.determinations = determinations;
        this.cases = cases;
    }

    @Override
    public void notify(DelegateExecution execution) {
        determinations.recordRoute(cases.idOf(execution),
                (String) execution.getVariable(ProcessConstants.VAR_ROUTE), ClockUtil.getCurrentTime());
    }
}
