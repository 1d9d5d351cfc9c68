package dev.uoom.parse;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.uoom.model.Uptime;

/** Parses {@code /proc/uptime}: {@code <uptime> <idle>} in seconds with two decimals, then a newline. */
public final class UptimeParser {
    static final String FILE = "uptime";

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?)\\n?");

    private UptimeParser() {
    }

    /**
     * @throws ProcFormatException if the text is not two decimal numbers
     */
    public static Uptime parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new ProcFormatException(FILE, 0, "expected \"<seconds> <seconds>\", got \"" + text.strip() + "\"");
        }
        return new Uptime(seconds(m.group(1)), seconds(m.group(2)));
    }

    private static Duration seconds(String decimal) {
        BigDecimal seconds = new BigDecimal(decimal);
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        return Duration.ofSeconds(whole.longValueExact(),
                seconds.subtract(whole).movePointRight(9).longValueExact());
    }
}
