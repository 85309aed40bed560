package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code prod} refuses to start while the database holds a demo account with its demo password
 * ({@link DemoAccountsCheck}): a first start without {@code prod} on a fresh PostgreSQL database creates the demo
 * users of the README ({@code admin/admin}, ...), and the {@code prod} start that follows on the same database,
 * with an otherwise safe configuration, fails naming them. (Its own class: every start registers Camunda's
 * engine "default" in the JVM-wide engine registry the webapps read.)
 */
class DemoAccountsProductionTest {

    @Test
    void refusesToStartWhileTheDatabaseHoldsADemoAccountWithItsDemoPassword() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres15.server();
        try (Connection connection = pg.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE demo_left_over");
        }
        String url = pg.getJdbcUrl("postgres", "demo_left_over");
        List<String> common = List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres");
        List<String> dev = new java.util.ArrayList<>(common);
        dev.add("--spring.profiles.active=postgres");
        ProductionProfileTest.start(Map.of(), dev).close(); // without prod: the demo users of the README are created

        Map<String, String> env = new HashMap<>();
        env.put("KINERET_ADMIN_USER", "opsadmin");
        env.put("KINERET_ADMIN_PASSWORD", "Adm1n-only-in-tests-7Qx");
        List<String> prod = new java.util.ArrayList<>(common);
        prod.add("--spring.profiles.active=postgres,prod");
        Assertions.assertThatThrownBy(() -> ProductionProfileTest.start(env, prod).close())
                .hasStackTraceContaining("Refusing to start with profile 'prod'")
                .hasStackTraceContaining("demo account 'admin'")
                .hasStackTraceContaining("demo account 'pharmacist'")
                .hasStackTraceContaining("demo account 'intake'")
                .hasStackTraceContaining("demo account 'intake2'");
    }
}
