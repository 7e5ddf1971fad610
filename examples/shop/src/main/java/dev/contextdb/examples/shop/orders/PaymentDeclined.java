package dev.contextdb.examples.shop.orders;

/** The payment for an order was declined: the order is not recorded, and nothing is published. */
public class PaymentDeclined extends RuntimeException {

    PaymentDeclined(String customer, long totalCents, long limitCents) {
        super("Payment declined for " + customer + ": " + totalCents + " cents is over the limit of " + limitCents
                + " cents");
    }
}
