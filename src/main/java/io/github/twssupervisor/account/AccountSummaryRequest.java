package io.github.twssupervisor.account;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an account summary asks for.
 *
 * @param group {@code All} for every account, or a financial-advisor group's name
 * @param tags  the tags, e.g. {@code NetLiquidation}, {@code TotalCashValue}, {@code BuyingPower}, or
 *              {@code $LEDGER}, {@code $LEDGER:ALL}, {@code $LEDGER:USD}; sorted, so that the same set in another
 *              order shares one subscription
 */
public record AccountSummaryRequest(String group, List<String> tags) {

    /** TWS's group for every account of the session. */
    public static final String ALL = "All";
    /** What a tag may look like: letters, digits, {@code $}, {@code :} and {@code -}. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9$:\\-]{1,64}");

    /** Validates; sorts and copies the tags. */
    public AccountSummaryRequest {
        Objects.requireNonNull(group, "group must not be null (AccountSummaryRequest.ALL for every account)");
        Objects.requireNonNull(tags, "tags must not be null");
        if (group.isBlank() || !group.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("group must be \"All\" or an advisor group's name in printable ASCII "
                    + "without spaces, not \"" + group + "\"");
        }
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("name at least one tag, e.g. NetLiquidation, TotalCashValue");
        }
        for (String tag : tags) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("tag \"" + tag + "\" is not a TWS account tag (letters, digits, "
                        + "$, : and -, e.g. NetLiquidation or $LEDGER:USD)");
            }
        }
        tags = tags.stream().distinct().sorted().toList();
    }

    /**
     * @param tags the tags
     * @return a summary of every account of the session
     */
    public static AccountSummaryRequest of(String... tags) {
        return new AccountSummaryRequest(ALL, List.of(tags));
    }

    /** @return the tags as TWS takes them, comma-separated */
    public String tagList() {
        return String.join(",", tags);
    }

    /** @return what it is, for log lines ({@code reqAccountSummary All NetLiquidation,TotalCashValue}) */
    public String description() {
        return "reqAccountSummary " + group + " " + tagList();
    }
}
