# syntax=docker/dockerfile:1
# tws-supervisor as a service: `run` with its health and metrics endpoint on port 9464.
#   docker build -t tws-supervisor .
#   docker run --rm -p 127.0.0.1:9464:9464 -v tws-state:/app/tws-state tws-supervisor \
#       run --http 0.0.0.0:9464 --host ib-gateway --port 4004 --client-id 1
# See the README, "Running as a service", for a docker compose file beside an IB Gateway container.

# ---- build: the shaded jar (tests are run by `mvn verify` in CI, not here)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# ---- run: a JRE 17, the jar and the runnable's conf/ (application.conf, logback.xml: logs to stderr)
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app tws \
    && mkdir -p /app/tws-state && chown tws /app/tws-state
WORKDIR /app
COPY --from=build /src/target/tws-supervisor.jar /app/tws-supervisor.jar
COPY conf /app/conf
USER tws
# The order-id high-water mark (tws.orders.state-dir = tws-state, relative to /app): keep it on a volume, so that an
# order id is never reused after the container is replaced.
VOLUME /app/tws-state
EXPOSE 9464
# Ready = the connection to TWS is READY. The probe is java itself (the JRE image has no curl): a plain-JDK class of
# the jar that exits 0 on 200. Keep the URL's port in step with --http below.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-cp", "/app/tws-supervisor.jar", \
         "io.github.twssupervisor.service.HealthProbe", "http://127.0.0.1:9464/health/ready"]
# SIGTERM (docker stop) closes the connection gracefully and prints the summary.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tws-supervisor.jar"]
# 0.0.0.0: reachable through the container's published port (the endpoint logs a WARN for any non-loopback address).
CMD ["run", "--http", "0.0.0.0:9464", "--json"]
