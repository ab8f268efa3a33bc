package io.github.twssupervisor.fuzz;

import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile payloads for the decoder fuzz tests: noise biased towards NULs and digits, random fields after
 * a real message id, and real payloads damaged at byte level (flip, insert, delete, truncate) and at field level (drop,
 * duplicate, swap, replace or insert a field with a nasty value).
 *
 * <pre>
 * payload "1|6|1001|1|150|300|0|"  --REPLACE_FIELD(4, "NaN")-->  "1|6|1001|1|NaN|300|0|"
 * </pre>
 *
 * Text values are held as ISO-8859-1 strings, one char per byte, so non-ASCII bytes and invalid UTF-8 show in reports.
 */
final class Mutations {

    private Mutations() {
    }

    private static final String LONG_DIGITS = "9".repeat(10_000);

    /** Values that break number parsers: overflow, sentinels, spellings Java accepts and TWS does not, huge text. */
    static final List<String> NASTY = List.of(
            "", "-", "+", "0", "-0", "1", "-1", "00000000000000000001",
            "2147483647", "2147483648", "-2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "99999999999999999999999999999999999999", "-99999999999999999999",
            "1.7976931348623157E308", "1.7976931348623157e+308", "-1.7976931348623157E308", "4.9E-324",
            "1e400", "-1e400", "1e-400", "1E999999999", "1E-999999999", "1E2147483647", "1E-2147483648", "1E2147483648",
            "Infinity", "-Infinity", "+Infinity", "inf", "-inf", "NaN", "-NaN", "nan",
            "0x1p3", "0x10", "1d", "1f", "1L", " 1", "1 ", "1,5", "1_000", "1.2.3", "e", ".", "-.", "1e", "1e+", "--1",
            "+-1", "1-",
            LONG_DIGITS, "-" + LONG_DIGITS, "0." + LONG_DIGITS, LONG_DIGITS + "e-" + LONG_DIGITS, "A".repeat(10_000),
            "\u00ff".repeat(10_000),
            // invalid UTF-8, UTF-8 e-acute, a lone UTF-8 lead byte, GB2312
            "\u00ff\u00fe", "\u00c3\u00a9", "\u00c3", "\u00d6\u00d0\u00b9\u00fa",
            // UTF-8 of an Arabic-Indic 3, a fullwidth 1, a Devanagari 9: digits to Character.digit, not to TWS
            "\u00d9\u00a3", "\u00ef\u00bc\u0091", "\u00e0\u00a5\u00a9",
            "\u00f0\u009f\u0092\u00a9", "\u00ed\u00a0\u0080", // UTF-8 of an emoji, of a lone surrogate
            "STK", "BAG", "OPT", "FUT", "stk", "USD", "usd", "C", "P", "X", "20261120", "2026112", "1,2,3", ",", ",,",
            "DU123456,,DU2", "\t", "\r\n", "\u007f");

    /** The kinds of damage. */
    enum Kind {
        FLIP_BYTE, INSERT_BYTE, DELETE_BYTES, TRUNCATE, DROP_FINAL_NUL,
        DROP_FIELD, DUPLICATE_FIELD, SWAP_FIELDS, REPLACE_FIELD, INSERT_FIELD
    }

    /**
     * One piece of damage. Positions are taken modulo the payload's length or field count, so any value applies to any
     * payload and shrinking moves them towards the start.
     *
     * @param kind  what it does
     * @param a     first position
     * @param b     second position, a byte value or a count, depending on the kind
     * @param value the field value for REPLACE_FIELD and INSERT_FIELD, one char per byte
     */
    record Mutation(Kind kind, int a, int b, String value) {

        byte[] apply(byte[] payload) {
            int n = payload.length;
            switch (kind) {
                case FLIP_BYTE:
                    if (n == 0) {
                        return payload;
                    }
                    byte[] flipped = payload.clone();
                    flipped[a % n] ^= (byte) (b % 255 + 1);
                    return flipped;
                case INSERT_BYTE: {
                    int at = a % (n + 1);
                    byte inserted = b % 3 == 0 ? WireLimits.NUL : (byte) b;
                    return join(Arrays.copyOfRange(payload, 0, at), new byte[] {inserted},
                            Arrays.copyOfRange(payload, at, n));
                }
                case DELETE_BYTES: {
                    if (n == 0) {
                        return payload;
                    }
                    int at = a % n;
                    int end = Math.min(n, at + 1 + b % 8);
                    return join(Arrays.copyOfRange(payload, 0, at), Arrays.copyOfRange(payload, end, n));
                }
                case TRUNCATE:
                    return Arrays.copyOf(payload, a % (n + 1));
                case DROP_FINAL_NUL:
                    return n > 0 && payload[n - 1] == WireLimits.NUL ? Arrays.copyOf(payload, n - 1) : payload;
                default:
                    return applyToFields(payload);
            }
        }

        private byte[] applyToFields(byte[] payload) {
            List<byte[]> fields = new ArrayList<>(split(payload));
            boolean terminated = payload.length == 0 || payload[payload.length - 1] == WireLimits.NUL;
            int count = fields.size();
            byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
            switch (kind) {
                case DROP_FIELD:
                    if (count > 0) {
                        fields.remove(a % count);
                    }
                    break;
                case DUPLICATE_FIELD:
                    if (count > 0) {
                        fields.add(a % count, fields.get(a % count));
                    }
                    break;
                case SWAP_FIELDS:
                    if (count > 1) {
                        byte[] first = fields.get(a % count);
                        fields.set(a % count, fields.get(b % count));
                        fields.set(b % count, first);
                    }
                    break;
                case REPLACE_FIELD:
                    if (count > 0) {
                        fields.set(a % count, bytes);
                    } else {
                        fields.add(bytes);
                    }
                    break;
                case INSERT_FIELD:
                    fields.add(a % (count + 1), bytes);
                    break;
                default:
                    throw new IllegalStateException(kind.toString());
            }
            return fields(fields, terminated || fields.isEmpty());
        }

        @Override
        public String toString() {
            String shown = value.length() > 20 ? value.substring(0, 12) + "...(" + value.length() + " chars)" : value;
            return kind + "(" + a + ", " + b + (kind == Kind.REPLACE_FIELD || kind == Kind.INSERT_FIELD
                    ? ", \"" + shown + "\"" : "") + ")";
        }
    }

    /**
     * A real payload with a name for reports.
     *
     * @param label   where it comes from
     * @param payload the payload
     */
    record Labeled(String label, byte[] payload) {

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * A damaged payload and how it was made, so a shrunk counterexample reads as a recipe.
     *
     * @param seed      the real payload it started from
     * @param mutations the damage, in order
     * @param payload   the result
     */
    record Mutant(Labeled seed, List<Mutation> mutations, byte[] payload) {

        @Override
        public String toString() {
            return seed.label() + " " + mutations + " -> '" + Frames.printable(payload, 200) + "' (" + payload.length
                    + " bytes)";
        }
    }

    /**
     * @param seeds real payloads
     * @return one of them with one to four mutations applied
     */
    static Arbitrary<Mutant> mutants(List<Labeled> seeds) {
        return Combinators.combine(Arbitraries.of(seeds), mutations().list().ofMinSize(1).ofMaxSize(4))
                .as((seed, mutations) -> {
                    byte[] payload = seed.payload();
                    for (Mutation mutation : mutations) {
                        payload = mutation.apply(payload);
                    }
                    return new Mutant(seed, List.copyOf(mutations), payload);
                });
    }

    /** @return one piece of damage */
    static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 20);
        return Combinators.combine(Arbitraries.of(Kind.class), position, position, fieldValues()).as(Mutation::new);
    }

    /** @return a field value without NUL: mostly the nasty list and number-like text, some random Latin-1 text */
    static Arbitrary<String> fieldValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(NASTY)),
                Tuple.of(2, Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(25)),
                Tuple.of(2, Arbitraries.strings().withChars("0123456789-+.eE").ofMaxLength(12)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(20)));
    }

    /** @return a byte, a third of the time NUL, often a digit or number punctuation */
    static Arbitrary<Byte> wireBytes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(WireLimits.NUL)),
                Tuple.of(4, Arbitraries.bytes().between((byte) '0', (byte) '9')),
                Tuple.of(1, Arbitraries.of((byte) '-', (byte) '+', (byte) '.', (byte) 'e', (byte) ',')),
                Tuple.of(2, Arbitraries.bytes()));
    }

    /**
     * @param maxSize the longest array
     * @return arbitrary bytes, biased towards NULs and digits, of uniformly distributed length
     */
    static Arbitrary<byte[]> noise(int maxSize) {
        return wireBytes().array(byte[].class).ofMaxSize(maxSize).withSizeDistribution(RandomDistribution.uniform());
    }

    /** @return a known incoming message id, or now and then an unknown or negative one, then random fields */
    static Arbitrary<byte[]> randomFieldsAfterInboundId() {
        Arbitrary<String> id = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(IncomingMessageId.class).map(m -> String.valueOf(m.code()))),
                Tuple.of(1, Arbitraries.integers().map(String::valueOf)));
        return Combinators.combine(id, fieldValues().list().ofMaxSize(20), Arbitraries.of(true, false))
                .as((first, rest, terminated) -> {
                    List<byte[]> fields = new ArrayList<>();
                    fields.add(first.getBytes(StandardCharsets.ISO_8859_1));
                    rest.forEach(f -> fields.add(f.getBytes(StandardCharsets.ISO_8859_1)));
                    return fields(fields, terminated);
                });
    }

    /**
     * The reference split of a payload into fields: each ends at a NUL, a missing final NUL is tolerated, an empty
     * payload has no field.
     *
     * @param payload the payload
     * @return its fields' bytes
     */
    static List<byte[]> split(byte[] payload) {
        List<byte[]> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == WireLimits.NUL) {
                fields.add(Arrays.copyOfRange(payload, start, i));
                start = i + 1;
            }
        }
        if (start < payload.length) {
            fields.add(Arrays.copyOfRange(payload, start, payload.length));
        }
        return fields;
    }

    private static byte[] fields(List<byte[]> fields, boolean terminated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            out.writeBytes(field);
            out.write(WireLimits.NUL);
        }
        byte[] joined = out.toByteArray();
        return terminated || joined.length == 0 ? joined : Arrays.copyOf(joined, joined.length - 1);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
