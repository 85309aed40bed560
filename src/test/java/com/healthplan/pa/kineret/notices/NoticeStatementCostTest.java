package com.healthplan.pa.kineret.notices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the determination notices cost an automatic approval, the benchmarked path (bench/README.md: statements per
 * request at most 140): counted with H2's query statistics over automatic approvals submitted through {@code /api},
 * the notices' statements are one read of the case with its authorization and one insert of both rows.
 */
@AppTest
class NoticeStatementCostTest {

    private static final int CASES = 5;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAutomaticApprovalCostsTwoStatementsForItsNotices() {
        ApiClient api = new ApiClient(port);
        jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 100000").update();
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            ObjectNode request = AcceptanceCases.named("01-ra-initial-all-met.json").request().deepCopy();
            request.put("requestId", "COST-" + UUID.randomUUID());
            ApiClient.Response created = api.submit(request.toString());
            Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id").asText());
        }
        for (String id : ids) {
            Assertions.assertThat(api.awaitDetermination(id, Duration.ofSeconds(30)).get("status").asText())
                    .isEqualTo("APPROVED");
        }
        List<Map<String, Object>> statistics = jdbc.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT "
                + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS").query().listOfRows();
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        long notices = 0;
        for (Map<String, Object> row : statistics) {
            String sql = row.get("SQL_STATEMENT").toString().toLowerCase(Locale.ROOT);
            long count = ((Number) row.get("EXECUTION_COUNT")).longValue();
            if (sql.contains("pa_determination_notice") || sql.contains("left join pa_authorization a on a.pa_request_id")) {
                notices += count;
            }
        }
        System.out.printf("automatic approvals on H2: %.1f statements per request for the notices%n",
                (double) notices / CASES);
        Assertions.assertThat(notices).as("statements of the notices in %d automatic approvals", CASES)
                .isEqualTo(2L * CASES);
    }
}
