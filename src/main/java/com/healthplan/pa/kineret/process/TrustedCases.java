package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.intake.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.PriorAuthorizationRepository;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The case of a process instance, from the project's own record: {@code pa_request.process_instance_id}, written
 * once by {@code IntakeService} when the case is stored. The delegates that record a determination use it instead
 * of process variable {@code caseId}, so that a variable written through Camunda's APIs can never point a
 * decision at another case.
 */
@Component
public class TrustedCases {

    private final PriorAuthorizationRepository cases;

    /** @param cases the case table */
    public TrustedCases(PriorAuthorizationRepository cases) {
        this.cases = cases;
    }

    /**
     * @param processInstanceId a process instance of {@code kineret-prior-authorization}
     * @return its case as stored now
     * @throws ProcessEngineException when no case belongs to the instance (becomes an incident / rolls back)
     */
    public PriorAuthorizationCase of(String processInstanceId) {
        return cases.findByProcessInstanceId(processInstanceId).orElseThrow(() -> new ProcessEngineException(
                "No case is recorded for process instance " + processInstanceId));
    }

    /** @return the case of the execution's process instance ({@link #of(String)}) */
    public PriorAuthorizationCase of(DelegateExecution execution) {
        return of(execution.getProcessInstanceId());
    }

    /**
     * @param scope the execution (or task) the variable {@code caseId} would be read from, for the comparison
     * @return the case id of the process instance; refuses when variable {@code caseId} says otherwise
     * @throws ProcessEngineException when variable {@code caseId} names a different case
     */
    public String idOf(DelegateExecution scope) {
        String id = of(scope).id();
        checkVariable(scope, id);
        return id;
    }

    private static void checkVariable(VariableScope scope, String id) {
        Object variable = scope.getVariable(ProcessConstants.VAR_CASE_ID);
        if (variable != null && !id.equals(variable)) {
            throw new ProcessEngineException("Refused: variable caseId does not name this process instance's case");
        }
    }
}
