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

    private final Optional<OrderIdJournal> journal;
    private final Optional<String> unavailable;
    private final int block;
    private final Logger log;
    /** The next id to hand out; 0 until TWS's first nextValidId. */
    private int next;
    /** The persisted mark: ids up to it may be handed out without another write. */
    private int reserved;

    private OrderIds(Optional<OrderIdJournal> journal, Optional<String> unavailable, int mark, int block, Logger log) {
        this.journal = journal;
        this.unavailable = unavailable;
        this.block = block;
        this.log = log;
        this.reserved = mark;
        this.next = mark > 0 ? mark + 1 : 0;
    }

    /**
     * Takes the client id's lock and reads its mark. Never throws: a missing or unreadable file is a WARN (start from
     * nextValidId); a lock held by another client, or a directory that cannot be used, is an ERROR and refuses every
     * order of this client.
     */
    static OrderIds open(OrdersSettings settings, int clientId, Logger log) {
        OrderIdJournal journal;
        try {
            journal = OrderIdJournal.open(settings.stateDir(), clientId);
        } catch (IOException e) {
            String reason = "order-id state unavailable: " + e.getMessage();
            log.error("Orders of client id {} are refused: {}", clientId, reason);
            return new OrderIds(Optional.empty(), Optional.of(reason), 0, settings.idBlock(), log);
        }
        int mark = 0;
        try {
            OptionalInt read = journal.read();
            if (read.isPresent()) {
                mark = read.getAsInt();
                log.info("Order ids of client id {} continue above {} (from {})", clientId, mark, journal.file());
            } else {
                log.warn("No order-id state in {} yet: order ids start from TWS's nextValidId", journal.file());
            }
        } catch (IOException e) {
            log.warn("Order-id state unreadable, order ids start from TWS's nextValidId: {}", e.getMessage());
        }
        return new OrderIds(Optional.of(journal), Optional.empty(), mark, settings.idBlock(), log);
    }

    /** @param nextValidId TWS's nextValidId (at READY, or an answer to reqIds): never moves ids backwards */
    void onNextValidId(int nextValidId) {
        if (nextValidId < next) {
            log.warn("TWS's nextValidId {} is below ids this client may have used; the next order id stays {}",
                    nextValidId, next);
        }
        next = Math.max(next, nextValidId);
    }

    /** @return why no id can be handed out, if none can */
    Optional<String> refusal() {
        if (unavailable.isPresent()) {
            return unavailable;
        }
        return next == 0 ? Optional.of("no nextValidId from TWS yet") : Optional.empty();
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
            int mark = last + block - 1;
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

    /** Releases the lock. */
    void close() {
        journal.ifPresent(OrderIdJournal::close);
    }
}
