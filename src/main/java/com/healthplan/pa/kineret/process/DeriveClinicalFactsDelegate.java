package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.intake.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.rules.ClinicalFactsService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Derive clinical facts": reads the stored request of variable {@code caseId} and sets the
 * flat facts the decision tables read as process variables ({@link ClinicalFactsService}).
 *
 * @throws IllegalStateException (as an incident) when the case row is missing
 */
@Component("deriveClinicalFactsDelegate")
public class DeriveClinicalFactsDelegate implements JavaDelegate {

    private final PriorAuthorizationRepository repository;
    private final IntakeService intake;
    private final ClinicalFactsService facts;

    /** Wires the services. */
    public DeriveClinicalFactsDelegate(PriorAuthorizationRepository repository, IntakeService intake,
                                       ClinicalFactsService facts) {
        this.repository = repository;
        this.intake = intake;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        PriorAuthorizationCase c = repository.findById(caseId)
                .orElseThrow(() -> new IllegalStateException("no stored case " + caseId));
        execution.setVariables(facts.facts(intake.readRequest(c), c.requestDate()));
    }
}
