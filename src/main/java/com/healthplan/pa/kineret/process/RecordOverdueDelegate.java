package com.healthplan.pa.kineret.process;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record overdue": the decision deadline passed without a determination; marks the case overdue
 * (variable {@code overdue}, the form's deadline line) and raises the open review task to priority 100.
 */
@Component("recordOverdueDelegate")
public class RecordOverdueDelegate implements JavaDelegate {

    /** Task priority of an overdue review (Camunda's default is 50). */
    static final int OVERDUE_PRIORITY = 100;

    private final ReviewService reviews;
    private final TrustedCases cases;

    /**
     * @param reviews the review side of cases
     * @param cases the case of the process instance
     */
    public RecordOverdueDelegate(ReviewService reviews, TrustedCases cases) {
        this.reviews = reviews;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = cases.idOf(execution);
        reviews.markOverdue(caseId, ClockUtil.getCurrentTime());
        execution.setVariable("overdue", true);
        execution.setVariable("deadlineSummary", reviews.summary(caseId, false).get("deadlineSummary"));
        var taskService = execution.getProcessEngineServices().getTaskService();
        taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKeyIn("Task_ClinicalReview", "Task_MedicalExceptionReview").list()
                .forEach(t -> taskService.setPriority(t.getId(), OVERDUE_PRIORITY));
    }
}
