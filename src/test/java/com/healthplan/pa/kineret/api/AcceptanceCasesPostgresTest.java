package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The acceptance cases against the application on a real PostgreSQL 15 (embedded server). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.max-wait=500"})
class AcceptanceCasesPostgresTest extends AbstractAcceptanceCasesTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres15.register(registry);
    }
}
