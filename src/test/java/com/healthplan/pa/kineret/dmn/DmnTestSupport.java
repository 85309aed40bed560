package com.healthplan.pa.kineret.dmn;

import com.healthplan.pa.kineret.config.FeelExpressionCache;
import org.assertj.core.api.Assertions;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Shared helpers for the direct unit tests of the policy 5.70.050 decision tables: builds one
 * DMN engine (FEEL via feel-scala, as the application configures it), parses a table from {@code dmn/<id>.dmn} on the
 * classpath and evaluates it with a plain variable map.
 */
public abstract class DmnTestSupport {

    /** Version tag every decision of policy 5.70.050 (effective 2025-04-01) must carry. */
    public static final String VERSION_TAG = "5.70.050 (2025-04-01)";

    /**
     * One engine for all tests: Camunda's default configuration (FEEL for every expression) with the FEEL engine
     * the application runs, which keeps each parsed expression ({@link FeelExpressionCache}).
     */
    protected static final DmnEngine ENGINE = FeelExpressionCache.dmnEngineConfiguration().buildEngine();

    /**
     * Parses the single decision of {@code dmn/<decisionId>.dmn} from the classpath.
     *
     * @param decisionId decision id, which is also the file name without {@code .dmn}
     * @return the parsed decision
     */
    protected static DmnDecision parse(String decisionId) {
        String resource = "dmn/" + decisionId + ".dmn";
        try (InputStream in = DmnTestSupport.class.getClassLoader().getResourceAsStream(resource)) {
            Assertions.assertThat(in).as("classpath resource %s", resource).isNotNull();
            return ENGINE.parseDecision(decisionId, in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /**
     * Builds a variable map from alternating name/value pairs; values may be {@code null}.
     *
     * @param namesAndValues name1, value1, name2, value2, ...
     * @return a Camunda variable map
     */
    protected static VariableMap vars(Object... namesAndValues) {
        VariableMap map = Variables.createVariables();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.putValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Evaluates a decision table.
     *
     * @param decision the parsed decision
     * @param variables the input variables
     * @return the table result (all matched rules)
     */
    protected static DmnDecisionTableResult evaluate(DmnDecision decision, Map<String, Object> variables) {
        return ENGINE.evaluateDecisionTable(decision, variables);
    }

    /**
     * Turns a COLLECT result of criteria rows into criterionId to row, asserting that exactly the
     * expected criterion ids appear, each exactly once (the tables are mutually exclusive and
     * exhaustive per criterion).
     *
     * @param result the COLLECT result with outputs criterionId, result, reference, detail
     * @param expectedIds every criterion id the table must produce
     * @return criterionId to the full output row, in table order
     */
    protected static Map<String, Map<String, Object>> rowsByCriterion(
            DmnDecisionTableResult result, List<String> expectedIds) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Map<String, Object> row : result.getResultList()) {
            String id = (String) row.get("criterionId");
            Assertions.assertThat(rows).as("criterion %s fired twice: %s", id, result.getResultList()).doesNotContainKey(id);
            Assertions.assertThat(row.get("result")).as("result of %s", id)
                    .isIn("MET", "NOT_MET", "UNKNOWN", "NOT_APPLICABLE");
            Assertions.assertThat((String) row.get("reference")).as("reference of %s", id).startsWith("5.70.050 ");
            Assertions.assertThat((String) row.get("detail")).as("detail of %s", id).isNotBlank();
            rows.put(id, row);
        }
        Assertions.assertThat(rows.keySet()).as("criteria produced").containsExactlyInAnyOrderElementsOf(expectedIds);
        return rows;
    }

    /**
     * Reduces {@link #rowsByCriterion} to criterionId to result.
     *
     * @param rows rows by criterion
     * @return criterionId to result (MET, NOT_MET, UNKNOWN, NOT_APPLICABLE)
     */
    protected static Map<String, String> results(Map<String, Map<String, Object>> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach((id, row) -> out.put(id, (String) row.get("result")));
        return out;
    }
}
