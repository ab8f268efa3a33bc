package io.github.twssupervisor.connection;

import io.github.twssupervisor.wire.TwsErrorCode;

/** How the supervisor classifies the codes of session-level messages (TWS-WIRE.md §6). */
final class Notices {

    private Notices() {
    }

    /**
     * @param code an error code carried with id -1
     * @return its class
     */
    static ConnectionEvent.NoticeKind classify(int code) {
        switch (code) {
            case TwsErrorCode.CONNECTIVITY_LOST:
                return ConnectionEvent.NoticeKind.CONNECTIVITY_LOST;
            case TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST:
                return ConnectionEvent.NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST;
            case TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT:
                return ConnectionEvent.NoticeKind.CONNECTIVITY_RESTORED_DATA_KEPT;
            case TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN:
                return ConnectionEvent.NoticeKind.TWS_SERVER_CONNECTIVITY_BROKEN;
            case TwsErrorCode.SOCKET_PORT_RESET:
                return ConnectionEvent.NoticeKind.SOCKET_PORT_RESET;
            case TwsErrorCode.MARKET_DATA_FARM_BROKEN:
            case TwsErrorCode.MARKET_DATA_FARM_OK:
            case TwsErrorCode.HMDS_FARM_BROKEN:
            case TwsErrorCode.HMDS_FARM_OK:
            case TwsErrorCode.HMDS_FARM_INACTIVE:
            case TwsErrorCode.MARKET_DATA_FARM_INACTIVE:
            case TwsErrorCode.MARKET_DATA_FARM_CONNECTING:
            case TwsErrorCode.SEC_DEF_FARM_BROKEN:
            case TwsErrorCode.SEC_DEF_FARM_OK:
                return ConnectionEvent.NoticeKind.FARM_STATUS;
            default:
                return ConnectionEvent.NoticeKind.OTHER;
        }
    }
}
