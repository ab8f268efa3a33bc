package io.github.twssupervisor.config;

import java.util.List;

/**
 * How the library and the runnable show what they log and print ({@code tws.log} in reference.conf).
 *
 * @param maskAccounts show account ids as {@code DU****11} in INFO logs and in the commands' output; the API's values
 *                     ({@code Ready.accounts()}, an execution's account) are never masked
 */
public record LogSettings(boolean maskAccounts) {

    /** The default of reference.conf: accounts masked. */
    public static final LogSettings DEFAULT = new LogSettings(true);

    /** The characters kept at each end of an account id of at least {@link #MIN_SHOWN_LENGTH} characters. */
    private static final int KEPT = 2;
    /** Shorter ids keep only their first character. */
    private static final int MIN_SHOWN_LENGTH = 6;

    /**
     * @param account an account id, e.g. {@code DU111111}
     * @return it as it may be shown: {@code DU****11} when masking, else unchanged
     */
    public String account(String account) {
        return maskAccounts ? mask(account) : account;
    }

    /**
     * @param accounts account ids
     * @return each as it may be shown
     */
    public List<String> accounts(List<String> accounts) {
        return accounts.stream().map(this::account).toList();
    }

    /**
     * @param account an account id
     * @return the first two and last two characters with a {@code *} for each one between ({@code DU111111} ->
     *     {@code DU****11}); ids under 6 characters keep only their first ({@code DU1} -> {@code D**}); empty stays
     *     empty
     */
    public static String mask(String account) {
        if (account == null || account.isEmpty()) {
            return account;
        }
        int length = account.length();
        if (length < MIN_SHOWN_LENGTH) {
            return account.charAt(0) + "*".repeat(length - 1);
        }
        return account.substring(0, KEPT) + "*".repeat(length - 2 * KEPT) + account.substring(length - KEPT);
    }
}
