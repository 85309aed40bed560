package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;

/**
 * {@link JobAcquisitionIndexes} on a real PostgreSQL 15: the two indexes exist after the engine has built its schema;
 * a second node starting on the same database finds them and starts; with 20,000 waiting timers in the job table
 * PostgreSQL answers the acquisition's query through them (its plan names both) and the job executor still
 * acquires exactly the due jobs; a database user that may not create indexes starts the engine without them. On
 * H2 nothing is created.
 */
class JobAcquisitionIndexesPostgresTest {

    private static final String DATABASE = "job_acquisition_indexes";

    @Test
    void theIndexesServeAcquisitionAndASecondNodeStarts() throws SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres15.server();
        recreateDatabase(pg);
        String url = pg.getJdbcUrl("postgres", DATABASE);
        ProcessEngine first = engine("acq-first", url, "postgres", "postgres", true);
        ProcessEngine second = null;
        try {
            Assertions.assertThat(indexDefinitions(url)).hasSize(2)
                    .anySatisfy(d -> Assertions.assertThat(d).contains("pa_idx_job_due").contains("(duedate_)"))
                    .anySatisfy(d -> Assertions.assertThat(d).contains("pa_idx_job_locked").contains("(lock_exp_time_)")
                            .contains("WHERE (lock_owner_ IS NOT NULL)"));

            second = engine("acq-second", url, "postgres", "postgres", true);
            Assertions.assertThat(indexDefinitions(url)).hasSize(2);

            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute(insertJobs("w", 20_000, "now() + interval '300 days'"));
                s.execute(insertJobs("d", 3, "now() - interval '1 minute'"));
                s.execute("ANALYZE ACT_RU_JOB");
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute("PREPARE acquisition(timestamp) AS " + acquisitionQueryShape());
                List<String> plan = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE acquisition(now()::timestamp)")) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
                Assertions.assertThat(String.join("\n", plan)).contains("pa_idx_job_due").contains("pa_idx_job_locked")
                        .doesNotContain("Seq Scan");
            }

            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) first.getProcessEngineConfiguration();
            DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
            jobExecutor.setMaxJobsPerAcquisition(10);
            AcquiredJobs acquired = configuration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(jobExecutor));
            Assertions.assertThat(acquired.getJobIdBatches().stream().flatMap(List::stream).toList())
                    .containsExactlyInAnyOrder("d1", "d2", "d3");
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    @Test
    void aUserThatMayNotCreateIndexesStartsTheEngineWithoutThem() throws SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres15.server();
        recreateDatabase(pg);
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + DATABASE;
        engine("acq-owner", url, "postgres", "postgres", true).close();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            for (String index : JobAcquisitionIndexes.INDEX_NAMES) {
                s.execute("DROP INDEX " + index);
            }
            s.execute("DROP ROLE IF EXISTS pa_app_only");
            s.execute("CREATE ROLE pa_app_only LOGIN PASSWORD 'app'");
            s.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO pa_app_only");
            s.execute("GRANT USAGE ON SCHEMA public TO pa_app_only");
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pa_app_only");
        }
        ProcessEngine engine = engine("acq-app-only", url, "pa_app_only", "app", false);
        try {
            Assertions.assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isZero();
            Assertions.assertThat(indexDefinitions(url)).isEmpty();
        } finally {
            engine.close();
        }
    }

    @Test
    void onH2NothingIsCreated() throws SQLException {
        String url = "jdbc:h2:mem:job-acquisition-indexes;DB_CLOSE_DELAY=-1";
        ProcessEngine engine = engine("acq-h2", url, "sa", "", true);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE LOWER(INDEX_NAME) LIKE 'pa_idx_job%'")) {
            rs.next();
            Assertions.assertThat(rs.getInt(1)).isZero();
            Assertions.assertThat(engine.getManagementService().createJobQuery().count()).isZero();
        } finally {
            engine.close();
        }
    }

    private static ProcessEngine engine(String name, String url, String user, String password, boolean schemaUpdate) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(url).setJdbcUsername(user).setJdbcPassword(password)
                .setDatabaseSchemaUpdate(schemaUpdate ? ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE
                        : ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE)
                .setJobExecutorActivate(false)
                .setProcessEngineName(name);
        configuration.getProcessEnginePlugins().add(new JobAcquisitionIndexes());
        return configuration.buildProcessEngine();
    }

    private static void recreateDatabase(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static List<String> indexDefinitions(String url) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT indexdef FROM pg_indexes WHERE tablename = 'act_ru_job' AND indexname LIKE 'pa_idx_job%'")) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
            }
        }
        return definitions;
    }

    /** Timer jobs of their own process instances: ids {@code prefix1..prefixN}, due at {@code dueDate} (SQL). */
    private static String insertJobs(String prefix, int count, String dueDate) {
        return "INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, RETRIES_, "
                + "DUEDATE_, HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_, CREATE_TIME_) SELECT '" + prefix + "' || g, 1, "
                + "'timer', true, 'e" + prefix + "' || g, 'p" + prefix + "' || g, 3, " + dueDate + ", 'timer-transition', "
                + "1, 0, now() FROM generate_series(1, " + count + ") g";
    }

    /**
     * The where clause of Camunda 7.24's {@code selectNextJobsToExecute} (mapping {@code Job.xml}) with its defaults:
     * due or without due date, not locked, active, and no job of the same process instance locked.
     */
    private static String acquisitionQueryShape() {
        return "SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ FROM ACT_RU_JOB RES "
                + "WHERE (RES.RETRIES_ > 0) AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= $1) "
                + "AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < $1) AND RES.SUSPENSION_STATE_ = 1 "
                + "AND ((RES.EXCLUSIVE_ = true AND NOT EXISTS (SELECT J2.ID_ FROM ACT_RU_JOB J2 "
                + "WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND (J2.EXCLUSIVE_ = true) "
                + "AND (J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= $1))) OR RES.EXCLUSIVE_ = false) LIMIT 3";
    }
}
