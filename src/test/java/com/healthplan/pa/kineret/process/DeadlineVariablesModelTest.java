package com.healthplan.pa.kineret.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@link ReviewDeadlines#readsDeadlineVariables}: the deadline variables ({@code dueBy}, {@code escalateAt},
 * {@code escalated}, {@code informationWaitPeriod}) are written only for instances whose model reads them. The
 * current model reads bean {@code reviewDeadlines}; the model deployed before it (kept as a test resource, taken
 * from the repository's history) reads the variables.
 */
class DeadlineVariablesModelTest {

    @Test
    void theCurrentModelReadsNoDeadlineVariable() throws IOException {
        String current = Files.readString(Path.of("processes", "kineret-prior-authorization.bpmn"));
        Assertions.assertThat(current).contains("${reviewDeadlines.dueBy(execution)}", "${reviewDeadlines.escalated(execution)}");
        Assertions.assertThat(ReviewDeadlines.readsDeadlineVariables(current)).isFalse();
    }

    @Test
    void theEarlierModelReadsThem() throws IOException {
        String earlier = Files.readString(Path.of("src", "test", "resources", "earlier-models",
                "kineret-prior-authorization-before-68e332d.bpmn"));
        Assertions.assertThat(ReviewDeadlines.readsDeadlineVariables(earlier)).isTrue();
    }

    @Test
    void eachVariableCountsInAnExpressionButNotAsAMethodOrOutsideOne() {
        for (String read : new String[] {"${dueBy}", "${escalateAt}", "${escalated == true}", "${informationWaitPeriod}",
                "${not escalated}"}) {
            Assertions.assertThat(ReviewDeadlines.readsDeadlineVariables("<x a=\"" + read + "\"/>")).as(read).isTrue();
        }
        for (String other : new String[] {"${reviewDeadlines.dueBy(execution)}", "${reviewDeadlines.informationWaitPeriod()}",
                "${dueByDate}", "<documentation>dueBy</documentation>", "${appealWindow}"}) {
            Assertions.assertThat(ReviewDeadlines.readsDeadlineVariables("<x a=\"" + other + "\"/>")).as(other).isFalse();
        }
    }
}
