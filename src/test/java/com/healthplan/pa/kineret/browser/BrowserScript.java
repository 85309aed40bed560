package com.healthplan.pa.kineret.browser;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Node.js browser scripts of {@code src/test/browser} for the browser tests: checks that node,
 * playwright-core and Chromium are there (failing with what to install, never skipping), and runs a script with
 * a time limit, echoing and collecting its output.
 */
final class BrowserScript {

    /** Longest a browser script may run. */
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(180);

    private BrowserScript() {
    }

    /** The script's exit code and its output (stdout and stderr). */
    record Result(int exitCode, String output) {
    }

    /** Runs the command in {@code dir}, echoing and collecting its output; kills it after {@link #SCRIPT_TIMEOUT}. */
    static Result run(List<String> command, Path dir) throws InterruptedException {
        System.out.println("running " + String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command.get(0), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the script reads no input
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "browser-script-output");
        reader.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            synchronized (output) {
                throw new AssertionError(command.get(command.size() > 1 ? 1 : 0) + " did not finish within " + SCRIPT_TIMEOUT + "; its output:\n" + output);
            }
        }
        reader.join(10000);
        synchronized (output) {
            return new Result(process.exitValue(), output.toString());
        }
    }

    /**
     * @return the path of {@code node}
     * @throws AssertionError naming what to install when node, playwright-core or Chromium is missing
     */
    static String requireBrowserTooling(Path basedir) {
        List<String> missing = new ArrayList<>();
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            missing.add("node is not on the PATH: install Node.js 20 or newer, with npm");
        }
        if (!Files.isDirectory(basedir.resolve("src/test/browser/node_modules/playwright-core"))) {
            missing.add("src/test/browser/node_modules/playwright-core is missing: run npm ci --prefix src/test/browser");
        }
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM_PATH")).filter(s -> !s.isBlank()).orElse("/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            missing.add("no Chromium at " + chromium + ": apt-get install -y chromium (or set CHROMIUM_PATH)");
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The Tasklist browser test cannot run (.ci/run installs Chromium and playwright-core):\n  - "
                    + String.join("\n  - ", missing));
        }
        return node.orElseThrow().toString();
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(s -> Path.of(s, program))
                .filter(Files::isExecutable).findFirst();
    }
}
