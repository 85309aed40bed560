package com.healthplan.pa.kineret.operations;

import org.assertj.core.api.Assertions;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Checks on the stored cases of an operations test, made straight in the shared database. */
final class CaseRecords {

    private CaseRecords() {
    }

    /**
     * Every case of the prefix has exactly one process instance and exactly one system evaluation (the route
     * determination) in the audit trail; an approved case has one approval and one authorization.
     */
    static void assertEachEvaluatedOnce(JdbcClient db, String prefix) {
        Assertions.assertThat(db.sql("""
                        SELECT business_key_ FROM act_hi_procinst WHERE business_key_ LIKE ?
                        GROUP BY business_key_ HAVING COUNT(*) <> 1""").param(prefix + "-%").query(String.class).list())
                .as("requests with other than one process instance").isEmpty();
        Assertions.assertThat(db.sql("""
                        SELECT r.request_id FROM pa_request r
                        WHERE r.request_id LIKE ? AND (SELECT COUNT(*) FROM pa_determination d
                          WHERE d.pa_request_id = r.id AND d.kind = 'SYSTEM' AND d.outcome = r.route) <> 1""")
                .param(prefix + "-%").query(String.class).list())
                .as("requests evaluated other than once").isEmpty();
        Assertions.assertThat(db.sql("""
                        SELECT r.request_id FROM pa_request r
                        WHERE r.request_id LIKE ? AND r.status = 'APPROVED' AND ((SELECT COUNT(*) FROM pa_determination d
                          WHERE d.pa_request_id = r.id AND d.outcome = 'APPROVED') <> 1
                          OR (SELECT COUNT(*) FROM pa_authorization a WHERE a.pa_request_id = r.id) <> 1)""")
                .param(prefix + "-%").query(String.class).list())
                .as("approved requests without exactly one approval and one authorization").isEmpty();
    }
}
