package com.healthplan.pa.kineret.process;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The case of a process instance, from the project's own record: {@code pa_request.process_instance_id}, written
 * once by {@code IntakeService} when the case is stored. The delegates that record a determination use it instead
 * of process variable {@code caseId}, so that a variable written through Camunda's APIs can never point a
 * decision, a deadline or an authorization's renewal or end at another case.
 */
@Component
public class TrustedCases {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedCases.class);

    /** Instances whose case id is kept (process instance id → case id; the pair never changes once stored). */
    static final int KEPT_CASE_IDS = 100_000;

    private final PriorAuthorizationRepository cases;
    private final Cache<String, String> caseIds = Caffeine.newBuilder().maximumSize(KEPT_CASE_IDS).build();

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

    /**
     * @return the case of the execution's process instance, or empty when none is recorded (any more: the
     *         retention process purges the case records of a closed case); variable {@code caseId} is not read
     */
    public Optional<PriorAuthorizationCase> find(DelegateExecution execution) {
        return cases.findByProcessInstanceId(execution.getProcessInstanceId());
    }

    /** @return the case of the execution's process instance ({@link #of(String)}) */
    public PriorAuthorizationCase of(DelegateExecution execution) {
        return of(execution.getProcessInstanceId());
    }

    /**
     * The id of the process instance's case. The pair (process instance, case) is written once at intake and never
     * changes, so it is read from {@code pa_request} once per instance and node and then kept (at most
     * {@value #KEPT_CASE_IDS} pairs).
     *
     * @param execution an execution of the case's process instance
     * @return the id of the process instance's case ({@link #of(DelegateExecution)}); variable {@code caseId} is not
     *         used, and a value of it that names another case is logged as a warning (it can only have been written
     *         through Camunda's variable APIs)
     * @throws ProcessEngineException when no case is recorded for the instance
     */
    public String idOf(DelegateExecution execution) {
        String id = caseIds.get(execution.getProcessInstanceId(), instance -> of(instance).id());
        Object variable = ProcessVariables.CASE_ID.raw(execution);
        if (variable != null && !id.equals(variable)) {
            LOG.warn("Process instance {}: variable caseId does not name the instance's case {}; the case record is used",
                    execution.getProcessInstanceId(), id);
        }
        return id;
    }
}
