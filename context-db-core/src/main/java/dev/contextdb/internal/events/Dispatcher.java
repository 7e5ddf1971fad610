package dev.contextdb.internal.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that claims due deliveries, context by context, and hands them to a small pool of
 * workers. It claims ahead: up to {@value #AHEAD} deliveries per worker are leased and queued, so
 * that one claim (a transaction, a commit) serves several deliveries instead of one each — under
 * load the claim, not the listener, was what limited delivery. A queued delivery whose lease has
 * run out before a worker takes it is left for the next claim (it may be another instance's by
 * then), so a long queue never delivers an event that is no longer this instance's. A committing
 * transaction of this instance skips the claim for what it can: it reserves slots here, inserts
 * those deliveries already leased, and {@linkplain #handOver hands them over} after its commit.
 * The dispatcher wakes when a publishing transaction commits deliveries it did not hand over,
 * when a claimed delivery finishes, when a retry falls due, and every poll interval (the safety net: events of another
 * instance, of a crashed one, expired leases). Cleanup of completed rows runs on the same thread.
 *
 * <p>Locks are {@link ReentrantLock}s, never {@code synchronized}, and no lock is held across a
 * database call, so that the workers may be virtual threads.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Deliveries leased per worker thread at most: the one running and those queued for it. */
    static final int AHEAD = 4;

    private final EventEngine engine;
    private final EventSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> dirty = new LinkedHashSet<>();
    private long retryAt = Long.MAX_VALUE;
    private int busy;
    private boolean running;
    private Thread thread;
    private ExecutorService workers;

    Dispatcher(EventEngine engine, EventSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            workers = Executors.newFixedThreadPool(settings.threads(), threads("context-db-events-"));
            thread = threads("context-db-events-dispatcher").newThread(this::run);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    void wake(String context) {
        lock.lock();
        try {
            dirty.add(context);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    void retryAt(long at) {
        lock.lock();
        try {
            if (at < retryAt) {
                retryAt = at;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        // The first round claims at once: what an earlier run (or a crashed instance) left behind.
        long nextPoll = 0;
        long nextCleanup = System.currentTimeMillis() + settings.pollInterval().toMillis();
        while (true) {
            List<String> contexts;
            lock.lock();
            try {
                while (true) {
                    if (!running) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    if (now >= nextPoll) {
                        dirty.addAll(engine.stores().keySet());
                        nextPoll = now + settings.pollInterval().toMillis();
                    }
                    if (now >= retryAt) {
                        dirty.addAll(engine.stores().keySet());
                        retryAt = Long.MAX_VALUE;
                    }
                    if (!dirty.isEmpty() && busy < capacity()) {
                        break;
                    }
                    long until = Math.min(Math.min(nextPoll, retryAt), nextCleanup);
                    if (until <= now) {
                        break;
                    }
                    changed.await(until - now, TimeUnit.MILLISECONDS);
                }
                contexts = new ArrayList<>(dirty);
                dirty.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            for (String context : contexts) {
                claim(context);
            }
            if (System.currentTimeMillis() >= nextCleanup) {
                cleanup();
                nextCleanup = System.currentTimeMillis() + settings.pollInterval().toMillis();
            }
        }
    }

    private void claim(String context) {
        int idle;
        lock.lock();
        try {
            idle = capacity() - busy;
            if (idle <= 0) {
                dirty.add(context);
                return;
            }
            busy += idle;
        } finally {
            lock.unlock();
        }
        List<EventStore.Claimed> claimed = List.of();
        long leaseUntil = 0;
        try {
            long now = System.currentTimeMillis();
            leaseUntil = now + settings.lease().toMillis();
            claimed = engine.stores().get(context).claim(settings.instanceId(), now, leaseUntil, idle);
        } catch (Exception e) {
            log.warn("Could not claim the due events of context '{}'; trying again shortly: {}", context, e.toString());
            retryAt(System.currentTimeMillis() + Math.min(settings.pollInterval().toMillis(), 1000));
        } finally {
            lock.lock();
            try {
                busy -= idle - claimed.size();
                if (claimed.size() == idle) {
                    // A full batch: there may be more.
                    dirty.add(context);
                }
            } finally {
                lock.unlock();
            }
        }
        for (EventStore.Claimed delivery : claimed) {
            submit(context, delivery, leaseUntil, true);
        }
    }

    /**
     * Reserves worker slots for deliveries that a committing transaction leases to this instance
     * as it inserts them ({@link #handOver}), counted like claimed ones against the deliveries
     * this instance may hold ahead.
     * @return how many slots were granted, at most {@code wanted}; none when not delivering
     */
    int reserve(int wanted) {
        lock.lock();
        try {
            if (!running || wanted <= 0) {
                return 0;
            }
            int granted = Math.max(0, Math.min(wanted, capacity() - busy));
            busy += granted;
            return granted;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back reserved slots that no delivery took: the transaction rolled back, or leased fewer. */
    void release(int slots) {
        if (slots <= 0) {
            return;
        }
        lock.lock();
        try {
            busy -= slots;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs deliveries that a transaction leased to this instance when it inserted them, now that it
     * has committed: straight to the workers, without a claim — the commit-to-listener path is a
     * thread hand-over and the listener's own transaction. If the dispatcher has stopped meanwhile,
     * the deliveries are not run: their leases run out and the next claim, of this instance's next
     * start or of another instance, takes them.
     * @param reserved the slots reserved for them, at least {@code deliveries.size()}
     */
    void handOver(String context, List<EventStore.Claimed> deliveries, long leaseUntil, int reserved) {
        lock.lock();
        try {
            if (!running) {
                busy -= reserved;
                return;
            }
            busy -= reserved - deliveries.size();
        } finally {
            lock.unlock();
        }
        for (EventStore.Claimed delivery : deliveries) {
            // A delivery without a key releases no other one when done: no claim needed after it.
            submit(context, delivery, leaseUntil, false);
        }
    }

    /** Queues a leased delivery for a worker; one whose lease runs out while queued is left for the next claim. */
    private void submit(String context, EventStore.Claimed delivery, long leaseUntil, boolean claimAfter) {
        Runnable run = () -> {
            boolean claim = claimAfter;
            try {
                if (System.currentTimeMillis() >= leaseUntil) {
                    log.debug("Lease of delivery {} of context '{}' ran out while queued; left for the next claim",
                            delivery.id(), context);
                    claim = true;
                    return;
                }
                engine.deliver(delivery);
            } finally {
                finished(context, claim);
            }
        };
        try {
            workers.execute(run);
        } catch (RejectedExecutionException stopped) {
            // Closed meanwhile: the delivery's lease runs out and the next claim, here or elsewhere, takes it.
            release(1);
        }
    }

    private int capacity() {
        return settings.threads() * AHEAD;
    }

    /**
     * A worker is free again.
     * @param claim whether to claim the context again: a claimed delivery done may have released
     *     the next one of its key
     */
    private void finished(String context, boolean claim) {
        lock.lock();
        try {
            busy--;
            if (claim) {
                dirty.add(context);
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void cleanup() {
        long cutoff = System.currentTimeMillis() - settings.retention().toMillis();
        engine.stores().forEach((context, store) -> {
            try {
                int deleted;
                do {
                    deleted = store.deleteCompleted(cutoff, settings.cleanupBatch());
                } while (deleted >= settings.cleanupBatch() && isRunning());
            } catch (Exception e) {
                log.warn("Could not delete the completed events of context '{}': {}", context, e.toString());
            }
        });
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        Thread dispatcher;
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            changed.signalAll();
            dispatcher = thread;
        } finally {
            lock.unlock();
        }
        try {
            dispatcher.join(settings.lease().toMillis());
            workers.shutdown();
            if (!workers.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
