package com.healthplan.pa.kineret.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A fixed number of client threads that send a fixed number of requests as fast as they are answered (closed
 * loop: each client sends its next request when the previous one is answered).
 */
final class Clients {

    private Clients() {
    }

    /**
     * One request: when it was sent (wall clock, for matching with database timestamps), how long the answer
     * took (nanoseconds) and its HTTP status (0 when it failed without an answer).
     */
    record Sample(int index, Instant sentAt, long latencyNanos, int status) { }

    /** All samples of one run, and the wall-clock interval from the first request sent to the last answer. */
    record Run(List<Sample> samples, Instant started, Instant finished) {
        /** @return seconds from the first request sent to the last answer */
        double seconds() {
            return (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
        }

        /** @return how many requests were answered with the given status */
        long count(int status) {
            return samples.stream().filter(s -> s.status() == status).count();
        }

        /** @return latencies in milliseconds, sorted */
        double[] latenciesMillis() {
            return samples.stream().mapToDouble(s -> s.latencyNanos() / 1e6).sorted().toArray();
        }
    }

    /**
     * Sends {@code n} requests from {@code clients} threads.
     *
     * @param request sends request {@code i} (0 ≤ i &lt; n) and returns its HTTP status; an exception counts as status 0
     * @return every sample, in the order of {@code i}
     */
    static Run run(int n, int clients, IntFunction<Integer> request) {
        Sample[] samples = new Sample[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Instant started = Instant.now();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        Instant sentAt = Instant.now();
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = request.apply(i);
                        } catch (RuntimeException | AssertionError e) {
                            status = 0;
                        }
                        samples[i] = new Sample(i, sentAt, System.nanoTime() - t0, status);
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("client threads failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new Run(List.of(samples), started, Instant.now());
    }

    /**
     * @param sorted values sorted ascending
     * @param p      percentile, 0-100
     * @return the nearest-rank percentile, or NaN for no values
     */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
