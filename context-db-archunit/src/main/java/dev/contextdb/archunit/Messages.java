package dev.contextdb.archunit;

/** Wording shared by the rules' messages. */
final class Messages {

    private Messages() {
    }

    /** @return {@code catalog's}, but {@code orders'} */
    static String possessive(String context) {
        return context.endsWith("s") ? context + "'" : context + "'s";
    }
}
