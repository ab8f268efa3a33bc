package io.github.twssupervisor.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.twssupervisor.client.TwsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of a service that runs one {@link TwsClient}, on the JDK's built-in server:
 *
 * <pre>
 * GET /health/live   200 "LIVE" while the client's actor system runs, 503 once it terminated
 * GET /health/ready  200 "READY" in READY (and in DEGRADED if degraded-is-ready), else 503 with the reason
 * GET /metrics       200 Prometheus text (text/plain; version=0.0.4), if a source of it was given; else 404
 * </pre>
 *
 * Off unless started: the runnable's {@code run --http HOST:PORT} (or {@code tws.service.http}) starts one, and an
 * embedding application may. Requests are served on the server's own dispatcher thread (the JDK's default executor:
 * no pool of ours); every answer is computed from lock-free counters and needs no actor, so none waits. Binding
 * anywhere but loopback is logged at WARN: there is no authentication.
 */
public final class ServiceEndpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoints.class);
    /** The Prometheus text exposition format's content type. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;

    private ServiceEndpoints(HttpServer server) {
        this.server = server;
    }

    /**
     * Binds and starts the endpoint.
     *
     * @param address         where to listen; port 0 takes a free one ({@link #address()} tells which)
     * @param client          whose health is reported
     * @param degradedIsReady whether {@code /health/ready} answers 200 in DEGRADED
     * @param metrics         the text of {@code /metrics} (a {@code PrometheusMeterRegistry::scrape}), or null for
     *                        no {@code /metrics}
     * @return the running endpoint
     * @throws IOException if the address cannot be bound (in use, not a local address)
     */
    public static ServiceEndpoints start(InetSocketAddress address, TwsClient client, boolean degradedIsReady,
                                         Supplier<String> metrics) throws IOException {
        InetSocketAddress resolved = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        if (resolved.isUnresolved()) {
            throw new IOException("cannot resolve the endpoint's host " + address.getHostString());
        }
        HttpServer server = HttpServer.create(resolved, 0);
        server.createContext("/health/live", exact("/health/live", exchange -> {
            boolean live = !client.system().getWhenTerminated().toCompletableFuture().isDone();
            respond(exchange, live ? 200 : 503, TEXT, live ? "LIVE\n" : "NOT LIVE: the actor system terminated\n");
        }));
        server.createContext("/health/ready", exact("/health/ready", exchange -> {
            Optional<String> notReady = Health.notReady(client.state(), client.metrics().lastFailure(),
                    degradedIsReady);
            respond(exchange, notReady.isEmpty() ? 200 : 503, TEXT, notReady.orElse(client.state().name()) + "\n");
        }));
        if (metrics != null) {
            server.createContext("/metrics", exact("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT,
                    metrics.get())));
        }
        server.createContext("/", exchange -> respond(exchange, 404, TEXT, "not found: /health/live, "
                + "/health/ready" + (metrics == null ? "" : ", /metrics") + "\n"));
        // No executor set: the JDK serves requests on the server's own dispatcher thread, which suffices for health
        // checks and scrapes (each answer is computed without waiting).
        server.start();
        InetSocketAddress bound = server.getAddress();
        if (bound.getAddress().isLoopbackAddress()) {
            LOG.info("Health and metrics endpoint on http://{}:{}/", bound.getHostString(), bound.getPort());
        } else {
            LOG.warn("Health and metrics endpoint on http://{}:{}/, not on loopback: it has no authentication, so "
                    + "keep the port behind a firewall or inside a container network", bound.getHostString(),
                    bound.getPort());
        }
        return new ServiceEndpoints(server);
    }

    /** @return the address it listens on, with the actual port */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once; requests in progress are cut. */
    @Override
    public void close() {
        server.stop(0);
    }

    /** A context matches every path under its own: only the path itself is served, with GET or HEAD. */
    private static HttpHandler exact(String path, HttpHandler handler) {
        return exchange -> {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, TEXT, "not found\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, "only GET and HEAD\n");
            } else {
                handler.handle(exchange);
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
