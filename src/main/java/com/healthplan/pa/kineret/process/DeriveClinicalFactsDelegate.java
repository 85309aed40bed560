package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.rules.ClinicalFactsService;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Service task "Derive clinical facts": reads the stored request of variable {@code caseId} and sets the
 * flat facts the decision tables read as process variables ({@link ClinicalFactsService}).
 *
 * <p>The facts are <em>transient</em> variables: the business rule tasks that follow in the same transaction read
 * them, and they are never written to the runtime or history variable tables (the stored request and the
 * criteria results in {@code pa_request} and {@code pa_determination} are the record). Only
 * {@link #PERSISTED_FACTS} are stored, because decision table {@code kineret-approval-terms} reads them again
 * after a review or an appeal, in a later transaction. A fact that already exists as a stored variable (an
 * instance started before facts were transient) is updated as a stored variable.
 *
 * @throws org.camunda.bpm.engine.ProcessEngineException (as an incident) when no case is recorded for the
 *         process instance ({@link TrustedCases})
 */
@Component("deriveClinicalFactsDelegate")
public class DeriveClinicalFactsDelegate implements JavaDelegate {

    /** Facts kept as stored process variables: the inputs of {@code kineret-approval-terms} besides the indication. */
    public static final Set<String> PERSISTED_FACTS = Set.of(ProcessVariables.REQUEST_TYPE.name(),
            ProcessVariables.WEIGHT_KG.name());

    private final TrustedCases cases;
    private final IntakeService intake;
    private final ClinicalFactsService facts;

    /** Wires the services. */
    public DeriveClinicalFactsDelegate(TrustedCases cases, IntakeService intake, ClinicalFactsService facts) {
        this.cases = cases;
        this.intake = intake;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PriorAuthorizationCase c = cases.of(execution);
        facts.facts(intake.readRequest(c), c.requestDate()).forEach((name, value) -> {
            if (PERSISTED_FACTS.contains(name) || execution.hasVariable(name)) {
                execution.setVariable(name, value);
            } else {
                execution.setVariable(name, Variables.untypedValue(value, true));
            }
        });
    }
}
