package com.healthplan.pa.kineret.api;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@link PriorAuthorizationMetricsController#wantsCsv}: the Accept header's quality values decide between JSON (the
 * default) and CSV (RFC 9110 section 12.5.1).
 */
class MetricsContentNegotiationTest {

    @Test
    void csvOnlyWhenTheClientPrefersIt() {
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/csv")).isTrue();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/csv, */*;q=0.8")).isTrue();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("application/json;q=0.5, text/csv")).isTrue();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/csv;charset=UTF-8")).isTrue();

        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv(null)).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("*/*")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/*")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("application/json;q=1.0, text/csv;q=0.5")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/csv;q=0.1, application/json")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/csv;q=0, */*")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("text/csv;q=0.5, */*")).isFalse();
        Assertions.assertThat(PriorAuthorizationMetricsController.wantsCsv("not a media type")).isFalse();
    }
}
