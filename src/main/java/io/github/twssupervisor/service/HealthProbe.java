package io.github.twssupervisor.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A health check for images without curl or wget: {@code java -cp tws-supervisor.jar
 * io.github.twssupervisor.service.HealthProbe http://127.0.0.1:9464/health/ready} exits 0 on a 200 answer and 1
 * otherwise (another status, no answer within two seconds), printing the answer's body. Plain JDK, no Akka, so the
 * JVM starts and ends in a fraction of a second; the Dockerfile's HEALTHCHECK runs it.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MS = 2000;

    private HealthProbe() {
    }

    /**
     * @param args the URL to ask (default {@code http://127.0.0.1:9464/health/ready})
     */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:9464/health/ready";
        System.exit(probe(url) ? 0 : 1);
    }

    /**
     * @param url what to GET
     * @return whether it answered 200; the body or the failure is printed
     */
    static boolean probe(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                System.out.print(status + " " + text);
            }
            connection.disconnect();
            return status == 200;
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("no answer from " + url + ": " + e);
            return false;
        }
    }
}
