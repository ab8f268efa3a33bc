package io.github.twssupervisor.testutil;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Log capture for a long run: only ERROR lines are kept (the first {@value #KEPT}, the rest counted), and while it is
 * installed the root logger's other appenders (the test kit's {@code CapturingAppender}, which keeps every line until
 * the test ends) are detached and the library's logger is at INFO, as in production. For a failure's diagnosis the
 * last {@value #RECENT} lines of any level are kept too, in a ring. {@link #close()} puts everything back.
 */
public final class ErrorLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    static final int KEPT = 100;
    static final int RECENT = 300;

    private final List<String> lines = new ArrayList<>();
    private int count;
    private final Deque<String> recent = new ArrayDeque<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger library = (Logger) LoggerFactory.getLogger("io.github.twssupervisor");
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final Level libraryLevel;

    private ErrorLines() {
        libraryLevel = library.getLevel();
    }

    /** @return capture installed on the root logger */
    public static ErrorLines install() {
        ErrorLines errors = new ErrorLines();
        errors.setContext(errors.root.getLoggerContext());
        errors.start();
        errors.root.iteratorForAppenders().forEachRemaining(errors.detached::add);
        errors.detached.forEach(errors.root::detachAppender);
        errors.root.addAppender(errors);
        errors.library.setLevel(Level.INFO);
        return errors;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            count++;
            if (lines.size() < KEPT) {
                lines.add(event.getLoggerName() + " - " + event.getFormattedMessage());
            }
        }
    }

    /** @return every ERROR line seen */
    public synchronized int count() {
        return count;
    }

    /** @return the first ones */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the latest lines of any level, oldest first */
    public synchronized List<String> recent() {
        return List.copyOf(recent);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        detached.forEach(root::addAppender);
        library.setLevel(libraryLevel);
        stop();
    }
}
