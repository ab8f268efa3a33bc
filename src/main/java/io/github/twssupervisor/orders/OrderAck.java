package io.github.twssupervisor.orders;

/**
 * TWS's first word on an order: it has the order and says what it does with it.
 *
 * @param orderId the order id
 * @param status  its first status ({@code PreSubmitted}, {@code Submitted}, ...)
 * @param permId  TWS's permanent id, 0 if the first word carried none
 */
public record OrderAck(int orderId, OrderStatus status, long permId) {
}
