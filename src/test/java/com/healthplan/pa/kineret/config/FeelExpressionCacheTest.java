package com.healthplan.pa.kineret.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * {@link FeelExpressionCache}: the caching FEEL engine answers as Camunda's own {@link ScalaFeelEngine} does,
 * on the same texts and inputs, also when a text is evaluated again with other inputs; a text that does not
 * parse fails at every evaluation; and a process engine with the plugin evaluates its decision tables with it.
 */
class FeelExpressionCacheTest {

    private final FeelEngine cached = new FeelExpressionCache.Factory().createInstance();
    private final FeelEngine camunda = new ScalaFeelEngine(List.of());

    @Test
    void unaryTestsAnswerAsCamundasEngineForEveryInputAlsoWhenEvaluatedAgain() {
        List<String> tests = List.of("\"RA\",\"CAPS\"", "not(\"DIRA\")", ">= 18", "[1..84]", "< 0.5", "-",
                "null", "true", "date(\"2025-04-01\")..date(\"2025-12-31\")", "\"anakinra\"", "> 100",
                "\"a\\\"b\"");
        List<Object> inputs = new ArrayList<>(List.of("RA", "CAPS", "DIRA", 17, 18, 84, 85, 0.4, 0.6, true, false,
                LocalDate.of(2025, 4, 1), LocalDate.of(2026, 1, 1), "anakinra", "a\"b", 101L));
        inputs.add(null);
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (String test : tests) {
                for (Object input : inputs) {
                    VariableContext context = Variables.createVariables().putValue("cellInput", input).asVariableContext();
                    Object expected = outcome(() -> camunda.evaluateSimpleUnaryTests(test, "cellInput", context));
                    Object actual = outcome(() -> cached.evaluateSimpleUnaryTests(test, "cellInput", context));
                    Assertions.assertThat(actual).as("%s with %s", test, input).isEqualTo(expected);
                    compared++;
                }
            }
        }
        Assertions.assertThat(compared).isEqualTo(2 * tests.size() * inputs.size());
    }

    @Test
    void expressionsAnswerAsCamundasEngine() {
        List<String> expressions = List.of("weightKg * 2", "if x > 3 then \"HIGH\" else \"LOW\"", "x", "\"text\"",
                "date(\"2025-04-01\") + duration(\"P12M\")", "count([1,2,3])", "unknownName");
        for (Object x : List.of(1, 5, 10.5)) {
            VariableContext context = Variables.createVariables().putValue("x", x).putValue("weightKg", 42.5)
                    .asVariableContext();
            for (String expression : expressions) {
                Assertions.assertThat(outcome(() -> cached.evaluateSimpleExpression(expression, context)))
                        .as(expression).isEqualTo(outcome(() -> camunda.evaluateSimpleExpression(expression, context)));
            }
        }
    }

    @Test
    void aTextThatDoesNotParseFailsAtEveryEvaluation() {
        VariableContext context = Variables.createVariables().putValue("cellInput", 1).asVariableContext();
        for (int i = 0; i < 3; i++) {
            Assertions.assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests(">= >= 3", "cellInput", context))
                    .isInstanceOf(FeelException.class).hasMessageContaining("failed to parse");
            Assertions.assertThatThrownBy(() -> cached.evaluateSimpleExpression("1 +* 2", context))
                    .isInstanceOf(FeelException.class);
        }
    }

    @Test
    void everyDeployedTableParsesAndEvaluatesWithTheCachingEngine() throws IOException {
        DefaultDmnEngineConfiguration configuration = FeelExpressionCache.dmnEngineConfiguration();
        DmnEngine engine = configuration.buildEngine();
        Assertions.assertThat(configuration.getFeelEngine()).isInstanceOf(FeelExpressionCache.CachingScalaFeelEngine.class);
        DmnEngine stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        int tables = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("dmn"), "*.dmn")) {
            for (Path file : files) {
                List<DmnDecision> decisions;
                try (InputStream in = Files.newInputStream(file)) {
                    decisions = engine.parseDecisions(in);
                }
                List<DmnDecision> stockDecisions;
                try (InputStream in = Files.newInputStream(file)) {
                    stockDecisions = stock.parseDecisions(in);
                }
                for (int i = 0; i < decisions.size(); i++) {
                    DmnDecision decision = decisions.get(i);
                    DmnDecision stockDecision = stockDecisions.get(i);
                    // no inputs: every input expression is null, every rule's entries are tested against null
                    Object a = outcome(() -> engine.evaluateDecision(decision, Map.of()).getResultList());
                    Object b = outcome(() -> stock.evaluateDecision(stockDecision, Map.of()).getResultList());
                    Assertions.assertThat(String.valueOf(a)).as(file.toString()).isEqualTo(String.valueOf(b));
                }
                tables++;
            }
        }
        Assertions.assertThat(tables).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aProcessEngineWithThePluginEvaluatesItsTablesWithTheCachingEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:feel-cache-test;DB_CLOSE_DELAY=-1")
                .setJobExecutorActivate(false)
                .setProcessEngineName("feel-cache-test");
        configuration.getProcessEnginePlugins().add(new FeelExpressionCache());
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            Assertions.assertThat(configuration.getDmnEngineConfiguration().getFeelEngine())
                    .isInstanceOf(FeelExpressionCache.CachingScalaFeelEngine.class);
            engine.getRepositoryService().createDeployment()
                    .addClasspathResource("dmn/kineret-decision-deadline.dmn").deploy();
            Object standard = engine.getDecisionService().evaluateDecisionByKey("kineret-decision-deadline")
                    .variables(Map.of("urgency", "STANDARD", "planOption", "COMMERCIAL")).evaluate().getSingleEntry();
            Object expedited = engine.getDecisionService().evaluateDecisionByKey("kineret-decision-deadline")
                    .variables(Map.of("urgency", "EXPEDITED", "planOption", "COMMERCIAL")).evaluate().getSingleEntry();
            Assertions.assertThat(((Number) expedited).intValue()).isLessThan(((Number) standard).intValue());
        } finally {
            engine.close();
        }
    }

    /** @return the value, or the exception's class and message, so that failures compare too */
    private static Object outcome(java.util.function.Supplier<Object> evaluation) {
        try {
            Object v = evaluation.get();
            return v instanceof Date d ? d.toInstant() : v;
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
