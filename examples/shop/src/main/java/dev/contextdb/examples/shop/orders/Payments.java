package dev.contextdb.examples.shop.orders;

import org.springframework.stereotype.Component;

/**
 * The stand-in for a payment provider: it declines any order above {@link #LIMIT_CENTS}. Charged
 * inside orders' transaction, after the order was saved and {@link OrderPlaced} published, so a
 * declined payment rolls both back.
 */
@Component
class Payments {

    static final long LIMIT_CENTS = 10_000;

    void charge(String customer, long totalCents) {
        if (totalCents > LIMIT_CENTS) {
            throw new PaymentDeclined(customer, totalCents, LIMIT_CENTS);
        }
    }
}
