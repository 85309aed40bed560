package com.healthplan.pa.kineret.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Intake traffic for operations tests: fresh requests made from the acceptance cases, POSTed by concurrent
 * clients to one or more nodes, every answer kept. A POST that gets no answer (connection refused or reset, as
 * when a node dies) is recorded as status {@value #NO_ANSWER}; it may or may not have been stored, and the
 * intake system's retry (same {@code requestId}, same content) settles it.
 */
public final class IntakeLoad {

    /** Status recorded for a POST that got no HTTP answer. */
    public static final int NO_ANSWER = -1;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** One request ready to send. */
    public record Submission(String requestId, String json) {
    }

    /**
     * The request of an acceptance case with a new {@code requestId} and a member id of its own (so that renewals
     * and authorizations of different submissions never meet).
     *
     * @param source    the acceptance case
     * @param requestId the new request id (≤ 100 characters)
     * @return the request as JSON text
     */
    public static Submission fresh(AcceptanceCases.Case source, String requestId) {
        ObjectNode request = source.request().deepCopy();
        request.put("requestId", requestId);
        ObjectNode member = (ObjectNode) request.get("member");
        member.put("id", member.get("id").asText() + "-" + Integer.toHexString(requestId.hashCode()));
        return new Submission(requestId, request.toString());
    }

    /**
     * {@code count} fresh requests cycling through every acceptance case, ids {@code <prefix>-<n>}.
     *
     * @return the submissions in order
     */
    public static List<Submission> freshFromAllCases(String prefix, int count) {
        List<AcceptanceCases.Case> cases = AcceptanceCases.all();
        List<Submission> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(fresh(cases.get(i % cases.size()), prefix + "-" + i));
        }
        return out;
    }

    /**
     * POSTs every submission once with {@code clients} concurrent clients and waits for all answers.
     *
     * @param ports      node ports (localhost)
     * @param nodeOf     index of the submission → index into {@code ports}
     * @param clients    concurrent clients
     * @param submission the requests
     * @throws IllegalStateException when the clients do not finish within 10 minutes
     */
    public void postAll(int[] ports, IntUnaryOperator nodeOf, int clients, List<Submission> submission) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < submission.size(); i++) {
                int index = i;
                done.add(pool.submit(() -> post(ports[nodeOf.applyAsInt(index)], submission.get(index))));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("intake clients did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts {@code clients} clients that POST the submissions in order to one node until they run out or
     * {@link #stop()} is called; returns at once.
     *
     * @return the client pool, to be awaited by the caller
     */
    public ExecutorService postInBackground(int port, int clients, List<Submission> submission) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                int i;
                while (!stopped.get() && (i = next.getAndIncrement()) < submission.size()) {
                    post(port, submission.get(i));
                }
            });
        }
        pool.shutdown();
        return pool;
    }

    /** Makes background clients stop after their current POST. */
    public void stop() {
        stopped.set(true);
    }

    /**
     * POSTs one request as the demo intake user and records the answer.
     *
     * @return the HTTP status, or {@value #NO_ANSWER}
     */
    public int post(int port, Submission s) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/prior-authorizations"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", ApiClient.basic("intake", "intake"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(s.json()))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = NO_ANSWER;
        }
        answers.put(s.requestId(), status);
        return status;
    }

    /** @return requestId → last status recorded ({@value #NO_ANSWER} for no answer) */
    public Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }
}
