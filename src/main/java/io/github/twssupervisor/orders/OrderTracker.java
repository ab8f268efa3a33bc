package io.github.twssupervisor.orders;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The orders of one client id and who watches them: applies TWS's news to the right {@link TrackedOrder} and hands
 * each event to the order's watchers and to the watchers of every order. Orders whose last event went out are
 * forgotten, except for their id in a bounded list, so that TWS's late repeats about them are recognised, not adopted.
 * Plain Java owned by the order book.
 */
final class OrderTracker {

    private final Map<Integer, TrackedOrder> orders = new LinkedHashMap<>();
    private final Map<Integer, Set<ActorRef<OrderEvent>>> watchers = new LinkedHashMap<>();
    private final Set<ActorRef<OrderEvent>> allWatchers = new HashSet<>();
    /** The last event of each finished order, for a watcher that comes late. */
    private final LinkedHashMap<Integer, OrderEvent.Closed> finished;
    private final IntConsumer onFinished;
    /**
     * The events of the most recently finished orders (the first {@link #KEPT_EVENTS}, then Closed), for a watcher
     * that comes just after its order finished, as one made right after placing a market order that fills at once.
     */
    private final LinkedHashMap<Integer, List<OrderEvent>> recentHistories = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<OrderEvent>> eldest) {
            return size() > RECENT_ORDERS;
        }
    };

    /** Finished orders whose events are kept. */
    static final int RECENT_ORDERS = 1000;
    /** Events kept of each of them (Closed comes on top). */
    static final int KEPT_EVENTS = 50;

    /**
     * @param maxFinished finished order ids remembered
     * @param onFinished  told the id of an order that reached FINISHING (to start its commission grace)
     */
    OrderTracker(int maxFinished, IntConsumer onFinished) {
        this.onFinished = onFinished;
        this.finished = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, OrderEvent.Closed> eldest) {
                return size() > maxFinished;
            }
        };
    }

    Optional<TrackedOrder> get(int orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    Collection<TrackedOrder> all() {
        return orders.values();
    }

    boolean isFinished(int orderId) {
        return finished.containsKey(orderId);
    }

    void add(TrackedOrder order) {
        orders.put(order.orderId(), order);
    }

    /** Replays the order's events so far to a new watcher, which then gets the live ones. */
    void watch(int orderId, ActorRef<OrderEvent> watcher) {
        TrackedOrder order = orders.get(orderId);
        order.history().forEach(watcher::tell);
        if (order.phase() != TrackedOrder.Phase.CLOSED) {
            watchers.computeIfAbsent(orderId, id -> new HashSet<>()).add(watcher);
        }
    }

    /**
     * Watches a tracked order. A watcher of a recently finished order gets its events (the first ones and Closed); of
     * an order finished longer ago, its Closed; of an unknown order, a Closed that says so.
     *
     * @return true if the watcher now follows the order
     */
    boolean watchOrClose(int orderId, ActorRef<OrderEvent> watcher) {
        if (orders.containsKey(orderId)) {
            watch(orderId, watcher);
            return true;
        }
        List<OrderEvent> history = recentHistories.get(orderId);
        OrderEvent.Closed closed = finished.get(orderId);
        if (history != null) {
            history.forEach(watcher::tell);
        } else {
            watcher.tell(closed != null ? closed : new OrderEvent.Closed(orderId, OrderStatus.OTHER,
                    java.math.BigDecimal.ZERO, Optional.of(new OrderException(OrderException.Reason.UNKNOWN_ORDER,
                    orderId, 0, "no order " + orderId + " is known to this client"))));
        }
        return false;
    }

    void watchAll(ActorRef<OrderEvent> watcher) {
        allWatchers.add(watcher);
    }

    void remove(ActorRef<OrderEvent> watcher) {
        allWatchers.remove(watcher);
        watchers.values().forEach(set -> set.remove(watcher));
    }

    /** Applies a step of an order and publishes its events; an order that became FINISHING is reported. */
    void apply(TrackedOrder order, List<OrderEvent> events) {
        publish(order.orderId(), events);
        if (order.takeFinishing()) {
            onFinished.accept(order.orderId());
        }
    }

    /** Publishes events of an order id this client does not track (a fill of an order placed elsewhere). */
    void publishUntracked(OrderEvent event) {
        allWatchers.forEach(w -> w.tell(event));
    }

    /** Sends the order's last event and forgets it (its id is remembered as finished). */
    void close(TrackedOrder order, Optional<OrderException> failure) {
        OrderEvent.Closed closed = order.close(failure);
        publish(order.orderId(), List.of(closed));
        watchers.remove(order.orderId());
        orders.remove(order.orderId());
        finished.put(order.orderId(), closed);
        List<OrderEvent> kept = new ArrayList<>(order.history().subList(0, Math.min(KEPT_EVENTS,
                order.history().size() - 1)));
        kept.add(closed);
        recentHistories.put(order.orderId(), kept);
    }

    /** @return the orders with a permanent id, by it */
    Map<Long, TrackedOrder> byPermId() {
        Map<Long, TrackedOrder> result = new LinkedHashMap<>();
        orders.values().stream().filter(o -> o.permId() != 0).forEach(o -> result.put(o.permId(), o));
        return result;
    }

    /** @return a copy of the tracked orders, to change while iterating */
    List<TrackedOrder> snapshot() {
        return new ArrayList<>(orders.values());
    }

    private void publish(int orderId, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<ActorRef<OrderEvent>> ofOrder = watchers.getOrDefault(orderId, Set.of());
        for (OrderEvent event : events) {
            ofOrder.forEach(w -> w.tell(event));
            allWatchers.forEach(w -> w.tell(event));
        }
    }
}
