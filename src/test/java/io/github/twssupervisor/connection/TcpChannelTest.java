package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TcpChannel} against a plain server socket on loopback: framing, order, back-pressure, ends, writes. */
@Timeout(30)
class TcpChannelTest {

    private static final long WAIT_SECONDS = 10;

    private ServerSocket server;
    private final List<TcpChannel> channels = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void cleanUp() throws IOException {
        channels.forEach(TcpChannel::close);
        for (Socket socket : accepted) {
            socket.close();
        }
        server.close();
    }

    @Test
    void deliversEveryFrameInOrderHoweverTheBytesAreCut() throws Exception {
        Recorder recorder = new Recorder();
        open(settings(server.getLocalPort()), recorder);
        Socket peer = accept();
        SocketOptionsReport options = recorder.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(options, "connected is reported");
        assertTrue(options.tcpNoDelay());

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            wire.write(Frames.frame(("frame " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        byte[] bytes = wire.toByteArray();
        OutputStream out = peer.getOutputStream();
        // Byte by byte first (every cut inside a length and a payload), then the rest in one write.
        for (int i = 0; i < 200; i++) {
            out.write(bytes[i]);
            out.flush();
        }
        out.write(bytes, 200, bytes.length - 200);
        out.flush();

        List<String> payloads = recorder.payloads(500);
        for (int i = 0; i < 500; i++) {
            assertEquals("frame " + i, payloads.get(i));
        }
    }

    @Test
    void writesFromManyThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
        Connected connected = connect(settings(server.getLocalPort()));
        TcpChannel channel = connected.channel();
        int threads = 4;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    assertTrue(channel.write(Frames.frame((writer + ":" + i).getBytes(StandardCharsets.US_ASCII))));
                }
            });
            thread.start();
            writers.add(thread);
        }
        start.countDown();
        DataInputStream in = new DataInputStream(connected.peer().getInputStream());
        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            String[] parts = new String(readFrame(in), StandardCharsets.US_ASCII).split(":");
            int writer = Integer.parseInt(parts[0]);
            assertEquals(next[writer]++, Integer.parseInt(parts[1]), "frames of writer " + writer + " in order");
        }
        for (Thread thread : writers) {
            thread.join();
        }
    }

    @Test
    void peerCloseIsReportedOnlyAfterEveryBatchReadBeforeItIsTaken() throws Exception {
        CompletableFuture<Void> firstTaken = new CompletableFuture<>();
        Recorder recorder = new Recorder(firstTaken);
        open(settings(server.getLocalPort()), recorder);
        Socket peer = accept();
        peer.getOutputStream().write(Frames.frame("last words".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("last words"), recorder.payloads(1));
        peer.close();

        assertNull(recorder.ended.poll(300, TimeUnit.MILLISECONDS), "not reported while a batch waits");
        firstTaken.complete(null);
        Optional<Throwable> end = recorder.ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(end, "the end is reported once the batch is taken");
        assertTrue(end.isEmpty(), "a clean close: " + end);
    }

    @Test
    void aConnectionThatEndsInsideAFrameIsATruncatedFrame() throws Exception {
        Recorder recorder = new Recorder();
        open(settings(server.getLocalPort()), recorder);
        Socket peer = accept();
        byte[] frame = Frames.frame("cut short".getBytes(StandardCharsets.US_ASCII));
        peer.getOutputStream().write(frame, 0, frame.length - 3);
        peer.close();

        Throwable failure = recorder.failure();
        assertInstanceOf(WireFormatException.class, failure);
        assertTrue(failure.getMessage().contains("truncated"), failure.getMessage());
    }

    @Test
    void anOversizedLengthFailsTheConnectionAfterTheFramesBeforeIt() throws Exception {
        Recorder recorder = new Recorder();
        open(settings(server.getLocalPort()), recorder);
        Socket peer = accept();
        OutputStream out = peer.getOutputStream();
        out.write(Frames.frame("good".getBytes(StandardCharsets.US_ASCII)));
        out.write(new byte[] {0x01, 0x00, 0x00, 0x00}); // 16 MiB: over the 0xFFFFFF limit
        out.flush();

        assertEquals(List.of("good"), recorder.payloads(1));
        assertInstanceOf(WireFormatException.class, recorder.failure());
    }

    @Test
    void aZeroLengthFrameFailsTheConnection() throws Exception {
        Recorder recorder = new Recorder();
        open(settings(server.getLocalPort()), recorder);
        Socket peer = accept();
        peer.getOutputStream().write(new byte[] {0, 0, 0, 0});
        peer.getOutputStream().flush();

        assertInstanceOf(WireFormatException.class, recorder.failure());
    }

    @Test
    void stopsReadingWhileBatchesWaitAndReadsOnWhenOneIsTaken() throws Exception {
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (int i = 0; i < TcpChannel.BATCHES_IN_FLIGHT + 1; i++) {
            taken.add(new CompletableFuture<>());
        }
        Recorder recorder = new Recorder(taken.toArray(CompletableFuture[]::new));
        open(settings(server.getLocalPort()), recorder);
        Socket peer = accept();
        OutputStream out = peer.getOutputStream();
        // One frame per batch: each waits for the channel to have read the previous one.
        for (int i = 0; i < TcpChannel.BATCHES_IN_FLIGHT; i++) {
            out.write(Frames.frame(("batch " + i).getBytes(StandardCharsets.US_ASCII)));
            out.flush();
            assertEquals(List.of("batch " + i), recorder.payloads(1));
        }
        out.write(Frames.frame("held back".getBytes(StandardCharsets.US_ASCII)));
        out.flush();
        assertNull(recorder.batches.poll(300, TimeUnit.MILLISECONDS), "no read while 4 batches wait");

        taken.get(0).complete(null);
        assertEquals(List.of("held back"), recorder.payloads(1));
    }

    @Test
    void aRefusedConnectIsAConnectFailure() throws Exception {
        int port = server.getLocalPort();
        server.close();
        Recorder recorder = new Recorder();
        open(settings(port), recorder);

        Throwable failure = recorder.connectFailed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(ConnectException.class, failure);
        assertNull(recorder.ended.poll(100, TimeUnit.MILLISECONDS), "a failed connect is reported once");
    }

    @Test
    void aConnectThatTakesTooLongTimesOut() throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, so the connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (SocketTimeoutException e) {
                        filler.close();
                        break; // the queue is full
                    }
                }
                Recorder recorder = new Recorder();
                ConnectionSettings quick = settings(full.getLocalPort(), Duration.ofMillis(300), 16);
                open(quick, recorder);

                Throwable failure = recorder.connectFailed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertInstanceOf(SocketTimeoutException.class, failure);
                assertTrue(failure.getMessage().contains("300 ms"), failure.getMessage());
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void closeSendsAFinAndReportsNothing() throws Exception {
        Connected connected = connect(settings(server.getLocalPort()));
        TcpChannel channel = connected.channel();

        channel.close();
        assertEquals(-1, connected.peer().getInputStream().read(), "a clean end of stream, not a reset");
        assertNull(connected.recorder().ended.poll(300, TimeUnit.MILLISECONDS), "nothing reported after close");
        assertTrue(channel.write(Frames.frame(new byte[] {'x'})), "a write after close is dropped, not refused");
    }

    @Test
    void refusesWritesOnceTheBoundOfWaitingFramesIsReached() throws Exception {
        Connected connected = connect(settings(server.getLocalPort(), Duration.ofSeconds(5), 4)); // peer never reads
        TcpChannel channel = connected.channel();
        byte[] big = Frames.frame(new byte[1024 * 1024]);
        int accepted = 0;
        while (channel.write(big)) {
            accepted++;
            assertTrue(accepted < 1000, "the kernel cannot take a gigabyte: writes must be refused before");
        }
        assertFalse(channel.write(big), "still refused");
        // The peer reads everything that was accepted: nothing refused was half-written.
        DataInputStream in = new DataInputStream(connected.peer().getInputStream());
        for (int i = 0; i < accepted; i++) {
            assertEquals(1024 * 1024, readFrame(in).length);
        }
    }

    // ---------------------------------------------------------------- helpers

    private TcpChannel open(ConnectionSettings settings, Recorder recorder) throws IOException {
        TcpChannel channel = TcpChannel.open(settings, "tws-socket-test", recorder);
        channels.add(channel);
        return channel;
    }

    /** A channel, the server's end of it, and what the channel reported: it has reported the connect. */
    private record Connected(Recorder recorder, TcpChannel channel, Socket peer) {
    }

    private Connected connect(ConnectionSettings settings) throws Exception {
        Recorder recorder = new Recorder();
        TcpChannel channel = open(settings, recorder);
        Socket peer = accept();
        assertNotNull(recorder.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS), "connected is reported");
        return new Connected(recorder, channel, peer);
    }

    private Socket accept() throws IOException {
        server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        Socket socket = server.accept();
        accepted.add(socket);
        return socket;
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return payload;
    }

    private static ConnectionSettings settings(int port) {
        return settings(port, Duration.ofSeconds(5), 4096);
    }

    private static ConnectionSettings settings(int port, Duration connectTimeout, int socketBuffer) {
        ConnectionSettings d = TwsSettings.defaults().connection().withTarget("127.0.0.1", port, 1);
        return new ConnectionSettings(d.host(), d.port(), d.clientId(), d.clientIdPolicy(), d.clientIdRotation(),
                d.minVersion(), d.maxVersion(), d.connectOptions(), connectTimeout, d.handshakeTimeout(), d.backoff(),
                d.heartbeat(), d.pacing(), d.disconnectedBehavior(), d.requestTimeout(), socketBuffer,
                new ConnectionSettings.Socket(true, 64 * 1024, 64 * 1024, true, Duration.ofSeconds(10),
                        Duration.ofSeconds(3), 3));
    }

    /** Records what the channel reports; batch n is answered with the n-th given future, later ones at once. */
    private static final class Recorder implements TcpChannel.Listener {
        final BlockingQueue<SocketOptionsReport> connected = new LinkedBlockingQueue<>();
        final BlockingQueue<Throwable> connectFailed = new LinkedBlockingQueue<>();
        final BlockingQueue<List<byte[]>> batches = new LinkedBlockingQueue<>();
        final BlockingQueue<Optional<Throwable>> ended = new LinkedBlockingQueue<>();
        private final CompletableFuture<?>[] answers;
        private int received;

        Recorder(CompletableFuture<?>... answers) {
            this.answers = answers;
        }

        @Override
        public void connected(SocketOptionsReport options) {
            connected.add(options);
        }

        @Override
        public void connectFailed(Throwable cause) {
            connectFailed.add(cause);
        }

        @Override
        public CompletionStage<?> received(List<byte[]> payloads) {
            batches.add(payloads);
            int index = received++;
            return index < answers.length ? answers[index] : CompletableFuture.completedFuture(null);
        }

        @Override
        public void ended(Optional<Throwable> failure) {
            ended.add(failure);
        }

        /** @return the next {@code count} payloads as text, however they were batched */
        List<String> payloads(int count) throws InterruptedException {
            List<String> texts = new ArrayList<>();
            while (texts.size() < count) {
                List<byte[]> batch = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(batch, "payloads after " + texts);
                batch.forEach(p -> texts.add(new String(p, StandardCharsets.US_ASCII)));
            }
            assertEquals(count, texts.size(), "no more payloads than sent");
            return texts;
        }

        Throwable failure() throws InterruptedException {
            Optional<Throwable> end = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(end, "the end is reported");
            assertTrue(end.isPresent(), "a failure, not a clean close");
            return end.get();
        }
    }
}
