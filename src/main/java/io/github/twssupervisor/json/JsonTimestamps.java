package io.github.twssupervisor.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The wire's timestamps ({@code 2024-01-01T12:00:00.000Z}) without {@code java.time}'s formatter on the common path:
 * every message carries one or two, and the formatter's parse and print were a fifth of the JSON profile's CPU (JFR,
 * pipelined pings). The canonical form of years 0000..9999 is printed and read digit by digit; any other ISO-8601
 * instant is read by {@link DateTimeFormatter#ISO_INSTANT}, so the wire stays as lenient as before.
 */
final class JsonTimestamps {

    /** {@code uuuu-MM-ddTHH:mm:ss.SSSZ}. */
    private static final int CANONICAL_LENGTH = 24;
    private static final long MIN_FAST = LocalDate.of(0, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_FAST = LocalDate.of(10000, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final DateTimeFormatter SLOW = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private JsonTimestamps() {
    }

    /**
     * @param instant any instant
     * @return it with milliseconds (truncated), as {@code 2024-01-01T12:00:00.000Z}
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds >= MAX_FAST) {
            return SLOW.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] out = new char[CANONICAL_LENGTH];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    /**
     * @param text an ISO-8601 instant
     * @return it
     * @throws DateTimeException if it is none
     */
    static Instant parse(String text) {
        if (text.length() == CANONICAL_LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && text.charAt(19) == '.' && text.charAt(23) == 'Z') {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int millis = number(text, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour < 24 && minute >= 0
                    && minute < 60 && second >= 0 && second < 60 && millis >= 0) {
                // LocalDate.of checks the day against the month and leap years, throwing DateTimeException
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second,
                        millis * 1_000_000L);
            }
        }
        return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** @return the decimal number of {@code width} ASCII digits at {@code at}, or -1 if one is no digit */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
