package io.github.twssupervisor.fuzz;

import io.github.twssupervisor.account.AccountDomain;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.ContractsDomain;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.fuzz.FuzzReport.Failure;
import io.github.twssupervisor.fuzz.FuzzReport.Row;
import io.github.twssupervisor.fuzz.Mutations.Labeled;
import io.github.twssupervisor.fuzz.RandomFrames.Generated;
import io.github.twssupervisor.history.HistoryDomain;
import io.github.twssupervisor.marketdata.MarketDataDomain;
import io.github.twssupervisor.orders.OrdersDomain;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The large fuzz run ({@code mvn verify -Pfuzz}, {@link FuzzMain}): a million mutated frames through every decoder at
 * every supported server version, counted per decoder and message kind.
 *
 * <pre>
 * decoders  server frames -> InboundRouter.route(v, frame), v = 176..200, with every domain's decoders registered;
 *           must return a Routed (a frame that does not decode is Routed.Failed with a reason of at most
 *           MAX_REASON characters); version frames ->
 *           Handshake.ServerHello.decode, WireFormatException only
 * requests  client frames -> the simulator's decoder for the frame's request id (any decoder if it has none), v =
 *           176..200; only what its call site handles (RequestDecoders), with a reason of at most MAX_REASON
 *           characters; version offers -> VersionRange.parse
 * each case: 80% a golden, recorded or encoder-built frame of a kind picked uniformly, with 1-4 mutations (one in
 *           seven of them moved to another decoder's message id); 10% random fields after a message id; 7% noise;
 *           3% handshake frames
 * </pre>
 *
 * Case {@code i} of a run with seed {@code s} draws everything from {@code new SplittableRandom(s + i * GAMMA)}: it is
 * case 0 of a run with seed {@code s + i * GAMMA}, which is how a failure is replayed on its own.
 */
final class FuzzCampaign {

    /** The step between the seeds of consecutive cases. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;
    static final String VERSIONS = ServerVersion.MIN_SUPPORTED + ".." + ServerVersion.MAX_SUPPORTED;
    /**
     * The longest reason a decode failure may give: whatever the frame, the reason quotes at most
     * {@link io.github.twssupervisor.wire.Frames#QUOTE_LIMIT} characters of a field, since it is logged, published and,
     * by the simulator, sent back to the client.
     */
    static final int MAX_REASON = 400;
    private static final int NOISE_MAX = 2000;

    private final FuzzReport report;
    private final long slowNanos;
    private final InboundRouter router;
    private final Map<IncomingMessageId, String> decoderNames = new EnumMap<>(IncomingMessageId.class);
    private final List<List<Labeled>> serverKinds;
    private final List<List<Labeled>> clientKinds;
    private final List<Labeled> serverHellos = CampaignSeeds.serverHellos();
    private final List<Labeled> versionOffers = CampaignSeeds.versionOffers();
    private final int[] handledIds;
    private final int[] inboundIds;
    private final int[] requestIds;
    private final List<OutgoingMessageId> requests = new ArrayList<>(RequestDecoders.ALL.keySet());

    /**
     * @param report    where counts and failures go
     * @param slowNanos a case slower than this (all its versions together) is a failure
     */
    FuzzCampaign(FuzzReport report, long slowNanos) {
        this.report = report;
        this.slowNanos = slowNanos;
        TwsSettings settings = TwsSettings.defaults();
        List<DomainDecoder> decoders = Stream.of(new MarketDataDomain(), new OrdersDomain(settings.orders(),
                        settings.connection().clientId()), new ContractsDomain(settings.contracts()),
                new HistoryDomain(settings.history()), new AccountDomain())
                .flatMap(d -> d.decoders().stream()).toList(); // as client.Facades.domains assembles them
        this.router = new InboundRouter(decoders);
        for (DomainDecoder decoder : decoders) {
            decoder.messages().forEach(id -> decoderNames.put(id, decoder.getClass().getSimpleName()));
        }
        for (IncomingMessageId id : List.of(IncomingMessageId.ERROR, IncomingMessageId.NEXT_VALID_ID,
                IncomingMessageId.MANAGED_ACCOUNTS, IncomingMessageId.CURRENT_TIME)) {
            decoderNames.put(id, "SessionCodec");
        }
        this.handledIds = decoderNames.keySet().stream().mapToInt(IncomingMessageId::code).toArray();
        this.inboundIds = Stream.of(IncomingMessageId.values()).mapToInt(IncomingMessageId::code).toArray();
        this.requestIds = requests.stream().mapToInt(OutgoingMessageId::code).toArray();
        this.serverKinds = byKind(CampaignSeeds.server());
        this.clientKinds = byKind(CampaignSeeds.client());
    }

    /**
     * @param campaign decoders, requests or framing
     * @return the property that sizes it
     */
    static String countProperty(String campaign) {
        switch (campaign) {
            case "decoders":
                return "fuzz.frames";
            case "requests":
                return "fuzz.requests";
            default:
                return "fuzz.chunkings";
        }
    }

    /** @return the number of distinct message kinds among the server seeds */
    int serverSeedKinds() {
        return serverKinds.size();
    }

    /** @return the number of distinct request kinds among the client seeds */
    int clientSeedKinds() {
        return clientKinds.size();
    }

    /** Runs {@code count} server-frame cases from {@code seed}. */
    void decoders(long seed, long count) {
        for (long i = 0; i < count; i++) {
            long caseSeed = seed + i * GAMMA;
            SplittableRandom rng = new SplittableRandom(caseSeed);
            int pick = rng.nextInt(100);
            if (pick < 3) {
                serverHello(caseSeed, RandomFrames.mutant(pickFrom(serverHellos, rng), rng));
                continue;
            }
            Generated frame = generate(pick, rng, serverKinds, handledIds, inboundIds);
            route(caseSeed, frame);
        }
    }

    /** Runs {@code count} client-frame cases from {@code seed}. */
    void requests(long seed, long count) {
        for (long i = 0; i < count; i++) {
            long caseSeed = seed + i * GAMMA;
            SplittableRandom rng = new SplittableRandom(caseSeed);
            int pick = rng.nextInt(100);
            if (pick < 3) {
                versionOffer(caseSeed, RandomFrames.mutant(pickFrom(versionOffers, rng), rng));
                continue;
            }
            Generated frame = generate(pick, rng, clientKinds, requestIds, requestIds);
            decodeRequest(caseSeed, frame, requests.get(rng.nextInt(requests.size())));
        }
    }

    private Generated generate(int pick, SplittableRandom rng, List<List<Labeled>> kinds, int[] retargets,
                               int[] ids) {
        if (pick < 83) {
            Generated mutant = RandomFrames.mutant(pickFrom(kinds.get(rng.nextInt(kinds.size())), rng), rng);
            if (rng.nextInt(7) == 0) {
                int id = retargets[rng.nextInt(retargets.length)];
                return new Generated(mutant.origin() + " as id " + id, RandomFrames.retarget(mutant.payload(), id));
            }
            return mutant;
        }
        if (pick < 93) {
            return new Generated("random fields", RandomFrames.randomFields(rng, ids));
        }
        return new Generated("noise", RandomFrames.noise(rng, NOISE_MAX));
    }

    private void route(long caseSeed, Generated frame) {
        byte[] payload = frame.payload();
        Optional<IncomingMessageId> id = idOf(payload).flatMap(IncomingMessageId::fromCode);
        String decoder = id.map(decoderNames::get).orElse(null);
        Row row = decoder != null ? report.row("decoders", decoder, id.get().toString(), VERSIONS)
                : report.row("decoders", "none (raw)", id.isPresent() ? "other known ids" : kindOfUnknown(payload),
                VERSIONS);
        report.start("decoders", caseSeed, payload);
        long started = System.nanoTime();
        for (int v = ServerVersion.MIN_SUPPORTED; v <= ServerVersion.MAX_SUPPORTED; v++) {
            row.decodes++;
            try {
                Routed routed = router.route(v, payload);
                if (routed == null) {
                    fail(row, caseSeed, v, frame, "route returned null");
                } else if (routed instanceof Routed.Failed failed) {
                    row.rejected++;
                    if (failed.error() == null || failed.error().isBlank()) {
                        fail(row, caseSeed, v, frame, "Routed.Failed without a reason");
                    } else if (failed.error().length() > MAX_REASON) {
                        fail(row, caseSeed, v, frame, "a reason of " + failed.error().length() + " characters: "
                                + failed.error().substring(0, MAX_REASON) + "...");
                    }
                } else {
                    row.decoded++;
                }
            } catch (Throwable e) { // the property under test: nothing escapes route()
                fail(row, caseSeed, v, frame, "route threw " + trace(e));
            }
        }
        finish(row, caseSeed, frame, started);
    }

    private void serverHello(long caseSeed, Generated frame) {
        Row row = report.row("decoders", "Handshake.ServerHello", "version frame", "-");
        report.start("decoders", caseSeed, frame.payload());
        long started = System.nanoTime();
        row.decodes++;
        try {
            Handshake.ServerHello.decode(frame.payload());
            row.decoded++;
        } catch (WireFormatException e) {
            row.rejected++;
            if (e.getMessage().length() > MAX_REASON) {
                fail(row, caseSeed, -1, frame, "a reason of " + e.getMessage().length() + " characters");
            }
        } catch (Throwable e) {
            fail(row, caseSeed, -1, frame, "ServerHello.decode threw " + trace(e));
        }
        finish(row, caseSeed, frame, started);
    }

    private void decodeRequest(long caseSeed, Generated frame, OutgoingMessageId fallback) {
        byte[] payload = frame.payload();
        OutgoingMessageId id = idOf(payload).flatMap(OutgoingMessageId::fromCode)
                .filter(RequestDecoders.ALL::containsKey).orElse(fallback);
        RequestDecoders.Named named = RequestDecoders.ALL.get(id);
        Row row = report.row("requests", named.codec(), id.toString(), VERSIONS);
        report.start("requests", caseSeed, payload);
        long started = System.nanoTime();
        for (int v = ServerVersion.MIN_SUPPORTED; v <= ServerVersion.MAX_SUPPORTED; v++) {
            row.decodes++;
            FieldReader reader = new FieldReader(payload);
            try {
                reader.skip(); // the session reads the message id, whatever it is, before the decoder runs
                named.decoder().decode(v, reader);
                row.decoded++;
            } catch (Throwable e) { // the property under test
                if (named.handles(e) && e.getMessage() != null && !e.getMessage().isBlank()
                        && e.getMessage().length() <= MAX_REASON) {
                    row.rejected++;
                } else {
                    fail(row, caseSeed, v, frame, id + " decoder threw " + trace(e));
                }
            }
        }
        finish(row, caseSeed, frame, started);
    }

    private void versionOffer(long caseSeed, Generated frame) {
        Row row = report.row("requests", "VersionRange", "version offer", "-");
        report.start("requests", caseSeed, frame.payload());
        long started = System.nanoTime();
        row.decodes++;
        try {
            VersionRange range = VersionRange.parse(frame.payload());
            if (range.min() <= 0 || range.max() < range.min()) {
                fail(row, caseSeed, -1, frame, "parsed to " + range);
            }
            row.decoded++;
        } catch (WireFormatException e) {
            row.rejected++;
            if (e.getMessage().length() > MAX_REASON) {
                fail(row, caseSeed, -1, frame, "a reason of " + e.getMessage().length() + " characters");
            }
        } catch (Throwable e) {
            fail(row, caseSeed, -1, frame, "VersionRange.parse threw " + trace(e));
        }
        finish(row, caseSeed, frame, started);
    }

    private void finish(Row row, long caseSeed, Generated frame, long started) {
        long took = System.nanoTime() - started;
        row.frames++;
        row.nanos += took;
        if (took > slowNanos) {
            fail(row, caseSeed, -1, frame, "took " + took / 1_000_000 + " ms");
        }
    }

    private void fail(Row row, long caseSeed, int version, Generated frame, String error) {
        report.fail(row, new Failure(row.campaign, row.decoder + " " + row.kind, caseSeed,
                version < 0 ? "-" : String.valueOf(version), frame.origin(), error, frame.payload()));
    }

    private static String kindOfUnknown(byte[] payload) {
        return idOf(payload).isPresent() ? "unknown id" : "unreadable id";
    }

    private static Optional<Integer> idOf(byte[] payload) {
        try {
            return Optional.of(new FieldReader(payload).readInt());
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }

    private static Labeled pickFrom(List<Labeled> seeds, SplittableRandom rng) {
        return seeds.get(rng.nextInt(seeds.size()));
    }

    private static List<List<Labeled>> byKind(List<Labeled> seeds) {
        Map<String, List<Labeled>> kinds = new LinkedHashMap<>();
        for (Labeled seed : seeds) {
            kinds.computeIfAbsent(CampaignSeeds.idField(seed.payload()), k -> new ArrayList<>()).add(seed);
        }
        return List.copyOf(kinds.values());
    }

    private static String trace(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        StackTraceElement[] stack = e.getStackTrace();
        for (int i = 0; i < Math.min(8, stack.length); i++) {
            text.append("\n      at ").append(stack[i]);
        }
        return text.toString();
    }
}
