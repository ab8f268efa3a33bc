package io.github.twssupervisor.simulator;

import io.github.twssupervisor.wire.TwsErrorCode;
import java.net.InetSocketAddress;

/** TWS's wording of the session-level notices the simulator can send (TWS-WIRE.md §6). */
final class NoticeTexts {

    private NoticeTexts() {
    }

    static String text(int code, InetSocketAddress address) {
        switch (code) {
            case TwsErrorCode.CONNECTIVITY_LOST:
                return "Connectivity between IB and Trader Workstation has been lost.";
            case TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST:
                return "Connectivity between IB and Trader Workstation has been restored - data lost.";
            case TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT:
                return "Connectivity between IB and Trader Workstation has been restored - data maintained.";
            case TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN:
                return "Connectivity between Trader Workstation and server is broken. It will be restored "
                        + "automatically.";
            case TwsErrorCode.SOCKET_PORT_RESET:
                return "TWS socket port has been reset and this connection is being dropped. Please reconnect on the "
                        + "new port - " + address.getPort();
            case TwsErrorCode.MARKET_DATA_FARM_BROKEN:
                return "Market data farm connection is broken:usfarm";
            case TwsErrorCode.MARKET_DATA_FARM_OK:
                return "Market data farm connection is OK:usfarm";
            default:
                return "Simulated notice " + code;
        }
    }
}
