package io.github.twssupervisor.testutil;

import akka.actor.testkit.typed.internal.CapturingAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 counterpart of Akka's JUnit 4 {@code LogCapturing} rule: logs are captured silently and printed only for a
 * test that failed, so a green run stays quiet and a red one shows what the actors said.
 */
public final class LogCapturing implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        CapturingAppender.get("").clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CapturingAppender appender = CapturingAppender.get("");
        if (context.getExecutionException().isPresent()) {
            System.out.println("--> logs of failed test " + context.getDisplayName());
            appender.flush();
            System.out.println("<-- end of logs of " + context.getDisplayName());
        }
        appender.clear();
    }
}
