package com.healthplan.pa.kineret.config;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's entity manager with its id check made cheap. Before every {@code INSERT} Camunda 7.24's
 * {@code DbEntityManager.validateId} checks that the new row's id is neither null nor {@code *}, and builds its
 * error message, with the entity's {@code toString()} (every field of the row), first, whether the id is valid or
 * not. Under intake load that message building was about 4 % of the job executor's CPU samples (JFR, see
 * {@code bench/README.md}). Here the message is built, by Camunda's own check, only when the id is invalid; a
 * valid id is not checked twice. The rule and the exception ({@code ProcessEngineException}) are Camunda's.
 *
 * <p>The entity manager factory is replaced after Camunda has set up its session factories
 * ({@code postInit}); everything else of the entity manager (cache, flush, optimistic locking) is unchanged.
 */
@Component
public class EntityIdCheck extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getSessionFactories().put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
    }

    /** Opens {@link CheapIdCheckEntityManager}s, as Camunda's factory opens its entity managers. */
    static final class Factory extends DbEntityManagerFactory {
        Factory(IdGenerator idGenerator) {
            super(idGenerator);
        }

        @Override
        public DbEntityManager openSession() {
            PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
            return new CheapIdCheckEntityManager(idGenerator, persistence);
        }
    }

    /** Camunda's entity manager; {@link #validateId} asks Camunda's check only for an invalid id. */
    static final class CheapIdCheckEntityManager extends DbEntityManager {
        CheapIdCheckEntityManager(IdGenerator idGenerator, PersistenceSession persistence) {
            super(idGenerator, persistence);
        }

        /**
         * @throws org.camunda.bpm.engine.ProcessEngineException when the id is null or {@code *} (Camunda's message)
         */
        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity);
            }
        }
    }
}
