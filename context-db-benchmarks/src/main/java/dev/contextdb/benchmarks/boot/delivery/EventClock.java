package dev.contextdb.benchmarks.boot.delivery;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When each event of a round was committed by its publisher and when its listener's transaction
 * committed, as {@link System#nanoTime()} read by the first after-commit callback of each
 * transaction. Both applications of the event benchmarks (context-db's and Spring Modulith's)
 * record through it, the same way, in the same JVM.
 */
public final class EventClock {

    private static volatile Round round;

    private EventClock() {
    }

    /**
     * @param firstId the id of the round's first event; its events are {@code firstId .. firstId + events - 1}
     * @param events how many
     * @return the round, now current
     */
    public static Round start(long firstId, int events) {
        Round started = new Round(firstId, events);
        round = started;
        return started;
    }

    /**
     * Called in the publisher's transaction: records when it commits.
     * @param id the event's id
     */
    public static void published(long id) {
        Round current = round;
        afterCommit(() -> current.committed(id, System.nanoTime()));
    }

    /**
     * Called in the listener's transaction: records when it commits.
     * @param id the event's id
     */
    public static void applied(long id) {
        Round current = round;
        afterCommit(() -> current.applied(id, System.nanoTime()));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("EventClock is called outside a transaction: the benchmark would time"
                    + " nothing. Call it from the publisher's or the listener's transaction.");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** One round's events. */
    public static final class Round {

        private final long firstId;
        private final long[] committed;
        private final long[] applied;
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger strays = new AtomicInteger();
        private final CountDownLatch remaining;

        Round(long firstId, int events) {
            this.firstId = firstId;
            this.committed = new long[events];
            this.applied = new long[events];
            this.remaining = new CountDownLatch(events);
        }

        void committed(long id, long at) {
            int index = index(id);
            if (index >= 0) {
                committed[index] = at;
            }
        }

        void applied(long id, long at) {
            int index = index(id);
            if (index < 0) {
                return;
            }
            synchronized (this) {
                if (applied[index] != 0) {
                    duplicates.incrementAndGet();
                    return;
                }
                applied[index] = at;
            }
            remaining.countDown();
        }

        private int index(long id) {
            long index = id - firstId;
            if (index < 0 || index >= applied.length) {
                strays.incrementAndGet();
                return -1;
            }
            return (int) index;
        }

        /**
         * @param timeout how long to wait, in milliseconds
         * @return whether every event of the round was applied in time
         * @throws InterruptedException when interrupted
         */
        public boolean awaitApplied(long timeout) throws InterruptedException {
            return remaining.await(timeout, TimeUnit.MILLISECONDS);
        }

        /** @return when the last listener transaction of the round committed, {@link System#nanoTime()} */
        public synchronized long lastApplied() {
            return Arrays.stream(applied).max().orElse(0);
        }

        /** @return events applied so far */
        public int applied() {
            return (int) (applied.length - remaining.getCount());
        }

        /** @return events applied a second time (none expected) */
        public int duplicates() {
            return duplicates.get();
        }

        /** @return events of no round of this one (none expected) */
        public int strays() {
            return strays.get();
        }

        /** @return publish-commit to listener-commit of every applied event, in microseconds, sorted */
        public synchronized long[] latenciesMicros() {
            long[] latencies = new long[applied.length];
            int count = 0;
            for (int i = 0; i < applied.length; i++) {
                if (applied[i] != 0 && committed[i] != 0) {
                    latencies[count++] = (applied[i] - committed[i]) / 1_000;
                }
            }
            long[] result = Arrays.copyOf(latencies, count);
            Arrays.sort(result);
            return result;
        }
    }
}
