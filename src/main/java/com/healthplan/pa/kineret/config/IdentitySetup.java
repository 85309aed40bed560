package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.cases.Groups;
import com.healthplan.pa.kineret.notices.ReviewerDirectory;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.process.ProcessConstants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates, idempotently at start-up, the PA groups in Camunda's identity service, the Tasklist filter
 * "My review tasks" (tasks of the current user's candidate groups and their own, earliest due date first), the
 * supervisor filters {@value #DEADLINES_AT_RISK_FILTER_NAME} and {@value #OVERDUE_FILTER_NAME} (read granted to
 * {@code pa-supervisors} by {@link AuthorizationGrants}), and — when
 * {@code kineret.demo-users.enabled} is true (default profile) — the demo users of the README, each with the
 * password equal to its name (the reviewers with their credential, user info {@code credential}, for the
 * determination notices), and two demo organisations (Camunda groups of type
 * {@value com.healthplan.pa.kineret.cases.CaseScope#ORGANISATION_TYPE}): {@code intake} belongs to
 * {@value #DEMO_ORGANISATION_NORTH}, {@code intake2} to {@value #DEMO_ORGANISATION_SOUTH}, so each sees only its own
 * organisation's cases ({@link com.healthplan.pa.kineret.cases.CaseScope}). The {@code admin} user comes from
 * {@code camunda.bpm.admin-user}.
 */
@Component
@org.springframework.core.annotation.Order(1)
public class IdentitySetup implements ApplicationRunner {

    /** Name of the Tasklist filter that shows each reviewer the tasks of their groups. */
    public static final String REVIEW_FILTER_NAME = "My review tasks";

    /**
     * Name of the supervisors' Tasklist filter of open follow-up tasks "Decision deadline at risk"
     * ({@code Task_DeadlineAtRisk}: 75 % of the decision deadline has passed) whose decision deadline is still ahead.
     */
    public static final String DEADLINES_AT_RISK_FILTER_NAME = "Deadlines at risk";

    /**
     * Name of the supervisors' Tasklist filter of open review tasks ("Clinical review", "Medical exception review")
     * whose decision deadline (the task's due date) has passed.
     */
    public static final String OVERDUE_FILTER_NAME = "Overdue cases";

    /** Demo organisation of the intake account {@code intake}. */
    public static final String DEMO_ORGANISATION_NORTH = "org-demo-north";
    /** Demo organisation of the intake account {@code intake2}. */
    public static final String DEMO_ORGANISATION_SOUTH = "org-demo-south";

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

    private static final Map<String, String> GROUPS = Map.of(
            Groups.INTAKE, "PA intake systems",
            Groups.CLINICAL_REVIEWERS, "PA clinical reviewers",
            Groups.PHYSICIAN_REVIEWERS, "PA physician reviewers",
            Groups.SUPERVISORS, "PA supervisors",
            Groups.METRICS, "PA metrics scrape");

    private static final Map<String, String> DEMO_ORGANISATIONS = Map.of(
            DEMO_ORGANISATION_NORTH, "Northside Clinic (demo)",
            DEMO_ORGANISATION_SOUTH, "Southside Pharmacy (demo)");

    private static final Map<String, List<String>> DEMO_USERS = demoUsers();

    /**
     * The demo reviewers' credentials (Camunda user info {@value ReviewerDirectory#CREDENTIAL}), printed with their
     * name on the determination notices they decide.
     */
    private static final Map<String, String> DEMO_CREDENTIALS = Map.of(
            "pharmacist", "PharmD, clinical pharmacist",
            "physician", "MD, physician reviewer",
            "physician2", "MD, physician reviewer");

    private final IdentityService identity;
    private final FilterService filters;
    private final TaskService tasks;
    private final boolean demoUsers;

    /** @param properties {@code kineret.demo-users.enabled}: whether to create the demo users */
    public IdentitySetup(IdentityService identity, FilterService filters, TaskService tasks,
                         KineretProperties properties) {
        this.identity = identity;
        this.filters = filters;
        this.tasks = tasks;
        this.demoUsers = properties.demoUsers().enabled();
    }

    private static Map<String, List<String>> demoUsers() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        users.put("intake", List.of(Groups.INTAKE, DEMO_ORGANISATION_NORTH));
        // an intake system of another organisation, which must not see intake's cases
        users.put("intake2", List.of(Groups.INTAKE, DEMO_ORGANISATION_SOUTH));
        users.put("pharmacist", List.of(Groups.CLINICAL_REVIEWERS));
        users.put("physician", List.of(Groups.CLINICAL_REVIEWERS, Groups.PHYSICIAN_REVIEWERS));
        // a second physician, so that an appeal can be heard by someone other than the physician who denied
        users.put("physician2", List.of(Groups.CLINICAL_REVIEWERS, Groups.PHYSICIAN_REVIEWERS));
        users.put("supervisor", List.of(Groups.SUPERVISORS));
        // a monitoring system: reads /actuator/prometheus only
        users.put("metrics", List.of(Groups.METRICS));
        return users;
    }

    /** Runs once at start-up, after the process engine has started and deployed the processes. */
    @Override
    public void run(ApplicationArguments args) {
        GROUPS.forEach((id, name) -> ensureGroup(id, name, "WORKFLOW"));
        if (demoUsers) {
            DEMO_ORGANISATIONS.forEach((id, name) -> ensureGroup(id, name,
                    com.healthplan.pa.kineret.cases.CaseScope.ORGANISATION_TYPE));
            DEMO_USERS.forEach(this::ensureDemoUser);
        }
        ensureReviewFilter();
        ensureSupervisorFilters();
    }

    private void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void ensureDemoUser(String id, List<String> groups) {
        if (identity.createUserQuery().userId(id).singleResult() == null) {
            User user = identity.newUser(id);
            user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
            user.setLastName("(demo)");
            user.setPassword(id);
            user.setEmail(id + "@demo.invalid");
            identity.saveUser(user);
            LOG.info("Created demo user {}", id);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
        String credential = DEMO_CREDENTIALS.get(id);
        if (credential != null && !credential.equals(identity.getUserInfo(id, ReviewerDirectory.CREDENTIAL))) {
            identity.setUserInfo(id, ReviewerDirectory.CREDENTIAL, credential);
        }
    }

    /** Creates the filter, or brings an existing one up to date (query, sorting, columns). */
    private void ensureReviewFilter() {
        Filter existing = filters.createFilterQuery().filterName(REVIEW_FILTER_NAME).singleResult();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", "Review tasks of my groups and tasks assigned to me");
        properties.put("priority", -10);
        properties.put("refresh", true);
        properties.put("variables", List.of(
                Map.of("name", "requestId", "label", "Request"),
                Map.of("name", "indication", "label", "Indication"),
                Map.of("name", "route", "label", "Route"),
                Map.of("name", "openCriteria", "label", "Open criteria")));
        Filter filter = (existing != null ? existing : filters.newTaskFilter(REVIEW_FILTER_NAME))
                .setProperties(properties)
                .setQuery(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().orderByDueDate().asc().orderByTaskPriority().desc());
        filters.saveFilter(filter);
    }

    /**
     * Creates the supervisor filters, or brings existing ones up to date. Both compare the task's due date (the case's
     * decision deadline, {@code pa_request.due_by}) with {@code ${now()}}, an expression the engine evaluates each
     * time the filter runs (Camunda 7 filter queries with date expressions), so a case moves from
     * {@value #DEADLINES_AT_RISK_FILTER_NAME} to {@value #OVERDUE_FILTER_NAME} when its deadline passes, whether
     * or not timer "Decision deadline passed" has fired yet. Earliest due date first.
     */
    private void ensureSupervisorFilters() {
        List<Map<String, String>> columns = List.of(
                Map.of("name", "requestId", "label", "Request"),
                Map.of("name", "indication", "label", "Indication"),
                Map.of("name", "urgency", "label", "Urgency"),
                Map.of("name", "deadlineSummary", "label", "Due by"));
        saveFilter(DEADLINES_AT_RISK_FILTER_NAME,
                "Decision deadline at risk: 75 % of the deadline has passed, no determination yet", -9, columns,
                tasks.createTaskQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY)
                        .taskDefinitionKey(ProcessConstants.TASK_DEADLINE_AT_RISK)
                        .dueAfterExpression("${now()}")
                        .orderByDueDate().asc().orderByTaskPriority().desc());
        saveFilter(OVERDUE_FILTER_NAME,
                "Review tasks past their decision deadline", -8, columns,
                tasks.createTaskQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY)
                        .taskDefinitionKeyIn(ProcessConstants.TASK_CLINICAL_REVIEW,
                                ProcessConstants.TASK_MEDICAL_EXCEPTION_REVIEW)
                        .dueBeforeExpression("${now()}")
                        .orderByDueDate().asc().orderByTaskPriority().desc());
    }

    private void saveFilter(String name, String description, int priority, List<Map<String, String>> columns,
                            TaskQuery query) {
        Filter existing = filters.createFilterQuery().filterName(name).singleResult();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("variables", columns);
        filters.saveFilter((existing != null ? existing : filters.newTaskFilter(name))
                .setProperties(properties).setQuery(query));
    }
}
