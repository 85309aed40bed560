package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.plan.KineretProperties;
import org.springframework.beans.factory.annotation.Autowired;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.cases.Groups;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The service's users from configuration ({@code kineret.users}, a list), created or brought up to date at every
 * start in Camunda's identity service: password, first and last name, e-mail, and the memberships in the groups
 * this service manages ({@link #MANAGED_GROUPS}: the PA groups and {@code camunda-admin}; the user leaves a managed
 * group no longer listed for it), and the user's organisation ({@code organisation}, optional): a Camunda group of
 * type {@value com.healthplan.pa.kineret.cases.CaseScope#ORGANISATION_TYPE}, created when missing, whose intake
 * accounts see each other's cases ({@link com.healthplan.pa.kineret.cases.CaseScope}); the user leaves any other
 * organisation group. Groups outside that set are refused at start-up, as are an organisation named like one of them,
 * users without id or password and duplicate ids; an existing group of another type named as an organisation is
 * refused when the users are synchronised. Users that are not configured (e.g. created in the Admin webapp) are not
 * touched.
 *
 * <p>In the environment: {@code KINERET_USERS_0_ID}, {@code KINERET_USERS_0_PASSWORD},
 * {@code KINERET_USERS_0_GROUPS=pa-intake} (comma-separated), {@code KINERET_USERS_0_ORGANISATION},
 * {@code KINERET_USERS_0_FIRST_NAME}, ... A list is
 * bound whole from the one property source that has it, so give a user list either in the environment or in a
 * config file (with passwords as placeholders of other names, e.g. {@code ${KINERET_INTAKE_PASSWORD}}), not
 * half in each.
 */
@Component
public class ConfiguredUsers implements ApplicationRunner {

    /** The groups a configured user may be given; the memberships of these groups are synchronised. */
    public static final Set<String> MANAGED_GROUPS = Set.of(Groups.INTAKE,
            Groups.CLINICAL_REVIEWERS, Groups.PHYSICIAN_REVIEWERS,
            Groups.SUPERVISORS, Groups.METRICS, Groups.ADMIN);

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredUsers.class);

    private final IdentityService identity;
    private final List<KineretProperties.User> users;

    /**
     * Checks the configured users; nothing is written before {@link #run}.
     *
     * @throws IllegalStateException naming the setting, for a user without id or password, a duplicate id or a
     *                               group outside {@link #MANAGED_GROUPS}
     */
    @Autowired
    public ConfiguredUsers(IdentityService identity, KineretProperties properties) {
        this(identity, properties.users());
    }

    /**
     * @param users the users to keep in Camunda's identity ({@code kineret.users})
     * @throws IllegalStateException as {@link #ConfiguredUsers(IdentityService, KineretProperties)}
     */
    public ConfiguredUsers(IdentityService identity, List<KineretProperties.User> users) {
        this.identity = identity;
        this.users = List.copyOf(users);
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            KineretProperties.User user = users.get(i);
            String setting = "kineret.users[" + i + "]";
            if (user.id() == null || user.id().isBlank()) {
                problems.add(setting + ".id is empty");
            } else if (!ids.add(user.id())) {
                problems.add(setting + ".id '" + user.id() + "' is configured more than once");
            }
            if (user.password() == null || user.password().isBlank()) {
                problems.add(setting + ".password is empty");
            }
            for (String group : user.groups()) {
                if (!MANAGED_GROUPS.contains(group)) {
                    problems.add(setting + ".groups: unknown group '" + group + "' (allowed: "
                            + MANAGED_GROUPS.stream().sorted().toList() + ")");
                }
            }
            if (user.organisation() != null && MANAGED_GROUPS.contains(user.organisation())) {
                problems.add(setting + ".organisation: '" + user.organisation() + "' is a role group, not an organisation");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid configured users: " + String.join("; ", problems));
        }
    }

    /** Runs once at start-up, after the process engine has started: see {@link #synchronize()}. */
    @Override
    public void run(ApplicationArguments args) {
        synchronize();
    }

    /** Creates or updates every configured user and its memberships; idempotent. */
    public void synchronize() {
        for (KineretProperties.User entry : users) {
            User user = identity.createUserQuery().userId(entry.id()).singleResult();
            boolean created = user == null;
            if (created) {
                user = identity.newUser(entry.id());
            }
            user.setFirstName(entry.firstName());
            user.setLastName(entry.lastName());
            user.setEmail(entry.email());
            user.setPassword(entry.password());
            identity.saveUser(user);
            for (String group : MANAGED_GROUPS) {
                boolean member = identity.createUserQuery().userId(entry.id()).memberOfGroup(group).count() > 0;
                if (entry.groups().contains(group) && !member) {
                    ensureGroup(group);
                    identity.createMembership(entry.id(), group);
                } else if (!entry.groups().contains(group) && member) {
                    identity.deleteMembership(entry.id(), group);
                }
            }
            synchronizeOrganisation(entry);
            LOG.info("{} configured user {} with groups {} and organisation {}", created ? "Created" : "Updated",
                    entry.id(), entry.groups(), entry.organisation());
        }
    }

    /** Makes the entry's organisation the user's only organisation group (none when not configured). */
    private void synchronizeOrganisation(KineretProperties.User entry) {
        String wanted = entry.organisation() == null || entry.organisation().isBlank() ? null : entry.organisation().trim();
        if (wanted != null) {
            Group group = identity.createGroupQuery().groupId(wanted).singleResult();
            if (group == null) {
                group = identity.newGroup(wanted);
                group.setName(wanted);
                group.setType(CaseScope.ORGANISATION_TYPE);
                identity.saveGroup(group);
            } else if (!CaseScope.ORGANISATION_TYPE.equals(group.getType())) {
                throw new IllegalStateException("kineret.users organisation '" + wanted + "' of user " + entry.id()
                        + " is a group of type '" + group.getType() + "', not '" + CaseScope.ORGANISATION_TYPE + "'");
            }
            if (identity.createUserQuery().userId(entry.id()).memberOfGroup(wanted).count() == 0) {
                identity.createMembership(entry.id(), wanted);
            }
        }
        for (Group other : identity.createGroupQuery().groupMember(entry.id()).groupType(CaseScope.ORGANISATION_TYPE).list()) {
            if (!other.getId().equals(wanted)) {
                identity.deleteMembership(entry.id(), other.getId());
            }
        }
    }

    private void ensureGroup(String id) {
        if (identity.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(Groups.ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }
}
