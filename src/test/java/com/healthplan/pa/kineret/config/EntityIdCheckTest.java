package com.healthplan.pa.kineret.config;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EntityIdCheck}: the engine's entity manager is the cheap-check one, an invalid id is still refused with
 * Camunda's exception and message, and a row with a valid id is written.
 */
class EntityIdCheckTest {

    private ProcessEngineConfigurationImpl configuration;
    private ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:entity-id-check;DB_CLOSE_DELAY=-1")
                .setJobExecutorActivate(false)
                .setProcessEngineName("entity-id-check");
        configuration.getProcessEnginePlugins().add(new EntityIdCheck());
        engine = configuration.buildProcessEngine();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void theEngineUsesTheCheapCheckAndStillRefusesAReservedId() {
        Assertions.assertThat(configuration.getSessionFactories().get(DbEntityManager.class))
                .isInstanceOf(EntityIdCheck.Factory.class);
        Command<Void> reserved = ctx -> {
            Assertions.assertThat(ctx.getDbEntityManager()).isInstanceOf(EntityIdCheck.CheapIdCheckEntityManager.class);
            ByteArrayEntity bytes = new ByteArrayEntity("reserved", new byte[] {1}, org.camunda.bpm.engine.repository.ResourceTypes.RUNTIME);
            bytes.setId("*");
            ctx.getDbEntityManager().insert(bytes);
            return null;
        };
        Assertions.assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(reserved))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("has an invalid id")
                .hasMessageContaining("* is a reserved identifier");
    }

    @Test
    void aRowWithAValidIdIsWritten() {
        String id = configuration.getCommandExecutorTxRequired().execute(ctx -> {
            ByteArrayEntity bytes = new ByteArrayEntity("valid", new byte[] {1, 2}, org.camunda.bpm.engine.repository.ResourceTypes.RUNTIME);
            ctx.getDbEntityManager().insert(bytes);
            return bytes.getId();
        });
        Assertions.assertThat(id).isNotBlank();
        ByteArrayEntity read = configuration.getCommandExecutorTxRequired()
                .execute(ctx -> ctx.getDbEntityManager().selectById(ByteArrayEntity.class, id));
        Assertions.assertThat(read.getBytes()).containsExactly(1, 2);
    }
}
