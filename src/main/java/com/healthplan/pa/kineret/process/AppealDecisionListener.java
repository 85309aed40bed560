package com.healthplan.pa.kineret.process;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener of user task "Appeal review": {@code appealDecision} {@code UPHELD} or {@code OVERTURNED} with a
 * plain-language {@code appealDecisionReason}, decided by an authenticated member of {@code pa-physician-reviewers}
 * who is not the reviewer who made the denial (an appeal is heard by someone else: URAC / NCQA UM appeal
 * standards). Sets {@code appealDecidedBy} and {@code appealDecidedAt}; an overturn also sets {@code decidedBy}
 * and {@code reason} for the approval that follows. On assignment it refuses to give the appeal to the denier.
 *
 * @throws ProcessEngineException with a plain-language message when a rule is not met; the task stays open
 */
@Component("appealDecisionListener")
public class AppealDecisionListener implements TaskListener {

    /** Group whose members decide appeals. */
    public static final String PHYSICIAN_REVIEWERS = "pa-physician-reviewers";
    private static final Set<String> DECISIONS = Set.of("UPHELD", "OVERTURNED");

    @Override
    public void notify(DelegateTask task) {
        if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            if (task.getAssignee() != null && task.getAssignee().equals(task.getVariable(ProcessConstants.VAR_DECIDED_BY))) {
                throw new ProcessEngineException("The reviewer who made the denial cannot take its appeal.");
            }
            return;
        }
        Object decision = task.getVariable("appealDecision");
        if (!(decision instanceof String d) || !DECISIONS.contains(d)) {
            throw new ProcessEngineException("Choose an appeal decision: UPHELD or OVERTURNED.");
        }
        Object reason = task.getVariable("appealDecisionReason");
        if (!(reason instanceof String r) || r.isBlank()) {
            throw new ProcessEngineException("An appeal decision needs a plain-language reason.");
        }
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth == null || auth.getGroupIds() == null || !auth.getGroupIds().contains(PHYSICIAN_REVIEWERS)) {
            throw new ProcessEngineException("Only members of pa-physician-reviewers may decide an appeal.");
        }
        Object denier = task.getVariable(ProcessConstants.VAR_DECIDED_BY);
        if (auth.getUserId().equals(denier)) {
            throw new ProcessEngineException("The reviewer who made the denial cannot decide its appeal.");
        }
        task.getExecution().setVariable("appealDecidedBy", auth.getUserId());
        task.getExecution().setVariable("appealDecidedAt", ClockUtil.getCurrentTime());
        if ("OVERTURNED".equals(d)) {
            task.getExecution().setVariable(ProcessConstants.VAR_DECIDED_BY, auth.getUserId());
            task.getExecution().setVariable(ProcessConstants.VAR_REASON, r.trim());
        }
    }
}
