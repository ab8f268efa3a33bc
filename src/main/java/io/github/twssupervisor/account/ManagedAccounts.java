package io.github.twssupervisor.account;

import io.github.twssupervisor.connection.Ready;
import java.util.Optional;

/** The one check of an account argument against the accounts the session manages (managedAccounts at the handshake). */
final class ManagedAccounts {

    private ManagedAccounts() {
    }

    /**
     * @param account an account a request names
     * @param session the current connection's handshake
     * @return why the request cannot be made, if the session does not manage the account
     */
    static Optional<String> refusal(String account, Ready session) {
        if (session.accounts().contains(account)) {
            return Optional.empty();
        }
        return Optional.of("account " + account + " is not managed by this session (it manages "
                + (session.accounts().isEmpty() ? "none" : String.join(", ", session.accounts())) + ")");
    }
}
