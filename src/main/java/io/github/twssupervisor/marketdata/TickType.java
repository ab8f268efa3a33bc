package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.wire.CodeIndex;
import java.util.Arrays;

/**
 * The tick types of market data messages with their wire ids (TWS-WIRE.md §5.6; the official clients' ticktype list).
 * An id this library does not list decodes as {@link #UNKNOWN} rather than failing.
 */
public enum TickType {

    /** Tick type 0. */
    BID_SIZE(0),
    /** Tick type 1. */
    BID(1),
    /** Tick type 2. */
    ASK(2),
    /** Tick type 3. */
    ASK_SIZE(3),
    /** Tick type 4. */
    LAST(4),
    /** Tick type 5. */
    LAST_SIZE(5),
    /** Tick type 6. */
    HIGH(6),
    /** Tick type 7. */
    LOW(7),
    /** Tick type 8. */
    VOLUME(8),
    /** Tick type 9. */
    CLOSE(9),
    /** Tick type 10. */
    BID_OPTION_COMPUTATION(10),
    /** Tick type 11. */
    ASK_OPTION_COMPUTATION(11),
    /** Tick type 12. */
    LAST_OPTION_COMPUTATION(12),
    /** Tick type 13. */
    MODEL_OPTION(13),
    /** Tick type 14. */
    OPEN(14),
    /** Tick type 15. */
    LOW_13_WEEK(15),
    /** Tick type 16. */
    HIGH_13_WEEK(16),
    /** Tick type 17. */
    LOW_26_WEEK(17),
    /** Tick type 18. */
    HIGH_26_WEEK(18),
    /** Tick type 19. */
    LOW_52_WEEK(19),
    /** Tick type 20. */
    HIGH_52_WEEK(20),
    /** Tick type 21. */
    AVG_VOLUME(21),
    /** Tick type 22. */
    OPEN_INTEREST(22),
    /** Tick type 23. */
    OPTION_HISTORICAL_VOL(23),
    /** Tick type 24. */
    OPTION_IMPLIED_VOL(24),
    /** Tick type 25. */
    OPTION_BID_EXCH(25),
    /** Tick type 26. */
    OPTION_ASK_EXCH(26),
    /** Tick type 27. */
    OPTION_CALL_OPEN_INTEREST(27),
    /** Tick type 28. */
    OPTION_PUT_OPEN_INTEREST(28),
    /** Tick type 29. */
    OPTION_CALL_VOLUME(29),
    /** Tick type 30. */
    OPTION_PUT_VOLUME(30),
    /** Tick type 31. */
    INDEX_FUTURE_PREMIUM(31),
    /** Tick type 32. */
    BID_EXCH(32),
    /** Tick type 33. */
    ASK_EXCH(33),
    /** Tick type 34. */
    AUCTION_VOLUME(34),
    /** Tick type 35. */
    AUCTION_PRICE(35),
    /** Tick type 36. */
    AUCTION_IMBALANCE(36),
    /** Tick type 37. */
    MARK_PRICE(37),
    /** Tick type 38. */
    BID_EFP_COMPUTATION(38),
    /** Tick type 39. */
    ASK_EFP_COMPUTATION(39),
    /** Tick type 40. */
    LAST_EFP_COMPUTATION(40),
    /** Tick type 41. */
    OPEN_EFP_COMPUTATION(41),
    /** Tick type 42. */
    HIGH_EFP_COMPUTATION(42),
    /** Tick type 43. */
    LOW_EFP_COMPUTATION(43),
    /** Tick type 44. */
    CLOSE_EFP_COMPUTATION(44),
    /** Tick type 45. */
    LAST_TIMESTAMP(45),
    /** Tick type 46. */
    SHORTABLE(46),
    /** Tick type 47. */
    FUNDAMENTAL_RATIOS(47),
    /** Tick type 48. */
    RT_VOLUME(48),
    /** Tick type 49. */
    HALTED(49),
    /** Tick type 50. */
    BID_YIELD(50),
    /** Tick type 51. */
    ASK_YIELD(51),
    /** Tick type 52. */
    LAST_YIELD(52),
    /** Tick type 53. */
    CUST_OPTION_COMPUTATION(53),
    /** Tick type 54. */
    TRADE_COUNT(54),
    /** Tick type 55. */
    TRADE_RATE(55),
    /** Tick type 56. */
    VOLUME_RATE(56),
    /** Tick type 57. */
    LAST_RTH_TRADE(57),
    /** Tick type 58. */
    RT_HISTORICAL_VOL(58),
    /** Tick type 59. */
    IB_DIVIDENDS(59),
    /** Tick type 60. */
    BOND_FACTOR_MULTIPLIER(60),
    /** Tick type 61. */
    REGULATORY_IMBALANCE(61),
    /** Tick type 62. */
    NEWS_TICK(62),
    /** Tick type 63. */
    SHORT_TERM_VOLUME_3_MIN(63),
    /** Tick type 64. */
    SHORT_TERM_VOLUME_5_MIN(64),
    /** Tick type 65. */
    SHORT_TERM_VOLUME_10_MIN(65),
    /** Tick type 66. */
    DELAYED_BID(66),
    /** Tick type 67. */
    DELAYED_ASK(67),
    /** Tick type 68. */
    DELAYED_LAST(68),
    /** Tick type 69. */
    DELAYED_BID_SIZE(69),
    /** Tick type 70. */
    DELAYED_ASK_SIZE(70),
    /** Tick type 71. */
    DELAYED_LAST_SIZE(71),
    /** Tick type 72. */
    DELAYED_HIGH(72),
    /** Tick type 73. */
    DELAYED_LOW(73),
    /** Tick type 74. */
    DELAYED_VOLUME(74),
    /** Tick type 75. */
    DELAYED_CLOSE(75),
    /** Tick type 76. */
    DELAYED_OPEN(76),
    /** Tick type 77. */
    RT_TRD_VOLUME(77),
    /** Tick type 78. */
    CREDITMAN_MARK_PRICE(78),
    /** Tick type 79. */
    CREDITMAN_SLOW_MARK_PRICE(79),
    /** Tick type 80. */
    DELAYED_BID_OPTION(80),
    /** Tick type 81. */
    DELAYED_ASK_OPTION(81),
    /** Tick type 82. */
    DELAYED_LAST_OPTION(82),
    /** Tick type 83. */
    DELAYED_MODEL_OPTION(83),
    /** Tick type 84. */
    LAST_EXCH(84),
    /** Tick type 85. */
    LAST_REG_TIME(85),
    /** Tick type 86. */
    FUTURES_OPEN_INTEREST(86),
    /** Tick type 87. */
    AVG_OPT_VOLUME(87),
    /** Tick type 88. */
    DELAYED_LAST_TIMESTAMP(88),
    /** Tick type 89. */
    SHORTABLE_SHARES(89),
    /** Tick type 90. */
    DELAYED_HALTED(90),
    /** Tick type 91. */
    REUTERS_2_MUTUAL_FUNDS(91),
    /** Tick type 92. */
    ETF_NAV_CLOSE(92),
    /** Tick type 93. */
    ETF_NAV_PRIOR_CLOSE(93),
    /** Tick type 94. */
    ETF_NAV_BID(94),
    /** Tick type 95. */
    ETF_NAV_ASK(95),
    /** Tick type 96. */
    ETF_NAV_LAST(96),
    /** Tick type 97. */
    ETF_FROZEN_NAV_LAST(97),
    /** Tick type 98. */
    ETF_NAV_HIGH(98),
    /** Tick type 99. */
    ETF_NAV_LOW(99),
    /** Tick type 100. */
    SOCIAL_MARKET_ANALYTICS(100),
    /** Tick type 101. */
    ESTIMATED_IPO_MIDPOINT(101),
    /** Tick type 102. */
    FINAL_IPO_LAST(102),
    /** Tick type 103. */
    DELAYED_YIELD_BID(103),
    /** Tick type 104. */
    DELAYED_YIELD_ASK(104),
    /** Any tick id not listed above. */
    UNKNOWN(-1);

    private static final CodeIndex<TickType> INDEX = new CodeIndex<>(
            Arrays.stream(values()).filter(t -> t.code >= 0).toArray(TickType[]::new), TickType::code);

    private final int code;

    TickType(int code) {
        this.code = code;
    }

    /** @return the id on the wire, -1 for {@link #UNKNOWN} */
    public int code() {
        return code;
    }

    /**
     * @param code a tick type id read from the wire
     * @return its type, {@link #UNKNOWN} for an id not listed
     */
    public static TickType fromCode(int code) {
        return INDEX.find(code).orElse(UNKNOWN);
    }
}
