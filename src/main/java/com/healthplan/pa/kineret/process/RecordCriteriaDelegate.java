package com.healthplan.pa.kineret.process;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record criteria results": stores the indication and both criteria tables' results on the
 * case, and sets {@code openCriteriaCount}, {@code openCriteria} and {@code preferredProductsResult} for the
 * route decision, and {@code openCriteriaDetails} for the reviewer's form.
 */
@Component("recordCriteriaDelegate")
public class RecordCriteriaDelegate implements JavaDelegate {

    private final DeterminationService determinations;
    private final TrustedCases cases;

    /** @param determinations where results are recorded; @param cases the case of the instance */
    public RecordCriteriaDelegate(DeterminationService determinations, TrustedCases cases) {
        this.determinations = determinations;
        this.cases = cases;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        var summary = determinations.recordCriteria(
                cases.idOf(execution),
                (String) execution.getVariable(ProcessConstants.VAR_INDICATION),
                (List<Map<String, Object>>) execution.getVariable(ProcessConstants.VAR_DIAGNOSIS_CRITERIA),
                (List<Map<String, Object>>) execution.getVariable(ProcessConstants.VAR_SAFETY_CRITERIA));
        execution.setVariable(ProcessConstants.VAR_OPEN_CRITERIA_COUNT, summary.openCount());
        execution.setVariable(ProcessConstants.VAR_OPEN_CRITERIA, summary.openIds());
        execution.setVariable(ProcessConstants.VAR_PREFERRED_PRODUCTS_RESULT, summary.preferredProductsResult());
        execution.setVariable(ProcessConstants.VAR_OPEN_CRITERIA_DETAILS, summary.openDetails());
    }
}
