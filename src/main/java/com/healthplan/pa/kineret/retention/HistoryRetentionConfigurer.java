package com.healthplan.pa.kineret.retention;

import com.healthplan.pa.kineret.cases.CaseProcess;
import java.util.Objects;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Aligns Camunda's history time to live with {@link RetentionSettings} at every start, after the deployment, for every version
 * of process {@code kineret-prior-authorization} ({@link RetentionSettings#processHistoryDays()}) and of the
 * decision tables {@code kineret-*} ({@link RetentionSettings#decisionHistoryDays()}), through Camunda's own
 * {@link RepositoryService#updateProcessDefinitionHistoryTimeToLive} (recorded in the user operation log).
 * The value in the BPMN and DMN files ({@code camunda:historyTimeToLive="3650"}) is what deployment demands; this
 * makes the configured period win. Idempotent: definitions already aligned are left alone, so every node of a
 * cluster can run it.
 */
@Component
public class HistoryRetentionConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetentionConfigurer.class);

    private final RepositoryService repository;
    private final RetentionSettings settings;

    /** Wires the repository service and the settings. */
    public HistoryRetentionConfigurer(RepositoryService repository, RetentionSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** Runs once the application is ready, after the auto-deployment of processes and decision tables. */
    @EventListener(ApplicationReadyEvent.class)
    public void alignHistoryTimeToLive() {
        int processDays = settings.processHistoryDays();
        int decisionDays = settings.decisionHistoryDays();
        int changed = 0;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery()
                .processDefinitionKey(CaseProcess.PROCESS_KEY).list()) {
            if (!Objects.equals(definition.getHistoryTimeToLive(), processDays)) {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), processDays);
                changed++;
            }
        }
        for (DecisionDefinition definition : repository.createDecisionDefinitionQuery()
                .decisionDefinitionKeyLike("kineret-%").list()) {
            if (!Objects.equals(definition.getHistoryTimeToLive(), decisionDays)) {
                repository.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), decisionDays);
                changed++;
            }
        }
        LOG.info("History time to live: {} days after a case ends, {} days for decisions (record keeping {}); {} definitions updated",
                processDays, decisionDays, settings.recordKeeping(), changed);
    }
}
