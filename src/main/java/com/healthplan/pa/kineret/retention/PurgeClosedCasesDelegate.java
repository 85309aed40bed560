package com.healthplan.pa.kineret.retention;

import com.healthplan.pa.kineret.plan.PlanClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Purge cases past record keeping" of process {@code kineret-record-retention}: runs
 * {@link RecordRetentionService#purge} at engine time and keeps the count as variable {@code purgedCases}.
 */
@Component("purgeClosedCasesDelegate")
public class PurgeClosedCasesDelegate implements JavaDelegate {

    /** Variable of process {@code kineret-record-retention}: number of closed cases purged in the run (Integer). */
    public static final String VAR_PURGED_CASES = "purgedCases";

    private final RecordRetentionService retention;
    private final PlanClock clock;

    /** Wires the service. */
    public PurgeClosedCasesDelegate(RecordRetentionService retention, PlanClock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VAR_PURGED_CASES, retention.purge(clock.instant()));
    }
}
