package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever {@link FieldWriter} writes, {@link FieldReader} and {@link Frames#fields} read back unchanged. */
class FieldRoundTripTest {

    /** Spellings that {@link FieldReader#readDecimal()} maps to "unset" (TWS-WIRE.md §1.1), so not a value. */
    private static final Set<String> UNSET_DECIMALS = Set.of(String.valueOf(Integer.MAX_VALUE),
            String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE));

    /** One typed field: how it is written and how it is read back. */
    private sealed interface Field {

        void writeTo(FieldWriter writer);

        Field readFrom(FieldReader reader);
    }

    private record IntField(int value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeInt(value);
        }

        public Field readFrom(FieldReader reader) {
            return new IntField(reader.readInt());
        }
    }

    /** Integer.MAX_VALUE is written as an empty field and read back as the sentinel. */
    private record OptionalIntField(int value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeIntOrEmpty(value);
        }

        public Field readFrom(FieldReader reader) {
            return new OptionalIntField(reader.readIntOrUnset());
        }
    }

    private record LongField(long value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeLong(value);
        }

        public Field readFrom(FieldReader reader) {
            return new LongField(reader.readLong());
        }
    }

    /** Records compare doubles with Double.compare: -0.0 and 0.0 stay apart. */
    private record DoubleField(double value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeDouble(value);
        }

        public Field readFrom(FieldReader reader) {
            return new DoubleField(reader.readDouble());
        }
    }

    /** Double.MAX_VALUE is written as an empty field and read back as the sentinel. */
    private record OptionalDoubleField(double value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeDoubleOrEmpty(value);
        }

        public Field readFrom(FieldReader reader) {
            return new OptionalDoubleField(reader.readDoubleOrUnset());
        }
    }

    private record BoolField(boolean value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeBool(value);
        }

        public Field readFrom(FieldReader reader) {
            return new BoolField(reader.readBool());
        }
    }

    private record StringField(String value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeString(value);
        }

        public Field readFrom(FieldReader reader) {
            return new StringField(reader.readString());
        }
    }

    /** Null is "unset": an empty field. */
    private record DecimalField(BigDecimal value) implements Field {
        public void writeTo(FieldWriter writer) {
            writer.writeDecimal(value);
        }

        public Field readFrom(FieldReader reader) {
            return new DecimalField(reader.readDecimal().orElse(null));
        }
    }

    @Property
    void typedFieldsReadBackAsWritten(@ForAll("fieldLists") List<Field> fields, @ForAll DoubleStyle style) {
        FieldWriter writer = new FieldWriter(style);
        fields.forEach(f -> f.writeTo(writer));
        byte[] frame = writer.toFrame();

        FieldReader reader = new FieldReader(frame, WireLimits.LENGTH_PREFIX_BYTES,
                frame.length - WireLimits.LENGTH_PREFIX_BYTES);
        assertEquals(fields.size(), reader.remainingFields());
        List<Field> readBack = new ArrayList<>();
        for (Field field : fields) {
            readBack.add(field.readFrom(reader));
        }

        assertEquals(fields, readBack, writer::toString);
        assertFalse(reader.hasMore());
    }

    @Property
    void printableStringsSplitBackIntoTheSameFields(@ForAll("stringLists") List<String> fields) {
        byte[] frame = FieldWriter.frameOf(fields);
        byte[] payload = Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);

        assertEquals(payload.length, Frames.readLength(frame, 0));
        assertEquals(fields, Frames.fields(payload));
    }

    @Provide
    Arbitrary<List<Field>> fieldLists() {
        Arbitrary<Double> anyDouble = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d)),
                Arbitraries.doubles(),
                Arbitraries.of(Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0));
        Arbitrary<BigDecimal> decimals = Arbitraries.bigDecimals().ofScale(6)
                .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                .map(BigDecimal::stripTrailingZeros)
                .map(d -> d.scale() < 0 ? d.setScale(0) : d)
                .filter(d -> !UNSET_DECIMALS.contains(d.toPlainString()));
        Arbitrary<Field> field = Arbitraries.oneOf(
                Arbitraries.integers().map(IntField::new),
                Arbitraries.integers().map(OptionalIntField::new),
                Arbitraries.longs().map(LongField::new),
                anyDouble.map(DoubleField::new),
                anyDouble.map(OptionalDoubleField::new),
                Arbitraries.of(true, false).map(BoolField::new),
                printable().map(StringField::new),
                decimals.injectNull(0.1).map(DecimalField::new));
        return field.list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> stringLists() {
        return printable().list().ofMinSize(1).ofMaxSize(30);
    }

    /** What TWS accepts in a string field: printable ASCII plus TAB, CR and LF. */
    private static Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\r', '\n').ofMaxLength(40);
    }
}
