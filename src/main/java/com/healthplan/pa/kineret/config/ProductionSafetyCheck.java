package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.plan.KineretProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Start-up guard of profile {@code prod}: the application REFUSES TO START while a setting would be unsafe in
 * production. It is an {@link EnvironmentPostProcessor} (registered in {@code META-INF/spring.factories}), so it
 * runs once the configuration files and profiles are loaded and before any bean exists: nothing is created, no
 * database is touched, no port is opened. Outside profile {@code prod} it does nothing.
 *
 * <p>It refuses, all problems at once, in an {@link UnsafeProductionConfigurationException} whose message names
 * each setting (never a password):
 * <ul>
 *   <li>{@code kineret.demo-users.enabled} true: the demo users' passwords are their names, which are published
 *       in the README;</li>
 *   <li>{@code spring.datasource.url} absent or H2 ({@code jdbc:h2:}): an embedded or file database is not the
 *       production store (not shared, not backed up); production runs on PostgreSQL (profile {@code postgres});</li>
 *   <li>{@code camunda.bpm.admin-user.id} empty ({@code KINERET_ADMIN_USER}): nobody could administer the
 *       engine, and Camunda would create an administrator without a name;</li>
 *   <li>a password of {@code camunda.bpm.admin-user} or of {@code kineret.users[i]} that is empty, equal to its
 *       user id, or equal to one of the demo passwords {@link #DEMO_PASSWORDS} (compared ignoring case and
 *       surrounding blanks): such passwords are the first an attacker tries. (Camunda takes the admin's id as
 *       password when none is set, and so does this check.)</li>
 *   <li>{@code spring.datasource.password} ({@code DB_PASSWORD}) of a non-H2 database that is empty, the project's
 *       default {@link #DEFAULT_DB_PASSWORDS} or a demo password.</li>
 * </ul>
 * What the database holds (demo accounts with their demo passwords) is checked later, once the engine is up, by
 * {@link DemoAccountsCheck}.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor, Ordered {

    /** The profile this guard protects. */
    public static final String PROFILE = "prod";

    /** The demo users' names, which are also their passwords (see {@link IdentitySetup}). */
    public static final Set<String> DEMO_PASSWORDS =
            Set.of("admin", "intake", "intake2", "pharmacist", "physician", "physician2", "supervisor", "metrics");

    /** Database passwords that ship with the project (application-postgres.yml, docker-compose.yml). */
    public static final Set<String> DEFAULT_DB_PASSWORDS = Set.of("kineret");

    /** Runs after every other post-processor, so that it sees the final configuration. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Checks the environment when profile {@code prod} is active.
     *
     * @throws UnsafeProductionConfigurationException listing every unsafe setting
     */
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> problems = problems(Binder.get(environment));
        if (!problems.isEmpty()) {
            throw new UnsafeProductionConfigurationException(problems);
        }
    }

    /**
     * @param config the configuration
     * @return a sentence per unsafe setting, naming it; empty when the configuration is safe
     */
    static List<String> problems(Binder config) {
        List<String> problems = new ArrayList<>();
        if (config.bind("kineret.demo-users.enabled", Boolean.class).orElse(false)) {
            problems.add("kineret.demo-users.enabled is true: the demo users (password = user name) must not exist "
                    + "in production; set it to false");
        }
        String url = config.bind("spring.datasource.url", String.class).orElse("");
        if (url.isBlank()) {
            problems.add("spring.datasource.url is not set: an embedded database would be used; activate profile "
                    + "postgres and set DB_URL");
        } else if (url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            problems.add("spring.datasource.url is an H2 database (jdbc:h2:): production runs on PostgreSQL; "
                    + "activate profile postgres (--spring.profiles.active=postgres,prod) and set DB_URL");
        }
        if (!url.isBlank() && !url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            String dbPassword = config.bind("spring.datasource.password", String.class).orElse("");
            String normalized = dbPassword.trim().toLowerCase(Locale.ROOT);
            if (normalized.isEmpty()) {
                problems.add("spring.datasource.password (DB_PASSWORD) is empty");
            } else if (DEFAULT_DB_PASSWORDS.contains(normalized) || DEMO_PASSWORDS.contains(normalized)) {
                problems.add("spring.datasource.password (DB_PASSWORD) is a default password " + DEFAULT_DB_PASSWORDS
                        + " of this project's configuration or docker-compose.yml; set DB_PASSWORD");
            }
        }
        String adminId = config.bind("camunda.bpm.admin-user.id", String.class).orElse("");
        if (adminId.isBlank()) {
            problems.add("camunda.bpm.admin-user.id is empty: no administrator is configured; set KINERET_ADMIN_USER "
                    + "and KINERET_ADMIN_PASSWORD");
        } else {
            // Camunda's AdminUserProperty uses the id as password when none is given
            String adminPassword = config.bind("camunda.bpm.admin-user.password", String.class).orElse(adminId);
            checkPassword(problems, "camunda.bpm.admin-user.password (KINERET_ADMIN_PASSWORD) of user '"
                    + adminId + "'", adminId, adminPassword);
        }
        List<KineretProperties.User> users = config.bind("kineret.users",
                Bindable.listOf(KineretProperties.User.class)).orElse(List.of());
        for (int i = 0; i < users.size(); i++) {
            KineretProperties.User user = users.get(i);
            if (user.id() == null || user.id().isBlank()) {
                problems.add("kineret.users[" + i + "].id is empty");
                continue;
            }
            checkPassword(problems, "kineret.users[" + i + "].password (KINERET_USERS_" + i + "_PASSWORD) of user '"
                    + user.id() + "'", user.id(), user.password());
        }
        return problems;
    }

    private static void checkPassword(List<String> problems, String setting, String userId, String password) {
        String normalized = password == null ? "" : password.trim().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty()) {
            problems.add(setting + " is empty");
        } else if (normalized.equals(userId.trim().toLowerCase(Locale.ROOT))) {
            problems.add(setting + " equals the user id");
        } else if (DEMO_PASSWORDS.contains(normalized)) {
            problems.add(setting + " is one of the demo passwords " + DEMO_PASSWORDS.stream().sorted().toList());
        }
    }

    /** The refusal: the message lists every unsafe setting. */
    public static class UnsafeProductionConfigurationException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        /** @param problems a sentence per unsafe setting */
        public UnsafeProductionConfigurationException(List<String> problems) {
            super("Refusing to start with profile '" + PROFILE + "': " + problems.size() + " unsafe setting(s):\n - "
                    + String.join("\n - ", problems));
            this.problems = List.copyOf(problems);
        }

        /** @return a sentence per unsafe setting */
        public List<String> problems() {
            return problems;
        }
    }

    /** Prints the refusal as Spring Boot's "APPLICATION FAILED TO START" report instead of a stack trace. */
    public static class FailureReport extends AbstractFailureAnalyzer<UnsafeProductionConfigurationException> {

        /** @return the unsafe settings and what to do */
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionConfigurationException cause) {
            return new FailureAnalysis(cause.getMessage(), "Set the settings named above through the environment "
                    + "(README, section Production), or start without profile '" + PROFILE + "'.", cause);
        }
    }
}
