package com.healthplan.pa.kineret.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) used so far by the application's JVM and by all PostgreSQL server processes on the
 * machine, read from {@code /proc/<pid>/stat} (Linux; fields {@code utime} and {@code stime}, in clock ticks of
 * 1/100 s). The difference of two samples, divided by the requests of a workload, is its CPU cost per request.
 * Backends that exit between the samples are not counted (the application's pool keeps its connections open).
 */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU seconds of the application and of PostgreSQL at one moment; zero where /proc is not readable. */
    record Sample(double appSeconds, double postgresSeconds) {
        /** @return this sample minus an earlier one */
        Sample since(Sample earlier) {
            return new Sample(appSeconds - earlier.appSeconds, postgresSeconds - earlier.postgresSeconds);
        }
    }

    private CpuTime() {
    }

    /**
     * @param appPid process id of the application's JVM
     * @return CPU seconds used so far by it and by every process named {@code postgres}
     */
    static Sample now(long appPid) {
        double postgres = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                String[] stat = stat(p);
                if (stat != null && "postgres".equals(stat[0])) {
                    postgres += seconds(stat);
                }
            }
        } catch (IOException e) {
            return new Sample(0, 0);
        }
        String[] app = stat(Path.of("/proc", Long.toString(appPid)));
        return new Sample(app == null ? 0 : seconds(app), postgres);
    }

    /** @return the command name, then the fields after it; null when the process has gone */
    private static String[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] out = new String[rest.length + 1];
            out[0] = s.substring(open + 1, close);
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime and stime are fields 14 and 15 of /proc/pid/stat: here indexes 12 and 13 after the name. */
    private static double seconds(String[] stat) {
        return (Long.parseLong(stat[12]) + Long.parseLong(stat[13])) / TICKS_PER_SECOND;
    }
}
