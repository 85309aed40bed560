package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.cases.Groups;
import com.healthplan.pa.kineret.fhir.subscription.NotificationProcess;
import com.healthplan.pa.kineret.process.ProcessConstants;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Least-privilege grants in Camunda's authorization service (with {@code camunda.bpm.authorization.enabled}),
 * created idempotently at start-up after {@link IdentitySetup}:
 * <ul>
 *   <li>{@code pa-intake}: nothing in Camunda (it works through {@code /api}; {@code /engine-rest} is closed to it
 *       by {@link EngineRestAccessFilter}).</li>
 *   <li>{@code pa-clinical-reviewers} and {@code pa-physician-reviewers}: Tasklist; the review filter; read the
 *       process definition, its instances and history, and the decision tables. Tasks of their candidate groups come
 *       with Camunda's default task permissions (read and work); no deployments, no admin.</li>
 *   <li>{@code pa-supervisors}: Cockpit and Tasklist; the review filter and the supervisor filters
 *       ({@value IdentitySetup#DEADLINES_AT_RISK_FILTER_NAME}, {@value IdentitySetup#OVERDUE_FILTER_NAME}, which
 *       reviewers cannot read); read the process, its instances, incidents and history, its
 *       tasks, and the decision tables; read the instances, incidents and history of the FHIR notification delivery
 *       ({@code kineret-fhir-notification}); claim its tasks (to reassign them) and assign them to a member of their
 *       candidate group ({@code TASK_WORK}, {@code TASK_ASSIGN}). No deployment, deletion or variable edits;
 *       completing a review and what an assignee could otherwise do to a task (variables, identity links,
 *       properties) are refused by {@link ReviewTaskGuard}.</li>
 *   <li>{@code camunda-admin}: everything (granted by the Camunda starter for {@code camunda.bpm.admin-user}).</li>
 * </ul>
 */
@Component
@Order(2)
public class AuthorizationGrants implements ApplicationRunner {

    private static final List<String> REVIEWERS = List.of(Groups.CLINICAL_REVIEWERS,
            Groups.PHYSICIAN_REVIEWERS);

    private final AuthorizationService authorizations;
    private final FilterService filters;

    /** Wires Camunda's services. */
    public AuthorizationGrants(AuthorizationService authorizations, FilterService filters) {
        this.authorizations = authorizations;
        this.filters = filters;
    }

    @Override
    public void run(ApplicationArguments args) {
        String reviewFilter = filters.createFilterQuery().filterName(IdentitySetup.REVIEW_FILTER_NAME).singleResult().getId();
        for (String group : REVIEWERS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, reviewFilter, Permissions.READ);
            grant(group, Resources.PROCESS_DEFINITION, ProcessConstants.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
            grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
            grant(group, Resources.USER, "*", Permissions.READ);
            grant(group, Resources.GROUP, "*", Permissions.READ);
        }
        String supervisors = Groups.SUPERVISORS;
        grant(supervisors, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(supervisors, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(supervisors, Resources.FILTER, reviewFilter, Permissions.READ);
        for (String name : List.of(IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME, IdentitySetup.OVERDUE_FILTER_NAME)) {
            grant(supervisors, Resources.FILTER, filters.createFilterQuery().filterName(name).singleResult().getId(),
                    Permissions.READ);
        }
        grant(supervisors, Resources.PROCESS_DEFINITION, ProcessConstants.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_ASSIGN,
                ProcessDefinitionPermissions.TASK_WORK);
        // the delivery of FHIR Subscription notifications: supervisors see its instances and incidents in Cockpit
        grant(supervisors, Resources.PROCESS_DEFINITION, NotificationProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(supervisors, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(supervisors, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        grant(supervisors, Resources.USER, "*", Permissions.READ);
        grant(supervisors, Resources.GROUP, "*", Permissions.READ);
    }

    /** Grants the permissions to the group on the resource, adding to an existing grant if there is one. */
    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
        Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(groupId);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}
