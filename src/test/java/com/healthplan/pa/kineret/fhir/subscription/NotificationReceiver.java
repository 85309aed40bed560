package com.healthplan.pa.kineret.fhir.subscription;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rest-hook receiver on a free local port (JDK {@link HttpServer}): records every POST to {@code /notify} with
 * its headers and body, and answers 503 while failures are left to give, 200 afterwards.
 */
final class NotificationReceiver implements AutoCloseable {

    /** One request as received and the status it was answered with. */
    record Received(String contentType, String authorization, String body, int answeredWith) { }

    private final HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Received> requests = new CopyOnWriteArrayList<>();

    private NotificationReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            requests.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** @return a started receiver that answers 200 */
    static NotificationReceiver start() {
        try {
            return new NotificationReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param count how many of the next requests are answered 503 */
    void failNext(int count) {
        failuresLeft.set(count);
    }

    /** @return the endpoint URL, {@code http://localhost:{port}/notify} */
    String endpoint() {
        return "http://localhost:" + server.getAddress().getPort() + "/notify";
    }

    /** @return every request received, in order */
    List<Received> requests() {
        return List.copyOf(requests);
    }

    /** @return the requests answered 200 */
    List<Received> delivered() {
        return requests.stream().filter(r -> r.answeredWith() == 200).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
