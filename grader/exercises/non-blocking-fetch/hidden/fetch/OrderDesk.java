package fetch;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls {@code fetchAll} on a thread of its own, the order desk, so that a test can watch whether the call
 * returns, or sits waiting, while the kitchen holds the answers back.
 */
final class OrderDesk {
    /** How long the desk may sit parked in {@code fetchAll}, with a request already at the kitchen, before it counts as waiting for answers. */
    static final Duration PARKED_MEANS_WAITING = Duration.ofMillis(1_500);
    /** How long {@code fetchAll} may take to return at all (it has nothing to wait for). */
    static final Duration RETURN_CAP = Duration.ofSeconds(6);

    private final Thread desk;
    private final long calledAt;
    private final long calledAtRunClock;
    private volatile CompletableFuture<List<FetchResult>> future;
    private volatile Throwable thrown;

    private OrderDesk(OrderFetcher fetcher, List<URI> uris) {
        calledAt = System.nanoTime();
        calledAtRunClock = RunClock.now();
        desk = Thread.ofPlatform().name("order-desk").daemon().unstarted(() -> {
            try {
                future = fetcher.fetchAll(uris);
            } catch (Throwable t) {
                thrown = t;
            }
        });
    }

    /** Starts the call {@code fetcher.fetchAll(uris)} on the desk thread. */
    static OrderDesk call(OrderFetcher fetcher, List<URI> uris) {
        OrderDesk call = new OrderDesk(fetcher, uris);
        call.desk.start();
        return call;
    }

    /** How {@code fetchAll} ended up while the kitchen held its answers. */
    sealed interface Outcome {
        /** It returned this future. */
        record Returned(CompletableFuture<List<FetchResult>> future) implements Outcome {
        }

        /** It threw instead of returning a future. */
        record Threw(Throwable error) implements Outcome {
        }

        /** It sat parked, waiting for something, with requests at the kitchen; where it waited. */
        record Waiting(int arrived, String where) implements Outcome {
        }

        /** It neither returned nor waited within the cap (busy in a loop, say). */
        record Busy(String where) implements Outcome {
        }
    }

    /**
     * Waits until {@code fetchAll} returns; tells when it sits parked for {@link #PARKED_MEANS_WAITING} with a
     * request at the kitchen (it waits for an answer that the kitchen holds back), or runs past {@link #RETURN_CAP}.
     */
    Outcome awaitReturn(Kitchen kitchen) throws InterruptedException {
        long parkedSince = 0;
        while (true) {
            if (desk.join(Duration.ofMillis(5))) {
                return thrown != null ? new Outcome.Threw(thrown) : new Outcome.Returned(future);
            }
            long now = RunClock.now();
            Thread.State state = desk.getState();
            boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED;
            if (!parked || kitchen.arrived() == 0) {
                parkedSince = 0;
            } else if (parkedSince == 0) {
                parkedSince = now;
            } else if (now - parkedSince >= PARKED_MEANS_WAITING.toNanos()) {
                return new Outcome.Waiting(kitchen.arrived(), where());
            }
            if (now - calledAtRunClock >= RETURN_CAP.toNanos()) {
                return new Outcome.Busy(where());
            }
        }
    }

    /**
     * Waits until {@code fetchAll} has returned, for at most {@code cap} after the call (on the {@link RunClock});
     * a call that threw or returned null fails the test.
     */
    void awaitCall(Duration cap) throws InterruptedException, TimeoutException {
        while (!desk.join(Duration.ofMillis(5))) {
            if (RunClock.passed(calledAtRunClock, cap)) {
                throw new TimeoutException("fetchAll has not returned");
            }
        }
        if (thrown != null) {
            throw new AssertionError("fetchAll threw " + thrown + " instead of returning a future", thrown);
        }
        if (future == null) {
            throw new AssertionError("fetchAll returned null instead of a future");
        }
    }

    /** Whether {@code fetchAll} is still running. */
    boolean isCalling() {
        return desk.isAlive();
    }

    /** Waits for the returned future to complete, for at most {@code cap} after the call (on the {@link RunClock}). */
    List<FetchResult> results(Duration cap) throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                return future.get(5, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (RunClock.passed(calledAtRunClock, cap)) {
                    throw notYet;
                }
            }
        }
    }

    /** Time since the call. */
    Duration sinceCall() {
        return Duration.ofNanos(System.nanoTime() - calledAt);
    }

    /** Where in the student's code the desk thread is now, with the call it is making there. */
    String where() {
        StackTraceElement[] stack = desk.getStackTrace();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith("fetch.OrderFetcher")) {
                String called = i > 0 ? " calling " + simple(stack[i - 1]) : "";
                frames.add(simple(stack[i]) + " (line " + stack[i].getLineNumber() + ")" + called);
                break;
            }
        }
        return frames.isEmpty() ? "no frame of OrderFetcher on its stack" : String.join(", ", frames);
    }

    private static String simple(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }
}
