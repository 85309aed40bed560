package com.healthplan.pa.kineret.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retries that race: 20 concurrent POSTs of the same request on a real PostgreSQL 15 create exactly one case and
 * one process instance; one answer is 201, the 19 others 200 with the same case id (the unique constraint on
 * {@code requestId} decides, not a query before the insert).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.max-wait=500", "spring.datasource.hikari.maximum-pool-size=30"})
class ConcurrentSubmissionPostgresTest {

    private static final int CLIENTS = 20;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtime;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres15.register(registry);
    }

    @Test
    void twentyConcurrentRetriesOfOneRequestCreateOneCase() throws Exception {
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        String requestId = "RACE-" + UUID.randomUUID();
        request.put("requestId", requestId);
        String body = request.toString();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Callable<ApiClient.Response> post = () -> {
                    start.await();
                    return new ApiClient(port).submit(body);
                };
                answers.add(pool.submit(post));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            Assertions.assertThat(responses).extracting(ApiClient.Response::status)
                    .as("one created, the others replayed").containsOnly(201, 200)
                    .filteredOn(s -> s == 201).hasSize(1);
            Assertions.assertThat(responses).extracting(r -> r.json().get("id").asText()).containsOnly(
                    responses.get(0).json().get("id").asText());
        } finally {
            pool.shutdownNow();
        }
        Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM pa_request WHERE request_id = ?").param(requestId)
                .query(Long.class).single()).isEqualTo(1);
        Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).count()).isEqualTo(1);
    }
}
