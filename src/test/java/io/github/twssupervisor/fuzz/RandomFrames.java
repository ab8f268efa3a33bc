package io.github.twssupervisor.fuzz;

import io.github.twssupervisor.fuzz.Mutations.Kind;
import io.github.twssupervisor.fuzz.Mutations.Labeled;
import io.github.twssupervisor.fuzz.Mutations.Mutation;
import io.github.twssupervisor.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generators of {@link Mutations}, driven by one {@link SplittableRandom} instead of jqwik, so that the campaign
 * ({@link FuzzCampaign}) makes a million cases cheaply and each case is rebuilt from its seed alone. Same damage, same
 * value distributions as the jqwik arbitraries of the normal build.
 */
final class RandomFrames {

    private static final Kind[] KINDS = Kind.values();
    private static final byte[] PUNCTUATION = {'-', '+', '.', 'e', ','};

    private RandomFrames() {
    }

    /**
     * A generated payload and how it was made.
     *
     * @param origin  the seed and the damage, or "noise" / "random fields"
     * @param payload the payload
     */
    record Generated(String origin, byte[] payload) {
    }

    /**
     * @param seed a well-formed payload
     * @param rng  the case's randomness
     * @return the seed with one to four mutations applied
     */
    static Generated mutant(Labeled seed, SplittableRandom rng) {
        int count = 1 + rng.nextInt(4);
        List<Mutation> mutations = new ArrayList<>(count);
        byte[] payload = seed.payload();
        for (int i = 0; i < count; i++) {
            Mutation mutation = new Mutation(KINDS[rng.nextInt(KINDS.length)], rng.nextInt(1 << 20),
                    rng.nextInt(1 << 20), fieldValue(rng));
            mutations.add(mutation);
            payload = mutation.apply(payload);
        }
        return new Generated(seed.label() + " " + mutations, payload);
    }

    /**
     * @param payload a payload
     * @param id      the message id to put in its first field
     * @return the payload under another message id: one decoder's frame fed to another
     */
    static byte[] retarget(byte[] payload, int id) {
        List<byte[]> fields = new ArrayList<>(Mutations.split(payload));
        byte[] code = String.valueOf(id).getBytes(StandardCharsets.ISO_8859_1);
        if (fields.isEmpty()) {
            fields.add(code);
        } else {
            fields.set(0, code);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach(f -> {
            out.writeBytes(f);
            out.write(WireLimits.NUL);
        });
        return out.toByteArray();
    }

    /**
     * @param rng     the case's randomness
     * @param maxSize the longest payload
     * @return bytes of uniformly distributed length, biased towards NULs and digits ({@link Mutations#wireBytes()})
     */
    static byte[] noise(SplittableRandom rng, int maxSize) {
        byte[] bytes = new byte[rng.nextInt(maxSize + 1)];
        for (int i = 0; i < bytes.length; i++) {
            int pick = rng.nextInt(10);
            if (pick < 3) {
                bytes[i] = WireLimits.NUL;
            } else if (pick < 7) {
                bytes[i] = (byte) ('0' + rng.nextInt(10));
            } else if (pick < 8) {
                bytes[i] = PUNCTUATION[rng.nextInt(PUNCTUATION.length)];
            } else {
                bytes[i] = (byte) rng.nextInt(256);
            }
        }
        return bytes;
    }

    /**
     * @param rng the case's randomness
     * @param ids message ids to choose from (nine times in ten; else any int)
     * @return a message id, then up to 20 random field values, the final NUL present or not
     */
    static byte[] randomFields(SplittableRandom rng, int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String id = rng.nextInt(10) < 9 ? String.valueOf(ids[rng.nextInt(ids.length)]) : String.valueOf(rng.nextInt());
        out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        int count = rng.nextInt(21);
        for (int i = 0; i < count; i++) {
            out.write(WireLimits.NUL);
            out.writeBytes(fieldValue(rng).getBytes(StandardCharsets.ISO_8859_1));
        }
        if (rng.nextBoolean()) {
            out.write(WireLimits.NUL);
        }
        return out.toByteArray();
    }

    /**
     * @param rng the case's randomness
     * @return a field value without NUL, as {@link Mutations#fieldValues()}: mostly the nasty list and number-like text
     */
    static String fieldValue(SplittableRandom rng) {
        int pick = rng.nextInt(11);
        if (pick < 4) {
            return Mutations.NASTY.get(rng.nextInt(Mutations.NASTY.size()));
        } else if (pick < 6) {
            return text(rng, "0123456789", 1 + rng.nextInt(25));
        } else if (pick < 8) {
            return text(rng, "0123456789-+.eE", rng.nextInt(13));
        } else if (pick < 9) {
            return String.valueOf(rng.nextLong());
        } else if (pick < 10) {
            return String.valueOf(Double.longBitsToDouble(rng.nextLong()));
        }
        StringBuilder latin1 = new StringBuilder();
        int length = rng.nextInt(21);
        for (int i = 0; i < length; i++) {
            latin1.append((char) (1 + rng.nextInt(255)));
        }
        return latin1.toString();
    }

    private static String text(SplittableRandom rng, String chars, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(rng.nextInt(chars.length())));
        }
        return text.toString();
    }
}
