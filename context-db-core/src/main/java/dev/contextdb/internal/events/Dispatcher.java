package dev.contextdb.internal.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * then), so a long queue never delivers an event that is no longer this instance's. It wakes when a publishing transaction commits, when a worker
 * finishes, when a retry falls due, and every poll interval (the safety net: events of another
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
        long leased = leaseUntil;
        for (EventStore.Claimed delivery : claimed) {
            workers.execute(() -> {
                try {
                    if (System.currentTimeMillis() >= leased) {
                        log.debug("Lease of delivery {} of context '{}' ran out while queued; left for the next claim",
                                delivery.id(), context);
                        return;
                    }
                    engine.deliver(delivery);
                } finally {
                    finished(context);
                }
            });
        }
    }

    private int capacity() {
        return settings.threads() * AHEAD;
    }

    /** A worker is free again; a delivery done may have released the next one of its key. */
    private void finished(String context) {
        lock.lock();
        try {
            busy--;
            dirty.add(context);
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
