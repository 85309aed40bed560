package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.cases.Groups;
import com.healthplan.pa.kineret.process.ProcessConstants;
import com.healthplan.pa.kineret.process.ProcessVariables;
import com.healthplan.pa.kineret.process.Var;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Engine-side guard of the user tasks of process {@code kineret-prior-authorization}, whichever API a command
 * comes through ({@code /engine-rest}, Tasklist's {@code /camunda/api/engine}, Java). A process engine plugin that
 * adds a command interceptor inside the command context (so it sees the authenticated user and the task),
 * switches on {@code enableExceptionsAfterUnhandledBpmnError} (a BPMN error nobody catches fails instead of ending
 * the scope) and resolves Spring beans before process variables in expressions ({@link BeanFirstExpressionManager}:
 * a variable named like a bean can never stand in for it). Refusals are {@link BadUserRequestException}
 * or, for a completion, {@link FormFieldValidationException} (REST: 400; the complete listeners' refusals too, unwrapped)
 * for a request that breaks the review rules and {@link AuthorizationException} (REST: 403) for an
 * operation the caller's role does not have; either leaves the task and the case unchanged.
 * <ul>
 *   <li>{@code bpmnError} / {@code bpmnEscalation} on these tasks: refused for everybody (a review ends only by a
 *       completion that passes its complete listener).</li>
 *   <li>Completion ({@code complete}, {@code submit-form}, {@code resolve}): only by a member of one of the task's
 *       candidate groups (or {@code camunda-admin}, whom the complete listeners then refuse as a decider), so that
 *       {@code pa-supervisors}, who hold {@code TASK_WORK} to claim, cannot complete a review; only the task form's own fields may be
 *       set ({@link #EDITABLE}); any other variable is accepted only when it repeats the value the variable has
 *       (Tasklist sends the form's read-only fields back) or is an empty value of an absent variable, and is then
 *       not written. Anything else, e.g. {@code caseId}, {@code requestType}, {@code decidedBy}, or a variable
 *       named like a Spring bean, is refused with the names.</li>
 *   <li>Writing or removing variables of these tasks or of the process's executions (task and execution variable
 *       APIs), identity links (candidate users and groups), owner, delegation and its {@code resolve}, task
 *       properties (name, description, due and follow-up date, priority, {@code PUT /task/{id}}), attachments
 *       (added or removed) and changing or removing comments: {@code camunda-admin} only.</li>
 *   <li>Claim and assignment: the new assignee must be a member of one of the task's candidate groups or of
 *       {@code pa-supervisors} (who claim to reassign), so work rights cannot be handed to anybody else.</li>
 *   <li>Deleting one's own user account: refused for everybody.</li>
 * </ul>
 * Calls without an authenticated user (the application's own services, the job executor) pass, except the first
 * two rules, which hold for every caller.
 */
@Component
public class ReviewTaskGuard extends AbstractProcessEnginePlugin {

    private final ApplicationContext applicationContext;

    /** @param applicationContext the Spring beans that process expressions call */
    public ReviewTaskGuard(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    /** Per task definition key: the variables a completion may set (the task form's input fields). */
    public static final Map<String, Set<String>> EDITABLE = Map.of(
            ProcessConstants.TASK_CLINICAL_REVIEW, names(ProcessVariables.DECISION, ProcessVariables.REASON,
                    ProcessVariables.DENIED_CRITERIA, ProcessVariables.INFORMATION_REQUESTED),
            ProcessConstants.TASK_MEDICAL_EXCEPTION_REVIEW, names(ProcessVariables.DECISION, ProcessVariables.REASON,
                    ProcessVariables.DENIED_CRITERIA, ProcessVariables.INFORMATION_REQUESTED),
            ProcessConstants.TASK_APPEAL_REVIEW,
            names(ProcessVariables.APPEAL_DECISION, ProcessVariables.APPEAL_DECISION_REASON),
            ProcessConstants.TASK_DEADLINE_AT_RISK, Set.of());

    private static Set<String> names(Var<?>... variables) {
        return java.util.Arrays.stream(variables).map(Var::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReviewTaskGuard.class);
    private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();
    private static final int MAX_NAMES_IN_MESSAGE = 10;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableExceptionsAfterUnhandledBpmnError(true);
        configuration.setExpressionManager(new BeanFirstExpressionManager(applicationContext));
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new Interceptor());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    /** Checks each command before it runs, inside its command context. */
    static final class Interceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            check(command, Context.getCommandContext());
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                throw completionRefusal(command, e);
            }
        }
    }

    /**
     * A complete listener's refusal ({@link FormFieldValidationException}) reaches the caller as itself (REST: 400
     * with the listener's message) instead of wrapped by the engine's listener invocation (REST: 500); it is logged at
     * INFO with the task id.
     */
    static ProcessEngineException completionRefusal(Command<?> command, ProcessEngineException e) {
        if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof FormFieldValidationException refusal) {
                    // the listeners' messages name rules and criterion IDs only, never request data
                    LOG.info("Refused completion of task {}: {}", read(command, "taskId"), refusal.getMessage());
                    return refusal;
                }
            }
        }
        return e;
    }

    static void check(Command<?> command, CommandContext context) {
        if (context == null) {
            return;
        }
        if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            TaskEntity task = task(context, readString(command, "taskId"));
            if (task != null && ours(task)) {
                throw new BadUserRequestException("Refused: task '" + task.getName() + "' of the prior-authorization "
                        + "process ends only by completing it with a decision; BPMN errors and escalations are not "
                        + "accepted on it.");
            }
        } else if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
            TaskEntity task = task(context, readString(command, "taskId"));
            if (task != null && ours(task)) {
                if (!privileged(context)) {
                    if (command instanceof ResolveTaskCmd) {
                        throw forbidden("Delegation of the prior-authorization tasks is camunda-admin's, and so is "
                                + "resolving them.");
                    }
                    checkCandidate(context, task);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> variables = (Map<String, Object>) read(command,
                        command instanceof SubmitTaskFormCmd ? "properties" : "variables");
                checkCompletion(task, variables);
            }
        } else if (command instanceof AbstractVariableCmd || command instanceof AbstractPatchVariablesCmd) {
            if (!privileged(context)) {
                String entityId = readString(command, "entityId");
                boolean onTask = command.getClass().getSimpleName().contains("Task");
                if (onTask ? isOurTask(context, entityId) : isOurExecution(context, entityId)) {
                    throw forbidden("Variables of the prior-authorization process are written by the process and by "
                            + "the review forms' completion only; changing them is reserved to camunda-admin.");
                }
            }
        } else if (command instanceof AssignTaskCmd || command instanceof ClaimTaskCmd) {
            if (!privileged(context)) {
                TaskEntity task = task(context, readString(command, "taskId"));
                String assignee = readString(command, "userId");
                if (task != null && ours(task) && assignee != null) {
                    checkAssignee(context, task, assignee);
                }
            }
        } else if (command instanceof AbstractSetTaskPropertyCmd || command instanceof DeleteIdentityLinkCmd
                || command instanceof DelegateTaskCmd) {
            if (!privileged(context) && isOurTask(context, readString(command, "taskId"))) {
                throw forbidden("Candidate users and groups, owner, delegation and task properties of the "
                        + "prior-authorization tasks are changed by camunda-admin only.");
            }
        } else if (command instanceof CreateAttachmentCmd || command instanceof DeleteAttachmentCmd
                || command instanceof DeleteTaskCommentCmd || command instanceof UpdateCommentCmd) {
            if (!privileged(context) && onOurCase(context, command)) {
                throw forbidden("Attachments of the prior-authorization cases, and changes to or removal of their "
                        + "comments, are camunda-admin's.");
            }
        } else if (command instanceof SaveTaskCmd) {
            TaskEntity task = (TaskEntity) read(command, "task");
            if (!privileged(context) && task != null && task.getId() != null && isOurTask(context, task.getId())) {
                throw forbidden("Tasks of the prior-authorization process are changed by camunda-admin only.");
            }
        } else if (command instanceof DeleteUserCmd) {
            Authentication auth = context.getAuthentication();
            if (auth != null && auth.getUserId() != null && auth.getUserId().equals(read(command, "userId"))) {
                throw forbidden("A user cannot delete their own account.");
            }
        }
    }

    /** Whether an attachment or comment command concerns a task or process instance of this process. */
    private static boolean onOurCase(CommandContext context, Command<?> command) {
        String taskId = readString(command, "taskId");
        String processInstanceId = command instanceof DeleteTaskCommentCmd || command instanceof DeleteAttachmentCmd
                ? null : readString(command, "processInstanceId");
        if (command instanceof DeleteAttachmentCmd && taskId == null) {
            AttachmentEntity attachment = context.getDbEntityManager().selectById(AttachmentEntity.class,
                    readString(command, "attachmentId"));
            taskId = attachment == null ? null : attachment.getTaskId();
            processInstanceId = attachment == null ? null : attachment.getProcessInstanceId();
        }
        return isOurTask(context, taskId) || isOurExecution(context, processInstanceId);
    }

    private static void checkCompletion(TaskEntity task, Map<String, Object> variables) {
        if (variables == null || variables.isEmpty()) {
            return;
        }
        Set<String> editable = EDITABLE.getOrDefault(task.getTaskDefinitionKey(), Set.of());
        Set<String> refused = new TreeSet<>();
        List<String> repeated = new ArrayList<>();
        for (Map.Entry<String, Object> entry : variables.entrySet()) {
            String name = entry.getKey();
            if (editable.contains(name)) {
                continue;
            }
            if (repeatsCurrentValue(task, name, entry.getValue())) {
                repeated.add(name);
            } else {
                refused.add(name.length() > 64 ? name.substring(0, 64) + "…" : name);
            }
        }
        if (!refused.isEmpty()) {
            List<String> shown = refused.stream().limit(MAX_NAMES_IN_MESSAGE).toList();
            throw new FormFieldValidationException(shown, "Refused: completing '" + task.getName() + "' may set only "
                    + (editable.isEmpty() ? "no variables" : new TreeSet<>(editable)) + "; these are set by the process "
                    + "and cannot be changed here: " + shown + (refused.size() > shown.size()
                    ? " and " + (refused.size() - shown.size()) + " more" : "") + ". Nothing was changed.");
        }
        try {
            variables.keySet().removeAll(repeated);
        } catch (UnsupportedOperationException immutable) {
            // the repeated values equal the stored ones: writing them again changes nothing
        }
    }

    private static boolean repeatsCurrentValue(TaskEntity task, String name, Object submitted) {
        Object value;
        try {
            value = submitted instanceof TypedValue typed ? typed.getValue() : submitted;
        } catch (RuntimeException notDeserialisable) {
            return false;
        }
        if (!task.hasVariable(name)) {
            return blank(value);
        }
        Object current;
        try {
            current = task.getVariable(name);
        } catch (RuntimeException notDeserialisable) {
            return false;
        }
        if (Objects.equals(current, value) || current == null && blank(value)) {
            return true;
        }
        return current != null && value != null && (current instanceof String || current instanceof Number
                || current instanceof Boolean) && current.toString().equals(value.toString());
    }

    /** A form field left empty: null or the empty string (forms send either for a variable without a value). */
    private static boolean blank(Object value) {
        return value == null || value instanceof String s && s.isEmpty();
    }

    /** The completing user must be a member of one of the task's candidate groups (supervisors hold TASK_WORK to claim). */
    private static void checkCandidate(CommandContext context, TaskEntity task) {
        Set<String> candidates = candidateGroups(task);
        List<String> groups = context.getAuthentication().getGroupIds();
        if (groups == null || groups.stream().noneMatch(candidates::contains)) {
            throw forbidden("Task '" + task.getName() + "' is completed only by a member of " + candidates
                    + ". Nothing was changed.");
        }
    }

    private static Set<String> candidateGroups(TaskEntity task) {
        Set<String> groups = new TreeSet<>();
        for (IdentityLinkEntity link : task.getIdentityLinks()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return groups;
    }

    private static void checkAssignee(CommandContext context, TaskEntity task, String assignee) {
        Set<String> allowed = candidateGroups(task);
        allowed.add(Groups.SUPERVISORS);
        boolean member = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
                .getIdentityService().createGroupQuery().groupMember(assignee).list().stream()
                .anyMatch(g -> allowed.contains(g.getId())));
        if (!member) {
            throw forbidden("Task '" + task.getName() + "' can be given only to a member of " + allowed + ".");
        }
    }

    private static boolean privileged(CommandContext context) {
        Authentication auth = context.getAuthentication();
        return auth == null || auth.getUserId() == null || context.getAuthorizationManager().isCamundaAdmin(auth);
    }

    private static AuthorizationException forbidden(String message) {
        return new AuthorizationException("Refused: " + message);
    }

    private static TaskEntity task(CommandContext context, String taskId) {
        return taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    }

    private static boolean isOurTask(CommandContext context, String taskId) {
        TaskEntity task = task(context, taskId);
        return task != null && ours(task);
    }

    private static boolean isOurExecution(CommandContext context, String executionId) {
        if (executionId == null) {
            return false;
        }
        ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
        return execution != null && isOurDefinition(execution.getProcessDefinitionId());
    }

    private static boolean ours(TaskEntity task) {
        return isOurDefinition(task.getProcessDefinitionId());
    }

    private static boolean isOurDefinition(String processDefinitionId) {
        if (processDefinitionId == null) {
            return false;
        }
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(processDefinitionId);
        return definition != null && ProcessConstants.PROCESS_KEY.equals(definition.getKey());
    }

    /** Reads a field of one of Camunda's command classes (they do not expose their arguments). */
    private static String readString(Object command, String name) {
        return String.class.cast(read(command, name));
    }

    private static Object read(Object command, String name) {
        Field field = FIELDS.computeIfAbsent(command.getClass().getName() + "#" + name, key -> find(command.getClass(), name));
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(), e);
        }
    }

    private static Field find(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        // fail closed: a Camunda upgrade that renames the field stops the command instead of letting it through
        throw new IllegalStateException("Camunda command " + type.getName() + " has no field " + name);
    }
}
