package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository.CaseOutcome;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * {@link PriorAuthorizationMetricsService#compute} on cases built here: the outcome of each case, the median of an
 * even count, the nearest-rank 90th percentile and a determination after its deadline.
 */
class PriorAuthorizationMetricsServiceTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-02T09:00:00-05:00");

    private final PriorAuthorizationMetricsService service;

    PriorAuthorizationMetricsServiceTest() {
        PlanClock clock = Mockito.mock(PlanClock.class);
        Mockito.when(clock.zone()).thenReturn(ZoneId.of("America/New_York"));
        service = new PriorAuthorizationMetricsService(Mockito.mock(PriorAuthorizationRepository.class), clock);
    }

    private static CaseOutcome decided(String urgency, CaseStatus status, String appeal, String outcome, String kind,
                                       int hours, int deadlineHours) {
        return new CaseOutcome(urgency, status, appeal, T0, T0.plusHours(deadlineHours), outcome, kind, T0.plusHours(hours));
    }

    private static CaseOutcome open(String urgency, CaseStatus status) {
        return new CaseOutcome(urgency, status, null, T0, T0.plusHours(24), null, null, null);
    }

    @Test
    void outcomesPercentilesAndDeadlines() {
        List<CaseOutcome> cases = new ArrayList<>();
        // STANDARD: ten reviewer approvals after 1, 2, ..., 10 hours; the 10-hour one after its 9-hour deadline
        for (int h = 1; h <= 10; h++) {
            cases.add(decided("STANDARD", CaseStatus.APPROVED, null, "APPROVED", "REVIEWER", h, h == 10 ? 9 : 72));
        }
        // EXPEDITED: an automatic approval later withdrawn stays approved; denials upheld, pending and overturned
        cases.add(decided("EXPEDITED", CaseStatus.WITHDRAWN, null, "APPROVED", "SYSTEM", 0, 24));
        cases.add(decided("EXPEDITED", CaseStatus.DENIED, "UPHELD", "DENIED", "REVIEWER", 4, 24));
        cases.add(decided("EXPEDITED", CaseStatus.DENIED, "PENDING", "DENIED", "REVIEWER", 6, 24));
        cases.add(decided("EXPEDITED", CaseStatus.APPROVED, "OVERTURNED", "DENIED", "REVIEWER", 30, 24));
        cases.add(open("EXPEDITED", CaseStatus.WITHDRAWN));
        cases.add(open("EXPEDITED", CaseStatus.RECEIVED));
        cases.add(open("EXPEDITED", CaseStatus.IN_REVIEW));
        cases.add(open("STANDARD", CaseStatus.PENDING_INFORMATION));

        var m = service.compute(null, null, cases);

        Assertions.assertThat(m.requests()).isEqualTo(18);
        Assertions.assertThat(m.approvedAutomatically()).isEqualTo(1);
        Assertions.assertThat(m.approvedByReviewer()).isEqualTo(10);
        Assertions.assertThat(m.denied()).isEqualTo(2);
        Assertions.assertThat(m.approvedAfterAppeal()).isEqualTo(1);
        Assertions.assertThat(m.withdrawn()).isEqualTo(1);
        Assertions.assertThat(m.pended()).isEqualTo(3);
        var standard = m.byUrgency().get("STANDARD");
        Assertions.assertThat(standard.determined()).isEqualTo(10);
        Assertions.assertThat(standard.medianHours()).isEqualTo(5.5);
        Assertions.assertThat(standard.p90Hours()).isEqualTo(9.0);
        Assertions.assertThat(standard.withDeadline()).isEqualTo(10);
        Assertions.assertThat(standard.withinDeadline()).isEqualTo(9);
        Assertions.assertThat(standard.withinDeadlineShare()).isEqualTo(0.9);
        var expedited = m.byUrgency().get("EXPEDITED");
        Assertions.assertThat(expedited.determined()).isEqualTo(4);
        Assertions.assertThat(expedited.medianHours()).isEqualTo(5.0);
        Assertions.assertThat(expedited.p90Hours()).isEqualTo(30.0);
        Assertions.assertThat(expedited.withinDeadline()).isEqualTo(3);
        Assertions.assertThat(expedited.withinDeadlineShare()).isEqualTo(0.75);
        Assertions.assertThat(m.withinDeadlineShare()).isEqualTo(0.8571);
        Assertions.assertThat(m.zone()).isEqualTo("America/New_York");
    }

    @Test
    void noCasesGiveZerosAndNoFigures() {
        var m = service.compute(null, null, List.of());
        Assertions.assertThat(m.requests()).isZero();
        Assertions.assertThat(m.byUrgency().get("STANDARD").medianHours()).isNull();
        Assertions.assertThat(m.byUrgency().get("EXPEDITED").p90Hours()).isNull();
        Assertions.assertThat(m.withinDeadlineShare()).isNull();
    }
}
