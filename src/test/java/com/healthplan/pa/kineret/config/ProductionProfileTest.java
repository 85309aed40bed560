package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.KineretPriorAuthorizationApplication;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Profile {@code prod}: the application refuses to start for each unsafe setting ({@link ProductionSafetyCheck})
 * and starts with safe ones on PostgreSQL, with users and administrator from (simulated) environment variables,
 * security headers, secure cookies, no API docs and no demo users.
 */
class ProductionProfileTest {

    private static final String ADMIN_PASSWORD = "Adm1n-only-in-tests-7Qx";
    private static final String INTAKE_PASSWORD = "Intake-only-in-tests-4Rw";
    private static final String REVIEWER_PASSWORD = "Reviewer-only-in-tests-9Kp";
    private static final String SUPERVISOR_PASSWORD = "Supervisor-only-in-tests-2Lm";

    private static ConfigurableApplicationContext app;
    private static ApiClient api;

    /** The production environment of the safe start: administrator and three users. */
    private static Map<String, String> safeEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("KINERET_ADMIN_USER", "opsadmin");
        env.put("KINERET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("KINERET_USERS_0_ID", "intakesystem");
        env.put("KINERET_USERS_0_PASSWORD", INTAKE_PASSWORD);
        env.put("KINERET_USERS_0_GROUPS", "pa-intake");
        env.put("KINERET_USERS_0_ORGANISATION", "northside");
        env.put("KINERET_USERS_1_ID", "annareviewer");
        env.put("KINERET_USERS_1_PASSWORD", REVIEWER_PASSWORD);
        env.put("KINERET_USERS_1_GROUPS", "pa-clinical-reviewers,pa-physician-reviewers");
        env.put("KINERET_USERS_1_FIRST_NAME", "Anna");
        env.put("KINERET_USERS_1_LAST_NAME", "Reviewer");
        env.put("KINERET_USERS_1_EMAIL", "anna@pa.healthplan.example");
        env.put("KINERET_USERS_2_ID", "samsupervisor");
        env.put("KINERET_USERS_2_PASSWORD", SUPERVISOR_PASSWORD);
        env.put("KINERET_USERS_2_GROUPS", "pa-supervisors");
        env.put("DB_PASSWORD", "Db-only-in-tests-5Tz");
        return env;
    }

    /** Arguments of every start: PostgreSQL and production profile, random port, no job executor. */
    private static List<String> arguments(String profiles, String datasourceUrl) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=" + profiles, "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false"));
        if (datasourceUrl != null) {
            args.add("--spring.datasource.url=" + datasourceUrl);
        }
        return args;
    }

    /** Starts the application with exactly the given environment variables (the real ones are left out). */
    static ConfigurableApplicationContext start(Map<String, String> env, List<String> args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(env)));
        return new SpringApplicationBuilder(KineretPriorAuthorizationApplication.class).environment(environment)
                .run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void startSafely() {
        EmbeddedPostgres pg = EmbeddedPostgres15.server();
        List<String> args = arguments("postgres,prod", pg.getJdbcUrl("postgres", "postgres"));
        args.add("--spring.datasource.username=postgres");
        args.add("--spring.datasource.password=postgres");
        app = start(safeEnvironment(), args);
        api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static Stream<Arguments> unsafeSettings() {
        String pg = "jdbc:postgresql://127.0.0.1:1/unreachable";
        return Stream.of(
                Arguments.of("demo password of a user", Map.of("KINERET_USERS_0_PASSWORD", "pharmacist"),
                        arguments("postgres,prod", pg), "kineret.users[0].password", "demo passwords"),
                Arguments.of("demo password of the admin, other case", Map.of("KINERET_ADMIN_PASSWORD", " Admin "),
                        arguments("postgres,prod", pg), "camunda.bpm.admin-user.password", "demo passwords"),
                Arguments.of("password equal to the user id", Map.of("KINERET_USERS_1_PASSWORD", "annareviewer"),
                        arguments("postgres,prod", pg), "kineret.users[1].password", "equals the user id"),
                Arguments.of("admin password equal to its id", Map.of("KINERET_ADMIN_PASSWORD", "opsadmin"),
                        arguments("postgres,prod", pg), "camunda.bpm.admin-user.password", "equals the user id"),
                Arguments.of("empty user password", Map.of("KINERET_USERS_2_PASSWORD", ""),
                        arguments("postgres,prod", pg), "kineret.users[2].password", "is empty"),
                Arguments.of("admin password not set", Map.of("KINERET_ADMIN_PASSWORD", ""),
                        arguments("postgres,prod", pg), "camunda.bpm.admin-user.password", "is empty"),
                Arguments.of("demo users enabled", Map.of(),
                        withArgument(arguments("postgres,prod", pg), "--kineret.demo-users.enabled=true"),
                        "kineret.demo-users.enabled", "is true"),
                Arguments.of("H2 file database (profile postgres forgotten)", Map.of(),
                        arguments("prod", null), "spring.datasource.url", "H2"),
                Arguments.of("H2 in-memory database", Map.of(),
                        arguments("postgres,prod", "jdbc:h2:mem:prod-test"), "spring.datasource.url", "H2"),
                Arguments.of("no admin user", Map.of("KINERET_ADMIN_USER", ""),
                        arguments("postgres,prod", pg), "camunda.bpm.admin-user.id", "no administrator"),
                Arguments.of("default database password", Map.of("DB_PASSWORD", "kineret"),
                        arguments("postgres,prod", pg), "spring.datasource.password", "default password"),
                Arguments.of("empty database password", Map.of("DB_PASSWORD", ""),
                        arguments("postgres,prod", pg), "spring.datasource.password", "is empty"));
    }

    private static List<String> withArgument(List<String> args, String argument) {
        args.add(argument);
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeSettings")
    void refusesToStart(String description, Map<String, String> change, List<String> args, String setting,
                        String reason) {
        Map<String, String> env = safeEnvironment();
        env.putAll(change);
        Assertions.assertThatThrownBy(() -> start(env, args).close())
                .isInstanceOf(ProductionSafetyCheck.UnsafeProductionConfigurationException.class)
                .hasMessageContaining("Refusing to start with profile 'prod'")
                .hasMessageContaining(setting)
                .hasMessageContaining(reason)
                .satisfies(e -> Assertions.assertThat(
                        ((ProductionSafetyCheck.UnsafeProductionConfigurationException) e).problems()).hasSize(1));
    }

    @Test
    void namesEveryUnsafeSettingAtOnceAndNoPassword() {
        Map<String, String> env = safeEnvironment();
        env.put("KINERET_USERS_0_PASSWORD", "Supervisor");
        env.put("KINERET_USERS_1_PASSWORD", "ANNAREVIEWER");
        List<String> args = withArgument(arguments("prod", null), "--kineret.demo-users.enabled=true");
        Assertions.assertThatThrownBy(() -> start(env, args).close())
                .isInstanceOf(ProductionSafetyCheck.UnsafeProductionConfigurationException.class)
                .hasMessageContainingAll("kineret.users[0].password", "kineret.users[1].password",
                        "kineret.demo-users.enabled", "spring.datasource.url")
                .hasMessageNotContaining("Supervisor")
                .hasMessageNotContaining("ANNAREVIEWER")
                .hasMessageNotContaining(ADMIN_PASSWORD);
    }

    @Test
    void configuredUsersAndAdministratorAuthenticate() {
        for (String[] user : new String[][] {{"intakesystem", INTAKE_PASSWORD}, {"annareviewer", REVIEWER_PASSWORD},
                {"samsupervisor", SUPERVISOR_PASSWORD}, {"opsadmin", ADMIN_PASSWORD}}) {
            ApiClient.Response r = api.send("GET", "/api/prior-authorizations?requestId=x", user[0], user[1], null, null);
            Assertions.assertThat(r.status()).as(user[0] + ": " + r.body()).isEqualTo(404);
            Assertions.assertThat(r.contentType()).startsWith("application/problem+json");
        }
        IdentityService identity = app.getBean(IdentityService.class);
        Assertions.assertThat(identity.createGroupQuery().groupMember("annareviewer").list())
                .extracting(Group::getId)
                .containsExactlyInAnyOrder("pa-clinical-reviewers", "pa-physician-reviewers");
        Assertions.assertThat(identity.createUserQuery().userId("annareviewer").singleResult().getEmail())
                .isEqualTo("anna@pa.healthplan.example");
    }

    @Test
    void noDemoUsers() {
        for (String demo : ProductionSafetyCheck.DEMO_PASSWORDS) {
            Assertions.assertThat(app.getBean(IdentityService.class).createUserQuery().userId(demo).count())
                    .as(demo).isZero();
        }
        Assertions.assertThat(api.get("/api/prior-authorizations?requestId=x", "intake").status()).isEqualTo(401);
    }

    @Test
    void securityHeadersOnApiAndWebappResponses() {
        ApiClient.Response apiResponse = api.send("GET", "/api/prior-authorizations?requestId=x", "intakesystem",
                INTAKE_PASSWORD, null, null);
        ApiClient.Response webapp = api.send("GET", "/camunda/app/welcome/default/", null, null, null, null);
        Assertions.assertThat(webapp.status()).isEqualTo(200);
        for (ApiClient.Response r : List.of(apiResponse, webapp)) {
            Assertions.assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            Assertions.assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            Assertions.assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        Assertions.assertThat(webapp.raw().headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        Assertions.assertThat(apiResponse.raw().headers().allValues("X-Frame-Options")).containsExactly("DENY");
    }

    @Test
    void cookiesAreSecureHttpOnlyAndSameSiteStrict() {
        ApiClient.Response webapp = api.send("GET", "/camunda/app/tasklist/default/", null, null, null, null);
        List<String> cookies = webapp.raw().headers().allValues("Set-Cookie");
        Assertions.assertThat(cookies).as("cookies of the Tasklist page").isNotEmpty();
        for (String cookie : cookies) {
            List<String> attributes = Stream.of(cookie.split(";")).map(String::trim).map(String::toLowerCase).toList();
            Assertions.assertThat(attributes).as(cookie).contains("secure", "samesite=strict")
                    .doesNotContain("samesite=lax");
            if (cookie.startsWith("JSESSIONID")) {
                Assertions.assertThat(attributes).as(cookie).contains("httponly");
            }
        }
    }

    @Test
    void apiDocsAreOff() {
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
            Assertions.assertThat(api.send("GET", path, null, null, null, null).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void configuredUsersAreUpdatedIdempotently() {
        IdentityService identity = app.getBean(IdentityService.class);
        app.getBean(ConfiguredUsers.class).synchronize();
        Assertions.assertThat(identity.createGroupQuery().groupMember("samsupervisor").list())
                .extracting(Group::getId).containsExactly("pa-supervisors");

        ConfiguredUsers changed = new ConfiguredUsers(identity, List.of(
                new KineretProperties.User("samsupervisor", "A-new-password-5Tz", List.of("pa-clinical-reviewers"),
                        "Sam", "Supervisor", null, null)));
        changed.synchronize();
        changed.synchronize();
        Assertions.assertThat(identity.checkPassword("samsupervisor", "A-new-password-5Tz")).isTrue();
        Assertions.assertThat(identity.createGroupQuery().groupMember("samsupervisor").list())
                .extracting(Group::getId).containsExactly("pa-clinical-reviewers");
        Assertions.assertThat(identity.createUserQuery().userId("samsupervisor").singleResult().getFirstName())
                .isEqualTo("Sam");
    }

    @Test
    void unknownGroupsAreRefused() {
        IdentityService identity = app.getBean(IdentityService.class);
        List<KineretProperties.User> typo = List.of(
                new KineretProperties.User("someone", "Some-password-8Hj", List.of("pa-reviewers"), null, null, null,
                        null));
        Assertions.assertThatThrownBy(() -> new ConfiguredUsers(identity, typo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kineret.users[0].groups")
                .hasMessageContaining("pa-reviewers")
                .hasMessageNotContaining("Some-password-8Hj");
        List<KineretProperties.User> roleAsOrganisation = List.of(
                new KineretProperties.User("someone", "Some-password-8Hj", List.of("pa-intake"), null, null, null,
                        "pa-supervisors"));
        Assertions.assertThatThrownBy(() -> new ConfiguredUsers(identity, roleAsOrganisation))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kineret.users[0].organisation");
    }

    private static List<String> organisations(IdentityService identity, String userId) {
        return identity.createGroupQuery().groupMember(userId).groupType(CaseScope.ORGANISATION_TYPE).list().stream()
                .map(Group::getId).toList();
    }

    @Test
    void theConfiguredOrganisationIsTheUsersOnlyOrganisation() {
        IdentityService identity = app.getBean(IdentityService.class);
        Assertions.assertThat(organisations(identity, "intakesystem")).as("KINERET_USERS_0_ORGANISATION")
                .containsExactly("northside");
        ConfiguredUsers moved = new ConfiguredUsers(identity, List.of(
                new KineretProperties.User("intakesystem", INTAKE_PASSWORD, List.of("pa-intake"), null, null, null,
                        "southside")));
        moved.synchronize();
        moved.synchronize();
        Assertions.assertThat(organisations(identity, "intakesystem")).containsExactly("southside");
        Assertions.assertThat(identity.createGroupQuery().groupMember("intakesystem").list()).extracting(Group::getId)
                .containsExactlyInAnyOrder("pa-intake", "southside");
        app.getBean(ConfiguredUsers.class).synchronize();
        Assertions.assertThat(organisations(identity, "intakesystem")).as("back as configured").containsExactly("northside");
    }
}
