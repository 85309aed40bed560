package com.healthplan.pa.kineret.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two indexes on Camunda's job table for the job executor's acquisition query, on PostgreSQL. Camunda 7.24 creates
 * none on {@code ACT_RU_JOB.DUEDATE_} or on the lock columns, so every acquisition (each node, every few seconds,
 * and after every batch of jobs under load) reads the whole table: every authorization waiting on its renewal or
 * expiry timer and every review case waiting on its deadline is a row of it. Measured with {@code bench/run.sh}
 * ({@code bench/README.md}): with 100,000 waiting jobs one acquisition took 22 ms without these indexes and 0.5 ms
 * with them (47 ms and 0.5 ms with 1,000 jobs due); in a mass expiry of 10,000 authorizations PostgreSQL spent
 * 33 s in the acquisition query without them, 13 s with them.
 *
 * <ul>
 *   <li>{@code pa_idx_job_due} on {@code (DUEDATE_)}: the acquisition's {@code DUEDATE_ <= now} (and
 *       {@code DUEDATE_ IS NULL}) read the due jobs only, not the waiting timers;</li>
 *   <li>{@code pa_idx_job_locked} on {@code (LOCK_EXP_TIME_) WHERE LOCK_OWNER_ IS NOT NULL}: the acquisition's
 *       exclusive-job check ("no job of the same process instance is locked") reads the few locked jobs, where it
 *       otherwise reads the whole table once more.</li>
 * </ul>
 *
 * <p>The acquisition query, its order (none: Camunda's default) and the job executor's settings stay Camunda's; the
 * indexes only change how PostgreSQL finds the same rows. They are created with {@code CREATE INDEX IF NOT EXISTS}
 * once Camunda has created or updated its schema ({@code postProcessEngineBuild}); on every later start the
 * statements find them and do nothing. Two nodes starting together may race on the creation: the loser's error is
 * taken for "already there" once the index is found. Where the database user may not create indexes (a schema
 * managed by a database administrator), the start goes on without them and a warning gives the two statements to
 * run. On other databases (the embedded H2 of the default profile, which has no partial indexes) nothing is done.
 */
@Component
public class JobAcquisitionIndexes extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionIndexes.class);

    /** The index names, lower case as PostgreSQL stores unquoted names. */
    public static final List<String> INDEX_NAMES = List.of("pa_idx_job_due", "pa_idx_job_locked");

    private DataSource dataSource;
    private String databaseType;
    private String tablePrefix;

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        dataSource = configuration.getDataSource();
        databaseType = configuration.getDatabaseType();
        tablePrefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        if (!DbSqlSessionFactory.POSTGRES.equals(databaseType)) {
            LOG.debug("Job acquisition indexes are for PostgreSQL; database type is {}", databaseType);
            return;
        }
        List<String> statements = statements(tablePrefix);
        try {
            createAll(statements);
        } catch (SQLException firstAttempt) {
            // another node may have created them meanwhile: IF NOT EXISTS then finds them
            try {
                createAll(statements);
            } catch (SQLException e) {
                LOG.warn("Job acquisition indexes not created ({}); without them every job acquisition reads the "
                        + "whole job table. A database administrator can create them: {}", e.getMessage(),
                        String.join("; ", statements));
            }
        }
    }

    /**
     * The statements, for PostgreSQL.
     *
     * @param tablePrefix Camunda's table prefix (e.g. {@code "camunda."}), or empty
     * @return the two {@code CREATE INDEX IF NOT EXISTS} statements
     */
    public static List<String> statements(String tablePrefix) {
        String table = tablePrefix + "ACT_RU_JOB";
        return List.of(
                "CREATE INDEX IF NOT EXISTS " + INDEX_NAMES.get(0) + " ON " + table + " (DUEDATE_)",
                "CREATE INDEX IF NOT EXISTS " + INDEX_NAMES.get(1) + " ON " + table
                        + " (LOCK_EXP_TIME_) WHERE LOCK_OWNER_ IS NOT NULL");
    }

    private void createAll(List<String> statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
