package io.github.twssupervisor.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.config.TwsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The order-id mark on disk: written atomically, read back, locked per client id, and never trusted when corrupt. */
class OrderIdJournalTest {

    @TempDir
    Path dir;

    @Test
    void theMarkIsWrittenAtomicallyAndReadBack() throws IOException {
        try (OrderIdJournal journal = OrderIdJournal.open(dir.resolve("new/dir"), 3)) {
            assertEquals(OptionalInt.empty(), journal.read());
            journal.write(41);
            journal.write(141);
            assertEquals(OptionalInt.of(141), journal.read());
            assertEquals("high-water=141\n", Files.readString(journal.file(), StandardCharsets.US_ASCII));
            assertFalse(Files.exists(journal.file().resolveSibling(journal.file().getFileName() + ".tmp")));
        }
    }

    @Test
    void aSecondJournalForTheSameClientIdIsRefusedUntilTheFirstCloses() throws IOException {
        OrderIdJournal first = OrderIdJournal.open(dir, 5);
        IOException refused = assertThrows(IOException.class, () -> OrderIdJournal.open(dir, 5));
        assertTrue(refused.getMessage().contains("another client with client id 5"), refused.getMessage());
        OrderIdJournal.open(dir, 6).close(); // another client id is another file
        first.close();
        OrderIdJournal.open(dir, 5).close();
    }

    @Test
    void aCorruptMarkIsAnErrorNamingTheFileAndOrderIdsStartFromNextValidId() throws IOException {
        Files.writeString(dir.resolve("client-9.order-ids"), "high-water=12x\n");
        try (OrderIdJournal journal = OrderIdJournal.open(dir, 9)) {
            IOException e = assertThrows(IOException.class, journal::read);
            assertTrue(e.getMessage().contains("client-9.order-ids") && e.getMessage().contains("12x"),
                    e.getMessage());
        }
        Files.writeString(dir.resolve("client-9.order-ids"), "\u0000\u0001garbage");
        OrderIds ids = new OrderIds(TwsSettings.defaults().orders().withStateDir(dir), 9,
                LoggerFactory.getLogger(OrderIdJournalTest.class));
        try {
            assertTrue(ids.refusal().isPresent()); // no nextValidId yet
            ids.onNextValidId(7);
            assertEquals(7, ids.take(1));
            assertEquals(8, ids.take(2));
            ids.onNextValidId(3); // backwards: ignored
            assertEquals(10, ids.peek());
        } finally {
            ids.close();
        }
        try (OrderIdJournal journal = OrderIdJournal.open(dir, 9)) {
            assertTrue(journal.read().getAsInt() >= 9, "the mark covers every id handed out");
        }
    }
}
