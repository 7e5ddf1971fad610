package dev.contextdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Steps at once: results in step order, every running step waited for, the first failure thrown. */
class StartupTasksTest {

    @Test
    void resultsComeInStepOrderAndStepsRunAtOnce() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Callable<String> slow = () -> {
            bothStarted.countDown();
            // Only returns when the other step has started too: proves they ran at the same time.
            return bothStarted.await(10, TimeUnit.SECONDS) ? "slow" : "alone";
        };
        Callable<String> fast = () -> {
            bothStarted.countDown();
            return "fast";
        };
        assertThat(new StartupTasks(2, getClass().getClassLoader()).runAll(List.of(slow, fast)))
                .containsExactly("slow", "fast");
    }

    @Test
    void oneThreadRunsTheStepsOnTheCallersThreadInOrder() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Callable<Integer>> steps = List.of(
                () -> record(threads, 1), () -> record(threads, 2), () -> record(threads, 3));
        assertThat(new StartupTasks(1, getClass().getClassLoader()).runAll(steps)).containsExactly(1, 2, 3);
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void theFirstFailureInStepOrderIsThrownAfterTheRunningStepsFinish() {
        AtomicBoolean slowFinished = new AtomicBoolean();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch secondFailed = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicReference<Thread> firstThread = new AtomicReference<>();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        Callable<String> slow = () -> {
            slowStarted.countDown();
            // Still running when both failures are over.
            awaitIdle(firstThread);
            awaitIdle(secondThread);
            slowFinished.set(true);
            return "slow";
        };
        Callable<String> first = () -> {
            firstStarted.countDown(); // past the check for an earlier failure: it runs whatever fails now
            firstThread.set(Thread.currentThread());
            secondFailed.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("first");
        };
        Callable<String> second = () -> {
            secondThread.set(Thread.currentThread());
            slowStarted.await(10, TimeUnit.SECONDS);
            firstStarted.await(10, TimeUnit.SECONDS);
            secondFailed.countDown();
            throw new IllegalArgumentException("second");
        };
        assertThatThrownBy(() -> new StartupTasks(3, getClass().getClassLoader()).runAll(List.of(slow, first, second)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(IllegalArgumentException.class));
        assertThat(slowFinished).as("a running step is waited for").isTrue();
    }

    @Test
    void noStepStartsAfterOneFailed() {
        AtomicBoolean thirdRan = new AtomicBoolean();
        AtomicReference<Thread> failing = new AtomicReference<>();
        Callable<String> fails = () -> {
            failing.set(Thread.currentThread());
            throw new IllegalStateException("fails");
        };
        Callable<String> third = () -> {
            thirdRan.set(true);
            return "third";
        };
        // Two threads: the failing step and the slow one take both; the third waits in the queue
        // until the failing step's thread, free again, takes it and skips it.
        Callable<String> slow = () -> {
            awaitIdle(failing);
            return "slow";
        };
        assertThatThrownBy(() -> new StartupTasks(2, getClass().getClassLoader()).runAll(List.of(fails, slow, third)))
                .hasMessage("fails");
        assertThat(thirdRan).isFalse();
        assertThatThrownBy(() -> new StartupTasks(1, getClass().getClassLoader()).runAll(List.of(fails, third)))
                .hasMessage("fails");
        assertThat(thirdRan).isFalse();
    }

    @Test
    void threadsCarryTheClassLoaderOfTheApplication() {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) { };
        List<Callable<ClassLoader>> steps = List.of(
                () -> Thread.currentThread().getContextClassLoader(),
                () -> Thread.currentThread().getContextClassLoader());
        assertThat(new StartupTasks(2, loader).runAll(steps)).containsOnly(loader);
    }

    @Test
    void lessThanOneThreadIsRefused() {
        assertThatThrownBy(() -> new StartupTasks(0, getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, was 0");
    }

    /**
     * Waits until the thread has run a step and everything queued after it, and waits idle in its
     * pool for more: polled, for 10 s at most.
     */
    private static void awaitIdle(AtomicReference<Thread> thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the thread " + thread.get() + " did not finish its steps within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static Integer record(List<String> threads, int value) {
        threads.add(Thread.currentThread().getName());
        return value;
    }
}
