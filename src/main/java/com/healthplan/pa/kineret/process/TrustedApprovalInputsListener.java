package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.rules.ClinicalFactsService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of business rule task "Determine approval terms": sets the decision table's inputs again from the
 * case's record just before it is evaluated, whatever the process variables hold: {@code indication} and
 * {@code requestType} from {@code pa_request}, {@code weightKg} derived again from the stored request
 * ({@link ClinicalFactsService#weightKg}). The terms of an authorization therefore rest on the case as received and
 * evaluated, never on a variable written through Camunda's APIs.
 */
@Component("trustedApprovalInputsListener")
public class TrustedApprovalInputsListener implements ExecutionListener {

    private final TrustedCases cases;
    private final IntakeService intake;

    /** Wires the case table and the stored request. */
    public TrustedApprovalInputsListener(TrustedCases cases, IntakeService intake) {
        this.cases = cases;
        this.intake = intake;
    }

    @Override
    public void notify(DelegateExecution execution) {
        PriorAuthorizationCase c = cases.of(execution);
        ProcessVariables.INDICATION.set(execution, c.indication());
        ProcessVariables.REQUEST_TYPE.set(execution, c.requestType());
        ProcessVariables.WEIGHT_KG.set(execution, ClinicalFactsService.weightKg(intake.readRequest(c)));
    }
}
