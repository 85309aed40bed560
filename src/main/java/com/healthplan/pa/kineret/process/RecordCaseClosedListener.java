package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.intake.PriorAuthorizationRepository;
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
    private final ZoneId zone;

    /** @param zone the plan's time zone ({@code kineret.zone}) */
    public RecordCaseClosedListener(PriorAuthorizationRepository repository, @Value("${kineret.zone}") String zone) {
        this.repository = repository;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public void notify(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(ProcessConstants.VAR_CASE_ID);
        if (caseId != null) {
            repository.markClosed(caseId, ClockUtil.getCurrentTime().toInstant().atZone(zone).toOffsetDateTime());
        }
    }
}
