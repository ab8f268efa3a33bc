package io.github.twssupervisor.config;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A pool of connections by purpose ({@code tws.pool} in reference.conf): each purpose is its own supervised connection
 * with its own client id and its own pacing budget (TWS's message limit is per connection), and inherits every
 * {@code tws.connection} key it does not override.
 *
 * <p>Client ids must be distinct, and so must every id a purpose may rotate to under {@code client-id-policy = rotate}:
 * TWS refuses a second connection with an id in use (326), and orders belong to the client id that placed them, so a
 * purpose that places orders should keep one stable id (the default policy, {@code wait}).
 *
 * @param defaultPurpose the purpose of requests that name none
 * @param purposes       each purpose's connection settings; kept in client-id order
 */
public record PoolSettings(String defaultPurpose, Map<String, ConnectionSettings> purposes) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    /** Validates and copies, ordering the purposes by client id. */
    public PoolSettings {
        Checks.require(purposes != null && !purposes.isEmpty(), "tws.pool.purposes is empty: configure at least one "
                + "purpose, e.g. tws.pool.purposes.orders.client-id = 1");
        Map<String, ConnectionSettings> ordered = new LinkedHashMap<>();
        purposes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ConnectionSettings> e) -> e.getValue().clientId())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        purposes = Collections.unmodifiableMap(ordered);
        purposes.forEach((name, connection) -> {
            Checks.require(name != null && NAME.matcher(name).matches(), "tws.pool.purposes: '" + name
                    + "' is not a purpose name (letters, digits, '-' and '_', starting with a letter or digit)");
            Checks.require(connection != null, "tws.pool.purposes." + name + " has no settings");
        });
        Checks.require(defaultPurpose != null && purposes.containsKey(defaultPurpose), "tws.pool.default = '"
                + defaultPurpose + "' is not one of the purposes " + purposes.keySet());
        distinctClientIds(purposes);
    }

    /**
     * @param purpose a configured purpose
     * @return its connection settings
     * @throws IllegalArgumentException naming the configured purposes, if it is not one of them
     */
    public ConnectionSettings connection(String purpose) {
        ConnectionSettings connection = purposes.get(purpose);
        if (connection == null) {
            throw new IllegalArgumentException("no purpose '" + purpose + "' in the client pool; configured: "
                    + purposes.keySet());
        }
        return connection;
    }

    /**
     * @param change applied to every purpose's settings (e.g. another host and port for all)
     * @return a copy with the changed settings, validated again
     */
    public PoolSettings withEach(UnaryOperator<ConnectionSettings> change) {
        Map<String, ConnectionSettings> changed = new LinkedHashMap<>();
        purposes.forEach((name, connection) -> changed.put(name, change.apply(connection)));
        return new PoolSettings(defaultPurpose, changed);
    }

    /**
     * Refuses a configured client id used by two purposes, and, under the rotate policy, a rotation id that another
     * purpose may use: either would have two connections of the pool take turns at the same id.
     */
    private static void distinctClientIds(Map<String, ConnectionSettings> purposes) {
        Map<Integer, String> owners = new HashMap<>();
        purposes.forEach((name, connection) -> {
            String other = owners.putIfAbsent(connection.clientId(), name);
            Checks.require(other == null, "tws.pool.purposes." + other + " and tws.pool.purposes." + name
                    + " both use client id " + connection.clientId() + ": each purpose needs its own (TWS refuses a "
                    + "client id in use with error 326)");
        });
        Map<Integer, String> claimed = new HashMap<>(owners);
        purposes.forEach((name, connection) -> connection.clientIdsToTry().forEach(id -> {
            String other = claimed.putIfAbsent(id, name);
            Checks.require(other == null || other.equals(name), "tws.pool.purposes." + name
                    + ".client-id-rotation includes client id " + id + ", which tws.pool.purposes." + other
                    + " may use: under client-id-policy = rotate each purpose needs ids of its own");
        }));
    }
}
