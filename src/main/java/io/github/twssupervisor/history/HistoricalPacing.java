package io.github.twssupervisor.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Admission control for historical-data requests, so that TWS never answers one with error 162 "Historical data
 * request pacing violation". TWS-WIRE.md §7 lists the violations (TWS applies them to bars of 30 s or less; we apply
 * them to every request, which costs little and is always safe):
 *
 * <pre>
 *   rule                 window          limit                               key
 *   identical request    15 s            0 repeats (a repeat goes at 15 s)   identityKey
 *   same contract        2 s sliding     5 weight units                      contractKey (contract/exchange/tick type)
 *   rolling             10 min sliding  60 weight units                     all requests
 *   open                 -               50 sent and not yet answered        all requests
 *
 *   weight: 1, or 2 for BID_ASK ("BID_ASK requests count twice", §7); the open limit counts requests, not weight.
 *
 *   time --&gt;   |sent|..........2 s..........|  at exactly sent+2 s the unit is free again
 *              |sent|..................10 min...................|  likewise at sent+10 min
 * </pre>
 *
 * A request that may not go now waits in a bounded queue ({@link PacingLimits#queueCapacity()}); beyond it, it is
 * {@link PacingAdmission.Refused}.
 *
 * <p><b>Queue order: FIFO with per-key skipping.</b> {@link #due} walks the queue in arrival order. An entry held back
 * by a rule about its own keys (identical-15-s, same-contract-2-s, its 162 retry delay) is skipped, and later entries
 * for other keys may go ahead of it; later entries sharing its identity or contract key are held too, so requests for
 * one contract keep their order. An entry held back by a shared rule (rolling 10 min, open slots) ends the walk:
 * nothing behind it goes first, so a BID_ASK request needing two units is not starved by single-unit ones.
 *
 * <p>Plain Java for one owner (an actor), not thread-safe, and it never reads a clock: every method that depends on
 * time takes {@code now}, which must not go backwards. Memory stays bounded: send times leave their window's record
 * as soon as that window has passed, and the queue, the open set and the retry set are bounded by
 * {@link PacingLimits#queueCapacity()} and {@link PacingLimits#maxOpen()}.
 */
public final class HistoricalPacing {

    /** One sent request's weight in a sliding window. */
    private record Sent(Instant at, int weight) {
    }

    private record Waiting(PacedRequest request, Instant notBefore) {
    }

    private final PacingLimits limits;
    /** Overridden in the dry run that computes an eta, which cannot know when TWS will answer. */
    private final int openCap;
    /** Last send per identity key, in send order, so the oldest is first to prune. */
    private final LinkedHashMap<String, Instant> lastIdentical = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Sent>> sameContract = new HashMap<>();
    private final ArrayDeque<Sent> rolling = new ArrayDeque<>();
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final Set<Long> open = new HashSet<>();
    /** PacedRequest ids that have had their one retry after a 162. */
    private final Set<Long> retried = new HashSet<>();
    private Instant lastNow = Instant.MIN;

    public HistoricalPacing(PacingLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.openCap = limits.maxOpen();
    }

    /** A copy for a dry run: same windows and queue, no open-slot limit. */
    private HistoricalPacing(HistoricalPacing other) {
        this.limits = other.limits;
        this.openCap = Integer.MAX_VALUE;
        this.lastIdentical.putAll(other.lastIdentical);
        other.sameContract.forEach((key, sent) -> this.sameContract.put(key, new ArrayDeque<>(sent)));
        this.rolling.addAll(other.rolling);
        this.queue.addAll(other.queue);
        this.open.addAll(other.open);
        this.lastNow = other.lastNow;
    }

    public static HistoricalPacing withTwsLimits() {
        return new HistoricalPacing(PacingLimits.TWS);
    }

    /**
     * Admits a new request: {@link Send} if it may go now and nothing queued ahead of it would go first,
     * {@link Queued} if it must wait, {@link PacingAdmission.Refused} if the queue is full or its id is already queued or open.
     */
    public PacingAdmission submit(PacedRequest request, Instant now) {
        return submit(request, now, true);
    }

    /**
     * The same; without {@code withEta} a {@link PacingAdmission.Queued} carries no eta (null), which spares the
     * forecast's cost when nobody listens (with hundreds waiting, it made each submit cost milliseconds).
     */
    PacingAdmission submit(PacedRequest request, Instant now, boolean withEta) {
        Objects.requireNonNull(request, "request");
        advance(now);
        if (open.contains(request.requestId()) || isQueued(request.requestId())) {
            return new PacingAdmission.Refused("request id " + request.requestId() + " is already queued or open");
        }
        if (queue.isEmpty() || onlyHeldAhead(now, request)) {
            if (maySend(request, now, Set.of(), Set.of())) {
                record(request, now);
                return new PacingAdmission.Send();
            }
        }
        if (queue.size() >= limits.queueCapacity()) {
            return new PacingAdmission.Refused("historical-data pacing queue is full (" + limits.queueCapacity()
                    + " requests waiting); request id " + request.requestId() + " not accepted");
        }
        queue.addLast(new Waiting(request, Instant.MIN));
        return withEta ? forecast(now).get(request.requestId()) : new PacingAdmission.Queued(queue.size(), null);
    }

    /**
     * Removes and returns, in queue order, the queued requests that may go now, and counts them as sent and open.
     * Call it when the timer set from {@link #nextDue} fires and after {@link #answered}.
     */
    public List<PacedRequest> due(Instant now) {
        advance(now);
        List<PacedRequest> go = new ArrayList<>();
        Set<String> heldIdentities = new HashSet<>();
        Set<String> heldContracts = new HashSet<>();
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            PacedRequest r = w.request();
            if (keyHeld(w, now, heldIdentities, heldContracts)) {
                heldIdentities.add(r.identityKey());
                heldContracts.add(r.contractKey());
                continue;
            }
            if (!sharedRulesAllow(r, now)) {
                break;
            }
            it.remove();
            record(r, now);
            go.add(r);
        }
        return go;
    }

    /**
     * When {@link #due} will next hand out a request if nothing changes: {@code now} if something may go already,
     * empty if the queue is empty or every open slot is taken (then the next {@link #answered} is the trigger).
     */
    public Optional<Instant> nextDue(Instant now) {
        advance(now);
        if (queue.isEmpty() || open.size() >= openCap) {
            return Optional.empty();
        }
        // The walk in due() can go at a time only when some window ends or a retry delay passes, so try those
        // instants in order; once every window is empty the head goes, so the last one always answers.
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(now);
        lastIdentical.values().forEach(at -> candidates.add(at.plus(limits.identicalRequestWindow())));
        sameContract.values().forEach(sent -> sent.forEach(s -> candidates.add(s.at().plus(limits.sameContractWindow()))));
        rolling.forEach(s -> candidates.add(s.at().plus(limits.rollingWindow())));
        queue.forEach(w -> candidates.add(w.notBefore()));
        for (Instant t : candidates.tailSet(now, true)) {
            if (anyMayGo(t)) {
                return Optional.of(t);
            }
        }
        throw new IllegalStateException("no instant lets the queue head go; the limits cannot be met");
    }

    /** The request's answer (data end, or an error other than 162) arrived, or a keepUpToDate request ended. */
    public void answered(PacedRequest request) {
        open.remove(request.requestId());
        retried.remove(request.requestId());
    }

    /**
     * TWS refused the request with error 162 despite our pacing (another client of the same TWS, or TWS counting
     * differently). Frees its open slot, and the first time puts it back at the head of the queue, not to go before
     * {@link PacingLimits#retryAfter162()} has passed.
     *
     * @return whether it will be retried (through {@link #due}); false the second time, when the caller reports it
     */
    public boolean failedWith162(PacedRequest request, Instant now) {
        advance(now);
        open.remove(request.requestId());
        if (!retried.add(request.requestId())) {
            retried.remove(request.requestId());
            return false;
        }
        // Past the capacity check on purpose: it was admitted once, and its place is at the front.
        queue.addFirst(new Waiting(request, now.plus(limits.retryAfter162())));
        return true;
    }

    /** The caller gave up on the request (cancelHistoricalData): removes it from the queue or frees its slot. */
    public boolean cancel(PacedRequest request) {
        retried.remove(request.requestId());
        boolean wasOpen = open.remove(request.requestId());
        return queue.removeIf(w -> w.request().requestId() == request.requestId()) || wasOpen;
    }

    /** How many entries the pacing state holds, for tests that check it stays bounded. */
    Footprint footprint() {
        int contractSends = sameContract.values().stream().mapToInt(ArrayDeque::size).sum();
        return new Footprint(lastIdentical.size(), sameContract.size(), contractSends, rolling.size(), queue.size(),
                open.size(), retried.size());
    }

    record Footprint(int identities, int contracts, int contractSends, int rollingSends, int queued, int open,
                     int retried) {
    }

    // ---- rules

    private boolean onlyHeldAhead(Instant now, PacedRequest request) {
        Set<String> heldIdentities = new HashSet<>();
        Set<String> heldContracts = new HashSet<>();
        for (Waiting w : queue) {
            if (!keyHeld(w, now, heldIdentities, heldContracts)) {
                return false; // it may go, or it blocks the shared rules: either way it is first
            }
            heldIdentities.add(w.request().identityKey());
            heldContracts.add(w.request().contractKey());
        }
        return !heldIdentities.contains(request.identityKey()) && !heldContracts.contains(request.contractKey());
    }

    private boolean maySend(PacedRequest r, Instant now, Set<String> heldIdentities, Set<String> heldContracts) {
        return !keyHeld(new Waiting(r, Instant.MIN), now, heldIdentities, heldContracts) && sharedRulesAllow(r, now);
    }

    /** Held by a rule about its own keys, or behind an earlier entry with the same key. */
    private boolean keyHeld(Waiting w, Instant t, Set<String> heldIdentities, Set<String> heldContracts) {
        PacedRequest r = w.request();
        if (heldIdentities.contains(r.identityKey()) || heldContracts.contains(r.contractKey())) {
            return true;
        }
        if (t.isBefore(w.notBefore())) {
            return true;
        }
        Instant last = lastIdentical.get(r.identityKey());
        if (last != null && t.isBefore(last.plus(limits.identicalRequestWindow()))) {
            return true;
        }
        int used = weightWithin(sameContract.get(r.contractKey()), limits.sameContractWindow(), t);
        return used + r.weight() > limits.sameContractMax();
    }

    private boolean sharedRulesAllow(PacedRequest r, Instant t) {
        return open.size() < openCap
                && weightWithin(rolling, limits.rollingWindow(), t) + r.weight() <= limits.rollingMax();
    }

    private boolean anyMayGo(Instant t) {
        if (open.size() >= openCap) {
            return false;
        }
        Set<String> heldIdentities = new HashSet<>();
        Set<String> heldContracts = new HashSet<>();
        for (Waiting w : queue) {
            if (keyHeld(w, t, heldIdentities, heldContracts)) {
                heldIdentities.add(w.request().identityKey());
                heldContracts.add(w.request().contractKey());
                continue;
            }
            return sharedRulesAllow(w.request(), t);
        }
        return false;
    }

    /** Weight of the sends still inside the window at {@code t}; a send leaves it at exactly {@code at + window}. */
    private static int weightWithin(ArrayDeque<Sent> sent, Duration window, Instant t) {
        if (sent == null) {
            return 0;
        }
        int weight = 0;
        for (Sent s : sent) {
            if (t.isBefore(s.at().plus(window))) {
                weight += s.weight();
            }
        }
        return weight;
    }

    // ---- state

    private void record(PacedRequest r, Instant now) {
        Sent sent = new Sent(now, r.weight());
        lastIdentical.remove(r.identityKey()); // re-insert: the map stays in send order
        lastIdentical.put(r.identityKey(), now);
        sameContract.computeIfAbsent(r.contractKey(), k -> new ArrayDeque<>()).addLast(sent);
        rolling.addLast(sent);
        open.add(r.requestId());
    }

    private boolean isQueued(long requestId) {
        for (Waiting w : queue) {
            if (w.request().requestId() == requestId) {
                return true;
            }
        }
        return false;
    }

    /** Checks the clock and forgets every send whose window has passed. */
    private void advance(Instant now) {
        Objects.requireNonNull(now, "now");
        if (now.isBefore(lastNow)) {
            throw new IllegalArgumentException("time went backwards: " + now + " after " + lastNow);
        }
        lastNow = now;
        for (Iterator<Instant> it = lastIdentical.values().iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().plus(limits.identicalRequestWindow()))) {
                break;
            }
            it.remove();
        }
        for (Iterator<ArrayDeque<Sent>> it = sameContract.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Sent> sent = it.next();
            dropPassed(sent, limits.sameContractWindow(), now);
            if (sent.isEmpty()) {
                it.remove();
            }
        }
        dropPassed(rolling, limits.rollingWindow(), now);
    }

    private static void dropPassed(ArrayDeque<Sent> sent, Duration window, Instant now) {
        while (!sent.isEmpty() && !now.isBefore(sent.peekFirst().at().plus(window))) {
            sent.pollFirst();
        }
    }

    /**
     * @return by request id in queue order, each queued request's 1-based place and when it should go by the windows
     *     alone; runs the queue forward on a copy until it is empty: exact for every rule and the skipping, at a cost
     *     quadratic in the queue length (about 2 ms with 1000 waiting)
     */
    public Map<Long, PacingAdmission.Queued> forecast(Instant now) {
        advance(now);
        Map<Long, Instant> etas = new HashMap<>();
        HistoricalPacing dry = new HistoricalPacing(this);
        Instant t = now;
        while (!dry.queue.isEmpty()) {
            for (PacedRequest r : dry.due(t)) {
                etas.put(r.requestId(), t);
            }
            if (!dry.queue.isEmpty()) {
                t = dry.nextDue(t).orElseThrow(() -> new IllegalStateException("a queued request never goes"));
            }
        }
        Map<Long, PacingAdmission.Queued> places = new LinkedHashMap<>();
        int position = 1;
        for (Waiting w : queue) {
            places.put(w.request().requestId(), new PacingAdmission.Queued(position++, etas.get(w.request()
                    .requestId())));
        }
        return places;
    }
}
