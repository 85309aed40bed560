package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.plan.KineretProperties;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which of Camunda's history records at history level {@code full} are written to the database. The level stays
 * {@code full}: the user operation log (claims, completions, assignments), which {@code GET .../audit} reads,
 * is only written at {@code full}, and so are incidents and the job log. Two kinds of record are left out by
 * default, since the case's own audit trail ({@code pa_determination}: criteria results, route, policy version
 * and decision table versions of every determination) already keeps what they would say:
 * <ul>
 *   <li>{@code kineret.history.decision-evaluations} (default {@code false}): Camunda's decision history
 *   ({@code ACT_HI_DECINST}, {@code ACT_HI_DEC_IN}, {@code ACT_HI_DEC_OUT}): about 120 rows per request, one
 *   decision instance for every catalogue look-up and criteria table. Cockpit's list of decision instances stays
 *   empty while it is off;</li>
 *   <li>{@code kineret.history.variable-details} (default {@code false}): one {@code ACT_HI_DETAIL} row for each
 *   change of a process variable (about 60 per request). The variables' last values stay in
 *   {@code ACT_HI_VARINST}.</li>
 * </ul>
 * The figures behind this are in {@code bench/README.md}. Either property set to {@code true} writes them again.
 */
@Component
public class HistoryWriteFilter extends AbstractProcessEnginePlugin {

    private final boolean decisionEvaluations;
    private final boolean variableDetails;

    /** @param properties {@code kineret.history.*} */
    @Autowired
    public HistoryWriteFilter(KineretProperties properties) {
        this(properties.history());
    }

    /** @param history what to write: Camunda's decision history, a history detail for each variable change */
    HistoryWriteFilter(KineretProperties.History history) {
        this.decisionEvaluations = history.decisionEvaluations();
        this.variableDetails = history.variableDetails();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (decisionEvaluations && variableDetails) {
            return;
        }
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        // a mutable list: other plugins (the Spring Boot starter's event publisher) add their handlers to it
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new FilteringDbHistoryEventHandler(decisionEvaluations, variableDetails));
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /** Camunda's database history handler, leaving out the records switched off. */
    static final class FilteringDbHistoryEventHandler extends DbHistoryEventHandler {

        private final boolean decisionEvaluations;
        private final boolean variableDetails;

        FilteringDbHistoryEventHandler(boolean decisionEvaluations, boolean variableDetails) {
            this.decisionEvaluations = decisionEvaluations;
            this.variableDetails = variableDetails;
        }

        @Override
        protected void insertHistoricDecisionEvaluationEvent(HistoricDecisionEvaluationEvent event) {
            if (decisionEvaluations) {
                super.insertHistoricDecisionEvaluationEvent(event);
            }
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return variableDetails && super.shouldWriteHistoricDetail(event);
        }
    }
}
