package dev.contextdb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent start-up steps (one context's migrations, one pool's first connection) on up to
 * a given number of threads, and waits for all of them: a failure never leaves a step running
 * behind the caller's back. With one thread, or one step, the steps run on the caller's thread.
 * Once a step has failed no further step starts, as when they run one after the other.
 */
final class StartupTasks {

    private static final AtomicInteger STARTS = new AtomicInteger();

    private final int threads;
    private final ClassLoader classLoader;

    /**
     * @param threads the most steps that run at once; 1 runs them one after the other
     * @param classLoader the context class loader of the threads (drivers and migrations are found through it)
     */
    public StartupTasks(int threads, ClassLoader classLoader) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.classLoader = classLoader;
    }

    /**
     * Runs the steps and returns their results in the order of the steps. When a step fails, the
     * steps still running finish, those not yet started are skipped, and the first failure in step
     * order is thrown with any others added to it as suppressed.
     * @param <T> the result type
     * @param steps the steps, independent of each other
     * @return each step's result, in step order
     */
    public <T> List<T> runAll(List<Callable<T>> steps) {
        int size = Math.min(threads, steps.size());
        if (size <= 1) {
            return runHere(steps);
        }
        int start = STARTS.incrementAndGet();
        AtomicInteger numbers = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, "context-db-start-" + start + "-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(classLoader);
            return thread;
        });
        try {
            AtomicBoolean failed = new AtomicBoolean();
            List<Future<T>> futures = new ArrayList<>(steps.size());
            for (Callable<T> step : steps) {
                futures.add(executor.submit(() -> {
                    if (failed.get()) {
                        throw new Skipped();
                    }
                    try {
                        return step.call();
                    } catch (Exception | Error e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>(steps.size());
            Throwable failure = null;
            boolean interrupted = false;
            for (Future<T> future : futures) {
                try {
                    while (true) {
                        try {
                            results.add(future.get());
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true; // the steps are waited for all the same, then the flag is restored
                        }
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof Skipped)) {
                        failure = add(failure, e.getCause());
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw rethrow(failure);
            }
            return results;
        } finally {
            executor.shutdown();
        }
    }

    private static <T> List<T> runHere(List<Callable<T>> steps) {
        List<T> results = new ArrayList<>(steps.size());
        for (Callable<T> step : steps) {
            try {
                results.add(step.call());
            } catch (Exception e) {
                throw rethrow(e);
            }
        }
        return results;
    }

    private static Throwable add(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != first) {
            first.addSuppressed(next);
        }
        return first;
    }

    /** A step not started because an earlier one failed. */
    private static final class Skipped extends Exception {

        Skipped() {
            super(null, null, false, false);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure.getMessage(), failure);
    }
}
