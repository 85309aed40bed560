package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.plan.KineretProperties;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/** Which history handler {@link HistoryWriteFilter} installs for each setting. */
class HistoryWriteFilterTest {

    @Test
    void byDefaultReplacesCamundasDatabaseHandlerWithTheFilteringOne() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        new HistoryWriteFilter(new KineretProperties.History(false, false)).preInit(configuration);
        Assertions.assertThat(configuration.isEnableDefaultDbHistoryEventHandler()).isFalse();
        Assertions.assertThat(configuration.getCustomHistoryEventHandlers())
                .singleElement().isInstanceOf(HistoryWriteFilter.FilteringDbHistoryEventHandler.class);
    }

    @Test
    void keepsHandlersOfOtherPluginsAndLetsThemAddMore() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        HistoryEventHandler other = new DbHistoryEventHandler();
        configuration.setCustomHistoryEventHandlers(new java.util.ArrayList<>(java.util.List.of(other)));
        new HistoryWriteFilter(new KineretProperties.History(true, false)).preInit(configuration);
        Assertions.assertThat(configuration.getCustomHistoryEventHandlers()).hasSize(2).contains(other);
        configuration.getCustomHistoryEventHandlers().add(new DbHistoryEventHandler());
        Assertions.assertThat(configuration.getCustomHistoryEventHandlers()).hasSize(3);
    }

    @Test
    void withBothSwitchedOnLeavesCamundasHandlerAlone() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        new HistoryWriteFilter(new KineretProperties.History(true, true)).preInit(configuration);
        Assertions.assertThat(configuration.isEnableDefaultDbHistoryEventHandler()).isTrue();
        Assertions.assertThat(configuration.getCustomHistoryEventHandlers()).isNullOrEmpty();
    }
}
