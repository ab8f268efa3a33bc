package io.github.twssupervisor.cli;

import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ServiceSettings;
import io.github.twssupervisor.service.ServiceEndpoints;
import io.github.twssupervisor.service.TwsMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * {@code run --http HOST:PORT}: a Prometheus registry with the client's meters and the JVM's, served with the health
 * checks by {@link ServiceEndpoints}. Prints where it listens (the port, when 0 was asked for) as the line
 * {@code http listening on HOST:PORT}, or {@code {"event":"http","host":...,"port":...}} with {@code --json}.
 */
final class HttpEndpoint implements AutoCloseable {

    private final ServiceEndpoints endpoints;
    private final TwsMetrics metrics;
    private final JvmGcMetrics gc;

    private HttpEndpoint(ServiceEndpoints endpoints, TwsMetrics metrics, JvmGcMetrics gc) {
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.gc = gc;
    }

    /**
     * @param client   whose health and meters are served
     * @param settings where, and whether DEGRADED is ready
     * @param out      gets the line that says where it listens
     * @param json     whether that line is JSON
     * @return the running endpoint, or null when {@code settings} has no address
     * @throws TwsSession.CommandFailure if the address cannot be bound
     */
    static HttpEndpoint start(TwsClient client, ServiceSettings settings, PrintStream out, boolean json) {
        if (settings.http().isEmpty()) {
            return null;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        TwsMetrics metrics = TwsMetrics.bindTo(client, registry);
        InetSocketAddress address = settings.http().get();
        ServiceEndpoints endpoints;
        try {
            endpoints = ServiceEndpoints.start(address, client, settings.degradedIsReady(), registry::scrape);
        } catch (IOException e) {
            metrics.close();
            gc.close();
            throw new TwsSession.CommandFailure("cannot serve --http on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage());
        }
        InetSocketAddress bound = endpoints.address();
        String host = bound.getAddress().getHostAddress();
        out.println(json ? Json.object("http").put("host", host).put("port", bound.getPort()).toString()
                : "http listening on " + host + ":" + bound.getPort());
        out.flush();
        return new HttpEndpoint(endpoints, metrics, gc);
    }

    @Override
    public void close() {
        endpoints.close();
        metrics.close();
        gc.close();
    }
}
