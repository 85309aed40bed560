package com.healthplan.pa.kineret.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Profile;

/**
 * The benchmark's baseline process and endpoints exist only under the Spring profile {@code bench}: the
 * configuration and its controller carry {@code @Profile("bench")}, and the BPMN lies outside {@code processes/},
 * which auto-deployment reads.
 */
class BenchBaselineProfileTest {

    @Test
    void configurationAndControllerAreBenchProfileOnly() {
        Assertions.assertThat(BenchBaseline.class.getAnnotation(Profile.class).value()).containsExactly("bench");
        Assertions.assertThat(BenchBaseline.BaselineController.class.getAnnotation(Profile.class).value())
                .containsExactly("bench");
    }

    @Test
    void baselineProcessIsOutsideAutoDeploymentAndHasHistoryTimeToLive() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        Assertions.assertThat(loader.getResource("processes/bench-baseline.bpmn")).isNull();
        try (InputStream bpmn = loader.getResourceAsStream("bench/bench-baseline.bpmn")) {
            Assertions.assertThat(bpmn).isNotNull();
            String xml = new String(bpmn.readAllBytes(), StandardCharsets.UTF_8);
            Assertions.assertThat(xml).contains("id=\"" + BenchBaseline.PROCESS_KEY + "\"")
                    .contains("camunda:historyTimeToLive=\"1\"").contains("camunda:asyncAfter=\"true\"");
        }
    }
}
