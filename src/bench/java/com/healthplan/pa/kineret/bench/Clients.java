package com.healthplan.pa.kineret.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The load generators: a fixed number of client threads that send a fixed number of requests as fast as they are
 * answered (closed loop: each client sends its next request when the previous one is answered, {@link #run}), and
 * requests sent at a fixed offered rate whatever the answers take (open loop, {@link #openLoop}).
 */
final class Clients {

    private Clients() {
    }

    /**
     * One request: when it was sent (wall clock, for matching with database timestamps; in the open loop the time
     * it was scheduled), how long the answer took from then (nanoseconds), its HTTP status (0 when it failed
     * without an answer), and how late it was actually sent after its scheduled time (open loop; 0 in the closed
     * loop).
     */
    record Sample(int index, Instant sentAt, long latencyNanos, int status, long latenessNanos) { }

    /**
     * All samples of one run, and the wall-clock interval from the first request sent (open loop: the first
     * scheduled send) to the last answer.
     */
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

        /** @return the largest lateness of a send after its scheduled time, milliseconds (0 in the closed loop) */
        double maxLatenessMillis() {
            return samples.stream().mapToLong(Sample::latenessNanos).max().orElse(0) / 1e6;
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
                        int status = statusOf(request, i);
                        samples[i] = new Sample(i, sentAt, System.nanoTime() - t0, status, 0);
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
     * Sends {@code n} requests at a fixed rate (open loop): request {@code i} is scheduled at
     * start + i ÷ {@code perSecond}, whatever the earlier ones take. A pacing thread waits for each scheduled time
     * and hands the send to a pool of {@code threads} threads (an unbounded queue in front of it). The latency is
     * counted from the scheduled time, not from the actual send, so that a send which had to wait (for a free
     * thread, or for the pacing thread) still counts its wait (no coordinated omission); the wait itself is the
     * sample's lateness.
     *
     * @param request sends request {@code i} (0 ≤ i &lt; n) and returns its HTTP status; an exception counts as status 0
     * @return every sample, in the order of {@code i}; {@code sentAt} is the scheduled time, {@code started} the
     *         first scheduled time
     */
    static Run openLoop(int n, double perSecond, int threads, IntFunction<Integer> request) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("offered rate must be positive: " + perSecond);
        }
        Sample[] samples = new Sample[n];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sends = new ArrayList<>(n);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try {
            for (int c = 0; c < n; c++) {
                int i = c;
                long offset = Math.round(i * 1e9 / perSecond);
                long scheduled = t0 + offset;
                for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                Instant scheduledAt = started.plusNanos(offset);
                sends.add(pool.submit(() -> {
                    long actual = System.nanoTime();
                    int status = statusOf(request, i);
                    samples[i] = new Sample(i, scheduledAt, System.nanoTime() - scheduled, status,
                            Math.max(0, actual - scheduled));
                }));
            }
            for (Future<?> s : sends) {
                s.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("open-loop sends failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new Run(List.of(samples), started, Instant.now());
    }

    /** @return the HTTP status of request {@code i}, or 0 when it failed without an answer */
    private static int statusOf(IntFunction<Integer> request, int i) {
        try {
            return request.apply(i);
        } catch (RuntimeException | AssertionError e) {
            return 0;
        }
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
