package com.healthplan.pa.kineret.process;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the review user tasks: requires {@code decision} = {@code APPROVED} or {@code DENIED}
 * and a plain-language {@code reason} (the basis of an adverse determination, or the rationale of an approval
 * that overrides open criteria); records who decided as process variable {@code decidedBy} (the authenticated
 * user, else the assignee).
 *
 * @throws ProcessEngineException when the decision or reason is missing or invalid; the task stays open
 */
@Component("reviewDecisionListener")
public class ReviewDecisionListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of("APPROVED", "DENIED");

    @Override
    public void notify(DelegateTask task) {
        Object decision = task.getVariable(ProcessConstants.VAR_DECISION);
        if (!(decision instanceof String d) || !DECISIONS.contains(d)) {
            throw new ProcessEngineException("decision must be APPROVED or DENIED, was " + decision);
        }
        Object reason = task.getVariable(ProcessConstants.VAR_REASON);
        if (!(reason instanceof String r) || r.isBlank()) {
            throw new ProcessEngineException("DENIED".equals(decision)
                    ? "a denial needs a plain-language reason"
                    : "an approval by a reviewer needs its rationale as reason");
        }
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String decidedBy = auth != null && auth.getUserId() != null ? auth.getUserId() : task.getAssignee();
        task.getExecution().setVariable(ProcessConstants.VAR_DECIDED_BY, decidedBy == null ? "unknown" : decidedBy);
    }
}
