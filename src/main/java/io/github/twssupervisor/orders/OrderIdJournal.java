package io.github.twssupervisor.orders;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;

/**
 * The order-id high-water mark of one client id, on disk: {@code <state-dir>/client-<id>.order-ids} holds one line,
 * {@code high-water=<id>}, the highest order id this client id may have used. Written atomically (a temporary file,
 * fsync, rename over the old one, fsync of the directory), so a crash leaves the old mark or the new one, never a torn
 * file. A lock file ({@code client-<id>.lock}, held while the client lives) refuses a second client with the same id
 * on the same directory, in this process or another: two writers would hand out the same ids.
 *
 * <p>Plain blocking file I/O: the order book runs on Akka's blocking-I/O dispatcher for it.
 */
final class OrderIdJournal implements AutoCloseable {

    private static final String KEY = "high-water=";

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private OrderIdJournal(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and takes the client id's lock.
     *
     * @param dir      the state directory
     * @param clientId the client id
     * @return the journal, holding the lock until {@link #close()}
     * @throws IOException if the directory cannot be used, or another client holds the lock (the message says which)
     */
    static OrderIdJournal open(Path dir, int clientId) throws IOException {
        Files.createDirectories(dir);
        Path lockFile = dir.resolve("client-" + clientId + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another client with client id " + clientId + " uses the order-id state in "
                    + dir.toAbsolutePath() + " (lock " + lockFile.getFileName() + " is held): give each client id its"
                    + " own client, or each client its own tws.orders.state-dir");
        }
        return new OrderIdJournal(dir.resolve("client-" + clientId + ".order-ids"), channel, lock);
    }

    /** @return the file the mark is kept in */
    Path file() {
        return file;
    }

    /**
     * @return the mark, or empty if there is no file yet
     * @throws IOException if the file cannot be read or does not hold a mark (the message says what it holds)
     */
    OptionalInt read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        }
        if (!text.startsWith(KEY)) {
            throw new IOException(file + " does not hold '" + KEY + "<order id>' but '" + abbreviate(text) + "'");
        }
        try {
            int mark = Integer.parseInt(text.substring(KEY.length()).trim());
            if (mark < 0) {
                throw new NumberFormatException("negative");
            }
            return OptionalInt.of(mark);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds no valid order id: '" + abbreviate(text) + "'", e);
        }
    }

    /**
     * Replaces the mark, durably.
     *
     * @param highWater the highest order id that may be used
     * @throws IOException if it could not be made durable (then the caller must not use ids above the old mark)
     */
    void write(int highWater) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((KEY + highWater + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.getParent());
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes with the channel or the process; nothing else to do.
        }
    }

    /** The rename is durable only once the directory entry is: fsync the directory where the platform allows it. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory (Windows); the file's own fsync is what it offers.
        }
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
