package io.github.twssupervisor.testutil;

import static io.github.twssupervisor.testutil.Signals.is;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A soak's subscriber: it counts what it receives and keeps only what the soak's checks need, so that its memory does
 * not grow with the run. Over the whole run: events, ticks, completed Interrupted/Resumed pairs and the first marker
 * out of order, the first loss (Ended, or a duplicate-ticker warning) and the last event. Since the latest
 * {@link #mark()}: the markers (at most {@value #WINDOW_MARKERS}, then only counted), whether a tick came after the
 * last of them, and the first loss.
 *
 * <p>The subscriber actor writes and the test thread reads, so every access is synchronized on the recorder.
 */
public final class SoakRecorder {

    /** A window's markers beyond this are counted, not kept (a recovery has at most a few). */
    static final int WINDOW_MARKERS = 16;

    /**
     * What happened since the mark.
     *
     * @param markers          "Interrupted" / "Resumed", in order (the first {@value #WINDOW_MARKERS})
     * @param markerCount      every marker since the mark
     * @param tickedAfterLast  a tick came after the last marker (after the mark, if none)
     * @param lost             the first Ended or duplicate-ticker warning since the mark
     */
    public record Window(List<String> markers, int markerCount, boolean tickedAfterLast, Optional<String> lost) {
        public Window {
            markers = List.copyOf(markers);
        }
    }

    private final String name;
    private final ActorRef<MarketDataEvent> ref;
    private long events;
    private long ticks;
    private int pairs;
    private boolean interrupted;
    private String misorder;
    private String lostEver;
    private MarketDataEvent last;
    private final List<String> windowMarkers = new ArrayList<>();
    private int windowMarkerCount;
    private boolean windowTicked;
    private String windowLost;

    /**
     * @param kit  spawns the subscriber actor
     * @param name the subscription's name, in messages and the actor's name
     */
    public SoakRecorder(ActorTestKit kit, String name) {
        this.name = name;
        this.ref = kit.spawn(Behaviors.receiveMessage(e -> {
            record(e);
            return Behaviors.same();
        }), "soak-subscriber-" + name.replaceAll("[^A-Za-z0-9]", "-"));
    }

    public String name() {
        return name;
    }

    public ActorRef<MarketDataEvent> ref() {
        return ref;
    }

    private synchronized void record(MarketDataEvent e) {
        events++;
        last = e;
        if (e instanceof MarketDataEvent.Tick) {
            ticks++;
            windowTicked = true;
            return;
        }
        boolean isInterrupted = is(e, Lifecycle.Interrupted.class);
        if (isInterrupted || is(e, Lifecycle.Resumed.class)) {
            if (isInterrupted == interrupted && misorder == null) {
                misorder = (isInterrupted ? "Interrupted" : "Resumed") + " after " + pairs + " pairs";
            }
            if (!isInterrupted && interrupted) {
                pairs++;
            }
            interrupted = isInterrupted;
            windowMarkerCount++;
            if (windowMarkers.size() < WINDOW_MARKERS) {
                windowMarkers.add(isInterrupted ? "Interrupted" : "Resumed");
            }
            windowTicked = false;
            return;
        }
        if (is(e, Lifecycle.Ended.class) || Lifecycle.of(e).orElse(null) instanceof Lifecycle.Warning w
                && w.code() == TwsErrorCode.DUPLICATE_TICKER_ID) {
            if (lostEver == null) {
                lostEver = e.toString();
            }
            if (windowLost == null) {
                windowLost = e.toString();
            }
        }
    }

    /** Starts a new window: what follows is what the next check sees. */
    public synchronized void mark() {
        windowMarkers.clear();
        windowMarkerCount = 0;
        windowTicked = false;
        windowLost = null;
    }

    public synchronized Window window() {
        return new Window(windowMarkers, windowMarkerCount, windowTicked, Optional.ofNullable(windowLost));
    }

    public synchronized long events() {
        return events;
    }

    public synchronized long ticks() {
        return ticks;
    }

    /** @return Interrupted/Resumed pairs completed over the run */
    public synchronized int pairs() {
        return pairs;
    }

    /** @return an Interrupted left without its Resumed */
    public synchronized boolean interrupted() {
        return interrupted;
    }

    /** @return the first marker that did not alternate, if any */
    public synchronized Optional<String> misorder() {
        return Optional.ofNullable(misorder);
    }

    /** @return the first Ended or duplicate-ticker warning of the run, if any */
    public synchronized Optional<String> lost() {
        return Optional.ofNullable(lostEver);
    }

    public synchronized Optional<MarketDataEvent> last() {
        return Optional.ofNullable(last);
    }
}
