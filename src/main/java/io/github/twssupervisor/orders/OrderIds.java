package io.github.twssupervisor.orders;

import io.github.twssupervisor.config.OrdersSettings;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;

/**
 * Order ids: never reused, even when TWS's nextValidId goes backwards after a restart. The next id is the highest of
 * TWS's nextValidId, the persisted high-water mark + 1, and every id handed out + 1; ids are reserved on disk in blocks
 * before they are handed out, so a crash at any moment leaves a mark at or above every id that may have reached TWS.
 * Plain Java owned by the order book.
 */
final class OrderIds {

    private final OrdersSettings settings;
    private final int clientId;
    private final Logger log;
    private Optional<OrderIdJournal> journal = Optional.empty();
    /** Why no id can be handed out: not opened yet, the state is unusable, or the client was closed. */
    private Optional<String> unavailable = Optional.of("no nextValidId from TWS yet");
    private boolean opened;
    /** The next id to hand out; 0 until TWS's first nextValidId. */
    private int next;
    /** The persisted mark: ids up to it may be handed out without another write. */
    private int reserved;

    /**
     * The state is opened at the first nextValidId (the first READY), not when the client is built: a client closed
     * and built again with the same client id in one process then finds the lock released.
     */
    OrderIds(OrdersSettings settings, int clientId, Logger log) {
        this.settings = settings;
        this.clientId = clientId;
        this.log = log;
    }

    /**
     * Takes the client id's lock and reads its mark. Never throws: a missing or unreadable file is a WARN (start from
     * nextValidId); a lock held by another client, or a directory that cannot be used, is an ERROR and refuses every
     * order of this client.
     */
    private void open() {
        opened = true;
        OrderIdJournal opening;
        try {
            opening = OrderIdJournal.open(settings.stateDir(), clientId);
        } catch (IOException e) {
            unavailable = Optional.of("order-id state unavailable: " + e.getMessage());
            log.error("Orders of client id {} are refused: {}", clientId, unavailable.get());
            return;
        }
        journal = Optional.of(opening);
        unavailable = Optional.empty();
        try {
            OptionalInt read = opening.read();
            if (read.isPresent()) {
                reserved = read.getAsInt();
                next = reserved + 1;
                log.info("Order ids of client id {} continue above {} (from {})", clientId, reserved, opening.file());
            } else {
                log.warn("No order-id state in {} yet: order ids start from TWS's nextValidId", opening.file());
            }
        } catch (IOException e) {
            log.warn("Order-id state unreadable, order ids start from TWS's nextValidId: {}", e.getMessage());
        }
    }

    /** @param nextValidId TWS's nextValidId (at READY, or an answer to reqIds): never moves ids backwards */
    void onNextValidId(int nextValidId) {
        if (!opened) {
            open();
        }
        if (nextValidId < next) {
            log.warn("TWS's nextValidId {} is below ids this client may have used; the next order id stays {}",
                    nextValidId, next);
        }
        next = Math.max(next, nextValidId);
    }

    /** @return why no id can be handed out, if none can */
    Optional<String> refusal() {
        return unavailable.isPresent() ? unavailable : next == 0 ? Optional.of("no nextValidId from TWS yet")
                : Optional.empty();
    }

    /**
     * @param count consecutive ids wanted
     * @return the first of them
     * @throws IOException if the mark could not be persisted (then no id is handed out)
     */
    int take(int count) throws IOException {
        if (refusal().isPresent()) {
            throw new IllegalStateException(refusal().get()); // callers check refusal() first
        }
        int first = next;
        int last = first + count - 1;
        if (last > reserved) {
            int mark = last + settings.idBlock() - 1;
            journal.get().write(mark);
            reserved = mark;
        }
        next = last + 1;
        return first;
    }

    /** @return the next id that would be handed out, 0 if unknown */
    int peek() {
        return next;
    }

    /** Releases the lock; no id is handed out after. */
    void close() {
        journal.ifPresent(OrderIdJournal::close);
        journal = Optional.empty();
        opened = true;
        unavailable = Optional.of("the client was closed");
    }
}
