package io.github.twssupervisor.config;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Settings of {@code tws.service} (see reference.conf): the health and metrics endpoint of the runnable's {@code run}.
 *
 * @param http            where the endpoint listens ({@code 127.0.0.1:9464}); empty: no endpoint
 * @param degradedIsReady whether {@code /health/ready} answers 200 in DEGRADED (TWS without its link to IB)
 */
public record ServiceSettings(Optional<InetSocketAddress> http, boolean degradedIsReady) {

    private static final String LOOPBACK = "127.0.0.1";

    /** No endpoint. */
    public static final ServiceSettings OFF = new ServiceSettings(Optional.empty(), false);

    /** Validates. */
    public ServiceSettings {
        Checks.require(http != null, "tws.service.http must be HOST:PORT, PORT or \"\"");
    }

    /**
     * @param address {@code HOST:PORT} ({@code [::1]:9464} for an IPv6 literal), a port alone for loopback
     *                ({@code 9464} is {@code 127.0.0.1:9464}), or null to keep the configured one
     * @return a copy listening there
     * @throws IllegalArgumentException if it is not HOST:PORT with a port from 0 (any free one) to 65535
     */
    public ServiceSettings withHttp(String address) {
        return address == null ? this : new ServiceSettings(parseAddress("--http", address), degradedIsReady);
    }

    /**
     * @param key  the option or key, for the message
     * @param text {@code HOST:PORT}, a port alone (on loopback), or empty for none
     * @return the address, unresolved, or empty
     */
    static Optional<InetSocketAddress> parseAddress(String key, String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        String hostPort = text.chars().allMatch(Character::isDigit) ? LOOPBACK + ":" + text : text;
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        Checks.require(!host.isEmpty() && port >= 0 && port <= 65535, key + " must be HOST:PORT (127.0.0.1:9464) or "
                + "a port on loopback, was '" + text + "'");
        return Optional.of(InetSocketAddress.createUnresolved(host, port));
    }
}
