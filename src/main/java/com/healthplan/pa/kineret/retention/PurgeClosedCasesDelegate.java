package com.healthplan.pa.kineret.retention;

import com.healthplan.pa.kineret.plan.PlanClock;
import com.healthplan.pa.kineret.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Purge cases past record keeping" of process {@code kineret-record-retention}: runs
 * {@link RecordRetentionService#purge} at engine time and keeps the count as variable {@code purgedCases}.
 */
@Component("purgeClosedCasesDelegate")
public class PurgeClosedCasesDelegate implements JavaDelegate {

    private final RecordRetentionService retention;
    private final PlanClock clock;

    /** Wires the service. */
    public PurgeClosedCasesDelegate(RecordRetentionService retention, PlanClock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProcessVariables.PURGED_CASES.set(execution, retention.purge(clock.instant()));
    }
}
