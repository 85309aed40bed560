package com.healthplan.pa.kineret.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.config.FeelExpressionCache;
import com.healthplan.pa.kineret.process.ProcessConstants.Routes;
import com.healthplan.pa.kineret.rules.ClinicalFactsService;
import com.healthplan.pa.kineret.rules.CriterionResult;
import com.healthplan.pa.kineret.rules.DecisionKeys;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: the whole chain of decisions the process makes for one request, as the process makes them — the
 * decision deadline, the clinical facts ({@link ClinicalFactsService}: drug, preferred-product and vaccine
 * catalogue look-ups), indication, diagnosis and safety criteria, route and, for an automatic approval, the
 * approval terms — through Camunda's {@link DecisionService} of an in-memory engine (H2) with the {@code dmn/}
 * tables deployed. Each invocation takes the next of the acceptance cases of {@code ../shared/cases}, so the
 * mix of routes is theirs. Result: microseconds per request (average time, one thread).
 *
 * <p>{@code history}: the engine's history level. At {@code full} every evaluation also writes Camunda's
 * decision history (decision instance, inputs, outputs); at {@code audit} it does not. The database here is an
 * in-memory H2, so the difference is a lower bound of what it costs on PostgreSQL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionChainBenchmark {

    /** Key of the decision deadline table (the process names it in the BPMN only). */
    static final String DECISION_DEADLINE = "kineret-decision-deadline";

    /** Camunda history level of the engine that evaluates the tables. */
    @Param({"audit", "full"})
    public String history;

    /**
     * FEEL engine: {@code camunda} is Camunda's own ({@code ScalaFeelEngine}, which parses every expression at
     * every evaluation), {@code cached} the application's ({@link FeelExpressionCache}, each text parsed once).
     */
    @Param({"camunda", "cached"})
    public String feel;

    private ProcessEngine engine;
    private DecisionService decisions;
    private ClinicalFactsService facts;
    private List<PriorAuthorizationRequest> requests;
    private int next;

    /** Builds the engine, deploys the decision tables and reads the acceptance cases' requests. */
    @Setup(Level.Trial)
    public void setUp() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:decision-chain-" + history + "-" + feel + ";DB_CLOSE_DELAY=-1")
                .setHistory(history)
                .setJobExecutorActivate(false)
                .setProcessEngineName("decision-chain-" + history + "-" + feel);
        if ("cached".equals(feel)) {
            configuration.setDmnEngineConfiguration(FeelExpressionCache.dmnEngineConfiguration());
        }
        engine = configuration.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("dmn");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dmnFolder(), "*.dmn")) {
            for (Path file : files) {
                deployment.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deployment.deploy();
        decisions = engine.getDecisionService();
        facts = new ClinicalFactsService(decisions);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        requests = AcceptanceCases.all().stream().map(c -> {
            try {
                return json.treeToValue(c.request(), PriorAuthorizationRequest.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /**
     * One request's chain of decisions.
     *
     * @return the route (returned so that the work is not eliminated)
     */
    @Benchmark
    public Object decideOneRequest() {
        PriorAuthorizationRequest request = requests.get(next);
        next = (next + 1) % requests.size();
        return decide(request);
    }

    /**
     * The chain for one request, as the process runs it.
     *
     * @return the route, and for {@code AUTO_APPROVE} also the approval terms
     */
    Map<String, Object> decide(PriorAuthorizationRequest request) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("urgency", request.urgency() == null ? "STANDARD" : request.urgency().name());
        vars.put("planOption", request.planOption().name());
        vars.put("deadlineHours", evaluate(DECISION_DEADLINE, vars).getSingleEntry());
        LocalDate requestDate = request.requestDate() != null ? request.requestDate() : LocalDate.now();
        vars.putAll(facts.facts(request, requestDate));
        vars.put("indication", evaluate(DecisionKeys.INDICATION, vars).getSingleEntry());
        List<Map<String, Object>> diagnosis = evaluate(DecisionKeys.DIAGNOSIS_CRITERIA, vars).getResultList();
        List<Map<String, Object>> safety = evaluate(DecisionKeys.SAFETY_CRITERIA, vars).getResultList();
        int open = 0;
        String preferred = CriterionResult.NOT_APPLICABLE;
        for (List<Map<String, Object>> rows : List.of(diagnosis, safety)) {
            for (Map<String, Object> row : rows) {
                CriterionResult c = CriterionResult.fromDecisionRow(row);
                open += c.isOpen() ? 1 : 0;
                if ("PREFERRED_PRODUCTS".equals(c.id())) {
                    preferred = c.result();
                }
            }
        }
        vars.put("openCriteriaCount", open);
        vars.put("preferredProductsResult", preferred);
        Object route = evaluate(DecisionKeys.ROUTE, vars).getSingleEntry();
        Map<String, Object> out = new HashMap<>();
        out.put("route", route);
        if (Routes.AUTO_APPROVE.equals(route)) {
            out.put("approvalTerms", evaluate(DecisionKeys.APPROVAL_TERMS, vars).getSingleResult().getEntryMap());
        }
        return out;
    }

    private DmnDecisionResult evaluate(String key, Map<String, Object> vars) {
        return decisions.evaluateDecisionByKey(key).variables(vars).evaluate();
    }

    private static Path dmnFolder() {
        Path folder = Path.of(System.getProperty("pa.dmn.dir", "dmn")).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("decision tables folder is missing: " + folder);
        }
        return folder;
    }
}
