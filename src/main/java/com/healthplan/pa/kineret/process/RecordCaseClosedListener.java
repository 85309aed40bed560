package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * End listener of process {@code kineret-prior-authorization}: stamps {@code pa_request.closed_at} with the engine
 * time whenever the case's process ends, whichever end it reaches (authorization ended, denial final or upheld,
 * withdrawn, or cancelled by an operator). The record-keeping period of the case's own records runs from that
 * moment, as Camunda's history removal time does (removal-time strategy {@code end}).
 */
@Component("recordCaseClosedListener")
public class RecordCaseClosedListener implements ExecutionListener {

    private final PriorAuthorizationRepository repository;
    private final TrustedCases cases;
    private final ZoneId zone;

    /**
     * @param cases the case of the process instance (none when its records were purged)
     * @param zone  the plan's time zone ({@code kineret.zone})
     */
    public RecordCaseClosedListener(PriorAuthorizationRepository repository, TrustedCases cases,
                                    @Value("${kineret.zone}") String zone) {
        this.repository = repository;
        this.cases = cases;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public void notify(DelegateExecution execution) {
        cases.find(execution).ifPresent(c -> repository.markClosed(c.id(),
                ClockUtil.getCurrentTime().toInstant().atZone(zone).toOffsetDateTime()));
    }
}
